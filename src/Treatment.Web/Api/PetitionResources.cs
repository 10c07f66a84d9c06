using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Web.Api;

public sealed record LocalizedResource(string Ko, string En);

public sealed record PetitionerResource(string Name, string? Phone, string? Email, string? Address, string? ResidentNumber);

public sealed record CodeNameResource(string Code, string NameKo, string NameEn);

public sealed record WorkflowResource(string Id, int Version);

public sealed record AssigneeResource(Guid Id, string Name);

public sealed record ActionResource(string Trigger, LocalizedResource Title, IReadOnlyList<string> Inputs);

public sealed record DeadlineExplanationResource(string Due, string CountedIn, string Period, LocalizedResource Text);

public sealed record TimelineEventResource(long Id, string Type, DateTimeOffset At, string Actor, string? Trigger, string? From, string? To, string? Reason);

/// <summary>How a notice went to the petitioner: channel (email, sms, alimtalk, paper, in-person), status (in-person, queued, sent, failed, undelivered).</summary>
public sealed record NoticeDeliveryResource(string Channel, string Status, DateTimeOffset? SentAt, DateTimeOffset? ReturnedAt, string? ReturnedReason)
{
    public static NoticeDeliveryResource Of(Notice notice)
    {
        var view = NoticeDeliveryView.Of(notice);
        return new(view.Channel, view.StatusName, view.SentAt, view.ReturnedAt, view.ReturnedReason);
    }
}

public sealed record NoticeResource(long Id, string Template, string Language, DateTimeOffset IssuedAt, string VerificationCode, string Text, string Html, NoticeDeliveryResource? Delivery = null);

/// <summary>The petition as the API returns it; <c>lookupCode</c> (the citizen's status lookup code) only in the intake answer.</summary>
public sealed record PetitionResource(
    long Id,
    string ReceiptNumber,
    PetitionKind Kind,
    string? SubKind,
    string? AffairCode,
    Channel Channel,
    string Title,
    string Body,
    PetitionerResource Petitioner,
    CodeNameResource Agency,
    CodeNameResource? Department,
    string State,
    LocalizedResource StateTitle,
    bool Open,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? Due,
    DueUnit? DueUnit,
    bool Overdue,
    int EscalationLevel,
    string ClockState,
    WorkflowResource Workflow,
    AssigneeResource? Assignee,
    IReadOnlyList<ActionResource> AllowedActions,
    DeadlineExplanationResource? DeadlineExplanation,
    IReadOnlyList<TimelineEventResource> Timeline,
    IReadOnlyList<NoticeResource> Notices,
    uint Version,
    string? LookupCode = null)
{
    /// <summary>Documents issued with this answer (an immediate affair decided on receipt), for the channel to hand over at once.</summary>
    public IReadOnlyList<IssuedDocumentResource>? Documents { get; init; }
}

/// <summary>An issued document as its holder receives it: the printable page with its issue number and verification code.</summary>
public sealed record IssuedDocumentResource(string IssueNumber, LocalizedResource Title, DateTimeOffset IssuedAt, string VerificationCode, string Digest, string KeyId, string Html)
{
    public static IssuedDocumentResource From(Treatment.Core.Documents.IssuedDocument d) =>
        new(d.IssueNumber, new LocalizedResource(d.TitleKo, d.TitleEn), d.IssuedAt, d.VerificationCode, d.Digest, d.SigningKeyId, d.Html);
}

/// <summary>One row of a petition list (no body, no timeline).</summary>
public sealed record PetitionSummaryResource(
    long Id,
    string ReceiptNumber,
    PetitionKind Kind,
    string Title,
    string PetitionerName,
    string State,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? Due,
    DueUnit? DueUnit,
    bool Overdue,
    Guid? AssigneeId,
    uint Version);

public sealed record PetitionPage(IReadOnlyList<PetitionSummaryResource> Items, string? NextCursor);

/// <summary>What the petition handlers use, injected as one parameter.</summary>
public sealed record ApiServices(TreatmentDbContext Db, PetitionService Petitions, WorkflowCatalog Catalog, AgencyDirectory Agencies);

/// <summary>Builds <see cref="PetitionResource"/>s: one query each for timeline, notices and names.</summary>
public static class PetitionResources
{
    // The reads of every petition response, compiled once: translating them on each request cost more than running them.
    private static readonly Func<TreatmentDbContext, int, CancellationToken, Task<string?>> AffairCode =
        EF.CompileAsyncQuery((TreatmentDbContext db, int id, CancellationToken _) => db.Affairs.AsNoTracking().Where(a => a.Id == id).Select(a => a.Code).FirstOrDefault());

    private static readonly Func<TreatmentDbContext, Guid, CancellationToken, Task<AssigneeResource?>> AssigneeOf =
        EF.CompileAsyncQuery((TreatmentDbContext db, Guid id, CancellationToken _) => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new AssigneeResource(u.Id, u.DisplayName)).FirstOrDefault());

    private static readonly Func<TreatmentDbContext, long, IAsyncEnumerable<TimelineEventResource>> TimelineOf =
        EF.CompileAsyncQuery((TreatmentDbContext db, long id) => db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id).OrderBy(e => e.Id)
            .Select(e => new TimelineEventResource(e.Id, e.Type, e.At, e.ActorName, e.Trigger, e.FromState, e.ToState, e.Reason)));

    private static readonly Func<TreatmentDbContext, long, IAsyncEnumerable<Notice>> NoticesOf =
        EF.CompileAsyncQuery<TreatmentDbContext, long, Notice>((db, id) => db.Notices.AsNoTracking().Include(n => n.Delivery).Where(n => n.PetitionId == id).OrderBy(n => n.Id));

    /// <param name="appended">events and notices already in hand (a new intake): no query for them</param>
    public static async Task<PetitionResource> BuildAsync(
        Petition petition, Actor actor, ApiServices api, CancellationToken ct, (IReadOnlyList<PetitionEvent> Events, IReadOnlyList<Notice> Notices)? appended = null)
    {
        var (db, service, catalog) = (api.Db, api.Petitions, api.Catalog);
        var agency = (await api.Agencies.ByIdAsync(db, petition.AgencyId, ct))!;
        var department = agency.Departments.FirstOrDefault(d => d.Id == petition.DepartmentId);
        var affairCode = petition.AffairId is { } affairId ? await AffairCode(db, affairId, ct) : null;
        var assignee = petition.AssigneeId is { } assigneeId
            ? await AssigneeOf(db, assigneeId, ct)
            : null;
        var events = appended is { } known
            ? known.Events.Select(e => new TimelineEventResource(e.Id, e.Type, e.At, e.ActorName, e.Trigger, e.FromState, e.ToState, e.Reason)).ToList()
            : await TimelineOf(db, petition.Id).ToListAsync(ct);
        var notices = appended is { } inHand
            ? inHand.Notices.Select(n => new NoticeResource(n.Id, n.Template, n.Language, n.IssuedAt, n.VerificationCode, n.Text, n.Html, NoticeDeliveryResource.Of(n))).ToList()
            : (await NoticesOf(db, petition.Id).ToListAsync(ct))
                .Select(n => new NoticeResource(n.Id, n.Template, n.Language, n.IssuedAt, n.VerificationCode, n.Text, n.Html, NoticeDeliveryResource.Of(n)))
                .ToList();
        var definition = catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion);
        var state = definition?.FindState(petition.State);
        var deadline = service.CurrentDeadline(petition);
        return new PetitionResource(
            petition.Id,
            petition.ReceiptNumber,
            petition.Kind,
            petition.SubKind,
            affairCode,
            petition.Channel,
            petition.Title,
            petition.Body,
            Masked(petition),
            new CodeNameResource(agency.Code, agency.NameKo, agency.NameEn),
            department is null ? null : new CodeNameResource(department.Code, department.NameKo, department.NameEn),
            petition.State,
            state is null ? new LocalizedResource(petition.State, petition.State) : new LocalizedResource(state.Title.Ko, state.Title.En),
            petition.IsOpen,
            petition.ReceivedAt,
            petition.DueAt,
            petition.DueUnit,
            petition.Overdue,
            petition.EscalationLevel,
            JsonNamingPolicy.KebabCaseLower.ConvertName(petition.ClockState.ToString()),
            new WorkflowResource(petition.WorkflowId, petition.WorkflowVersion),
            assignee,
            service.AllowedActions(petition, actor).Select(a => new ActionResource(a.Trigger, new LocalizedResource(a.Title.Ko, a.Title.En), a.Inputs)).ToList(),
            deadline is null ? null : Explain(deadline),
            events,
            notices,
            petition.Version);
    }

    /// <summary>The petitioner as the pages show them: masked; the full data only through the audited reveal.</summary>
    public static PetitionerResource Masked(Petition p) => new(
        PersonalDataProtector.MaskName(p.PetitionerName),
        PersonalDataMasks.Phone(p.PetitionerPhone),
        PersonalDataMasks.Email(p.PetitionerEmail),
        PersonalDataMasks.Address(p.PetitionerAddress),
        p.PetitionerRrnMasked);

    public static PetitionSummaryResource Summary(Petition p) =>
        new(p.Id, p.ReceiptNumber, p.Kind, p.Title, PersonalDataProtector.MaskName(p.PetitionerName), p.State, p.ReceivedAt, p.DueAt, p.DueUnit, p.Overdue, p.AssigneeId, p.Version);

    private static DeadlineExplanationResource Explain(Deadline deadline)
    {
        var document = DeadlineDocument.From(deadline);
        return new DeadlineExplanationResource(document.Due, document.CountedIn, document.Period, new LocalizedResource(document.Explanation["ko"], document.Explanation["en"]));
    }
}
