using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

/// <summary>Everything the petition page shows, read in the actor's scope.</summary>
public sealed record PetitionView(
    Petition Petition,
    string PetitionerMasked,
    string? PetitionerPhoneMasked,
    WorkflowDefinition? Definition,
    LocalizedText StateTitle,
    DueBadge Badge,
    string? ExplanationKo,
    string? ExplanationEn,
    string? Diagram,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<NoticeSummary> Notices,
    bool MayRevealPersonalData);

/// <summary>One audit event with the names of its codes (type, trigger, states, milestone) in Korean and English.</summary>
public sealed record TimelineEntry(PetitionEvent Event, LocalizedText Type, LocalizedText? Trigger, LocalizedText? From, LocalizedText? To, LocalizedText? Milestone);

public sealed record NoticeSummary(long Id, string Template, string Language, string VerificationCode, DateTimeOffset IssuedAt, NoticeDeliveryView? Delivery = null);

/// <summary>Reads one petition for its page; a petition outside the actor's scope reads as absent (the page answers 404).</summary>
public sealed class PetitionPageService(TreatmentDbContext db, WorkflowCatalog catalog, PetitionService petitions, DueBadges badges, TimeProvider time)
{
    public async Task<PetitionView?> GetAsync(Actor actor, long id, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking()
            .Include(p => p.Agency).Include(p => p.Department).Include(p => p.Assignee).Include(p => p.Affair)
            .InBackOfficeScope(actor)
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null)
        {
            return null;
        }

        var timeline = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var notices = (await db.Notices.AsNoTracking().Include(n => n.Delivery).Where(n => n.PetitionId == id).OrderBy(n => n.Id).ToListAsync(ct))
            .Select(n => new NoticeSummary(n.Id, n.Template, n.Language, n.VerificationCode, n.IssuedAt, NoticeDeliveryView.Of(n))).ToList();
        var definition = catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion);
        var stateTitle = definition?.FindState(petition.State)?.Title ?? new LocalizedText(petition.State, petition.State);
        var now = time.GetUtcNow();
        var (ko, en) = Explain(petition);
        return new PetitionView(
            petition,
            PersonalDataProtector.MaskName(petition.PetitionerName),
            PersonalDataMasks.Phone(petition.PetitionerPhone),
            definition,
            stateTitle,
            badges.For(petition.DueAt, petition.DueUnit, petition.ClockState, now),
            ko,
            en,
            definition is null ? null : new PetitionMachine(definition).Diagram(petition.State),
            timeline.Select(e => Describe(e, petition.WorkflowId, definition)).ToList(),
            notices,
            MayReveal(actor));
    }

    /// <summary>A notice of a petition the actor may see, or null.</summary>
    public async Task<Notice?> GetNoticeAsync(Actor actor, long petitionId, long noticeId, CancellationToken ct)
    {
        var visible = await db.Petitions.AsNoTracking().InBackOfficeScope(actor).AnyAsync(p => p.Id == petitionId, ct);
        return visible
            ? await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == noticeId && n.PetitionId == petitionId, ct)
            : null;
    }

    /// <summary>The official's agency and the affairs of the treatment standards, for the register form.</summary>
    public async Task<RegistrationOptions> RegistrationOptionsAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Official, Roles.Supervisor, Roles.Admin);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == actor.AgencyId, ct);
        var affairs = await db.Affairs.AsNoTracking().OrderBy(a => a.NameKo).ToListAsync(ct);
        return new RegistrationOptions(agency.Code, agency.NameKo, agency.NameEn, affairs
            .Select(a => new AffairOption(a.Code, a.NameKo, a.NameEn, a.AgencyLevel, a.Period, a.PeriodNote, a.RequiredDocumentsKo, a.Fee, a.Statute))
            .ToList());
    }

    /// <summary>The petition service's rule: who may see the petitioner in full (a logged action).</summary>
    public static bool MayReveal(Actor actor) => PetitionScope.MayRevealPersonalData(actor);

    /// <summary>Names the event's codes in the definition version it was written under (a migrated petition keeps older events).</summary>
    private TimelineEntry Describe(PetitionEvent e, string workflowId, WorkflowDefinition? current)
    {
        var definition = e.WorkflowVersion == current?.Version ? current : catalog.TryGet(workflowId, e.WorkflowVersion) ?? current;
        return new TimelineEntry(
            e,
            CodeTitles.EventType(e.Type),
            e.Trigger is null ? null : CodeTitles.Trigger(definition, e.Trigger, catalog),
            e.FromState is null ? null : CodeTitles.State(definition, e.FromState, catalog),
            e.ToState is null ? null : CodeTitles.State(definition, e.ToState, catalog),
            MilestoneOf(e) is { } milestone ? CodeTitles.Milestone(milestone) : null);
    }

    /// <summary>The milestone a sweep event was written for (its data names it), or null for other events.</summary>
    private static string? MilestoneOf(PetitionEvent e)
    {
        if (e.Type is not (MilestoneEventTypes.Reminder or MilestoneEventTypes.Overdue or MilestoneEventTypes.Escalation or MilestoneEventTypes.ObligationBreach)
            || string.IsNullOrEmpty(e.Data))
        {
            return null;
        }

        try
        {
            using var data = JsonDocument.Parse(e.Data);
            return data.RootElement.ValueKind == JsonValueKind.Object && data.RootElement.TryGetProperty("milestone", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"Why this date": the petition service's derivation of the current due (receipt, period, exclusions, extensions).</summary>
    private (string? Ko, string? En) Explain(Petition petition)
    {
        var deadline = petitions.CurrentDeadline(petition);
        return deadline is null ? (null, null) : (deadline.Explanation.ToText("ko"), deadline.Explanation.ToText("en"));
    }
}
