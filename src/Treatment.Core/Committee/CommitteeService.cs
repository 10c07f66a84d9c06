using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Committee;

/// <summary>An agenda item as the committee pages list it, with its petition and decision when there are.</summary>
public sealed record AgendaView(CommitteeAgendaItem Item, string? ReceiptNumber, string? PetitionTitle, CommitteeDecision? Decision, DateTimeOffset? HearingNoticeAt);

/// <summary>The agency's committee at a glance: members, waiting agenda items and meetings.</summary>
public sealed record CommitteeOverview(IReadOnlyList<CommitteeMember> Members, IReadOnlyList<AgendaView> Waiting, IReadOnlyList<CommitteeMeeting> Meetings);

/// <summary>One meeting with its agenda items and their decisions.</summary>
public sealed record MeetingView(CommitteeMeeting Meeting, IReadOnlyList<AgendaView> Items, IReadOnlyList<CommitteeMember> Members);

/// <summary>
/// The 민원조정위원회 of each agency (Act §34, Decree §38): members, agenda items, meetings, decisions, the petitioner
/// asked to attend or submit views, and minutes. Supervisors, examiners and admins of the agency keep it (admins appoint
/// members); officials may put a petition of their scope on the agenda. Other roles are forbidden; another agency's
/// records are "not found". A decision about a petition is an event on it (and a report fact); a decision approving a
/// many-person petition's closure is what the close-as-repeated guard reads (Decree §26).
/// </summary>
public sealed partial class CommitteeService(TreatmentDbContext db, WorkflowCatalog catalog, PetitionChangeWriter writer, NoticeIssuer notices, StandaloneNotices standaloneNotices,
    AgencyDirectory agencies, CommitteeMinutes minutes, TimeProvider time)
{
    private static readonly string[] Keepers = [Roles.Supervisor, Roles.Examiner, Roles.Admin];

    public async Task<CommitteeOverview> OverviewAsync(Actor actor, CancellationToken ct)
    {
        var agencyId = Keeper(actor);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.AgencyId == agencyId).OrderByDescending(m => m.IsChair).ThenBy(m => m.Id).ToListAsync(ct);
        var waiting = await AgendaAsync(db.CommitteeAgendaItems.Where(i => i.AgencyId == agencyId && !db.CommitteeDecisions.Any(d => d.AgendaItemId == i.Id)), ct);
        var meetings = await db.CommitteeMeetings.AsNoTracking().Where(m => m.AgencyId == agencyId).OrderByDescending(m => m.ScheduledAt).Take(50).ToListAsync(ct);
        return new CommitteeOverview(members, waiting, meetings);
    }

    public async Task<MeetingView?> MeetingAsync(Actor actor, long meetingId, CancellationToken ct)
    {
        var agencyId = Keeper(actor);
        var meeting = await db.CommitteeMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.AgencyId == agencyId, ct);
        if (meeting is null)
        {
            return null;
        }

        var items = await AgendaAsync(db.CommitteeAgendaItems.Where(i => i.MeetingId == meetingId), ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.AgencyId == agencyId && (m.LeftOn == null || m.LeftOn >= DateOnly.FromDateTime(meeting.ScheduledAt.UtcDateTime)))
            .OrderByDescending(m => m.IsChair).ThenBy(m => m.Id).ToListAsync(ct);
        return new MeetingView(meeting, items, members);
    }

    /// <summary>Appoints a member (admins of the agency; Decree §38②).</summary>
    public async Task<PetitionResult<CommitteeMember>> AddMemberAsync(Actor actor, string? name, string? position, bool isChair, bool isExternal, DateOnly appointedOn, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var agencyId = Keeper(actor);
        var errors = new Dictionary<string, string[]>();
        Check(errors, "name", name, 100, required: true);
        Check(errors, "position", position, 100, required: true);
        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var member = new CommitteeMember { AgencyId = agencyId, Name = name!.Trim(), Position = position!.Trim(), IsChair = isChair, IsExternal = isExternal, AppointedOn = appointedOn };
        db.CommitteeMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>
    /// Puts a matter on the agenda; about a petition when <paramref name="petitionId"/> is given (officials: a petition
    /// of their scope), audited on the petition.
    /// </summary>
    public async Task<PetitionResult<CommitteeAgendaItem>> ReferAsync(Actor actor, CommitteeSubject subject, long? petitionId, string? title, string? note, CancellationToken ct)
    {
        actor.Require([.. Keepers, Roles.Official]);
        var errors = new Dictionary<string, string[]>();
        Check(errors, "note", note, 2000, required: false);
        Petition? petition = null;
        if (petitionId is { } id)
        {
            petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (petition is null || !actor.MaySeeInBackOffice(petition))
            {
                return PetitionError.NotFound();
            }
        }
        else
        {
            actor.Require(Keepers);
            Check(errors, "title", title, IntakeLimits.Title, required: true);
        }

        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var item = new CommitteeAgendaItem
        {
            AgencyId = petition?.AgencyId ?? actor.AgencyId!.Value,
            Subject = subject,
            PetitionId = petition?.Id,
            Title = string.IsNullOrWhiteSpace(title) ? petition!.Title : title.Trim(),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
            CreatedAt = now,
        };
        db.CommitteeAgendaItems.Add(item);
        if (petition is null)
        {
            await db.SaveChangesAsync(ct);
            return item;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var recorded = PetitionChange.Event(petition, Definition(petition), PetitionEventTypes.ReferredToCommittee, actor.UserId, actor.Name, now,
            new CommitteeEventData(item.Id, subject, null, null), petition.State, petition.State);
        recorded.Reason = item.Note;
        petition.UpdatedAt = now;
        db.PetitionEvents.Add(recorded);
        await writer.SaveAsync([(petition, recorded)], ct);
        await transaction.CommitAsync(ct);
        return item;
    }

    public async Task<PetitionResult<CommitteeMeeting>> ScheduleMeetingAsync(Actor actor, DateTimeOffset scheduledAt, string? place, CancellationToken ct)
    {
        var agencyId = Keeper(actor);
        var errors = new Dictionary<string, string[]>();
        Check(errors, "place", place, 200, required: true);
        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var meeting = new CommitteeMeeting { AgencyId = agencyId, ScheduledAt = scheduledAt.ToUniversalTime(), Place = place!.Trim(), CreatedById = actor.UserId, CreatedAt = time.GetUtcNow().ToUniversalTime() };
        db.CommitteeMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>Puts a waiting agenda item on a meeting whose minutes are not issued yet.</summary>
    public async Task<PetitionResult<CommitteeAgendaItem>> PutOnMeetingAsync(Actor actor, long itemId, long meetingId, CancellationToken ct)
    {
        var agencyId = Keeper(actor);
        var item = await db.CommitteeAgendaItems.FirstOrDefaultAsync(i => i.Id == itemId && i.AgencyId == agencyId, ct);
        var meeting = await db.CommitteeMeetings.FirstOrDefaultAsync(m => m.Id == meetingId && m.AgencyId == agencyId, ct);
        if (item is null || meeting is null)
        {
            return PetitionError.NotFound();
        }

        if (meeting.MinutesIssuedAt is not null || await db.CommitteeDecisions.AnyAsync(d => d.AgendaItemId == itemId, ct))
        {
            return PetitionError.Invalid("meetingId", "회의록이 작성된 회의나 결정된 안건은 바꿀 수 없습니다. (the minutes are issued or the item is decided)");
        }

        item.MeetingId = meetingId;
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>
    /// Records the committee's decision on an item put on a meeting, once. About a petition, it is an event there; a
    /// many-person closure approved is what lets the petition close as repeated (Decree §26).
    /// </summary>
    public async Task<PetitionResult<CommitteeDecision>> DecideAsync(Actor actor, long itemId, CommitteeResolution resolution, string? reason, CancellationToken ct)
    {
        var agencyId = Keeper(actor);
        var item = await db.CommitteeAgendaItems.FirstOrDefaultAsync(i => i.Id == itemId && i.AgencyId == agencyId, ct);
        if (item is null)
        {
            return PetitionError.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        Check(errors, "reason", reason, 2000, required: true);
        if (item.MeetingId is null)
        {
            errors["meetingId"] = ["회의에 올린 안건만 결정합니다. (put the item on a meeting first)"];
        }
        else if (await db.CommitteeDecisions.AnyAsync(d => d.AgendaItemId == itemId, ct))
        {
            errors["itemId"] = ["이미 결정된 안건입니다. (the item is already decided)"];
        }

        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var decision = new CommitteeDecision { AgendaItemId = item.Id, MeetingId = item.MeetingId!.Value, Resolution = resolution, Reason = reason!.Trim(), DecidedAt = now, RecordedById = actor.UserId, RecordedByName = actor.Name };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.CommitteeDecisions.Add(decision);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return PetitionError.Invalid("itemId", "이미 결정된 안건입니다. (the item is already decided)");
        }

        if (item.PetitionId is { } petitionId && await db.Petitions.FirstOrDefaultAsync(p => p.Id == petitionId, ct) is { } petition)
        {
            if (item.Subject == CommitteeSubject.ManyPersonClosure)
            {
                petition.CommitteeClosureDecisionId = resolution == CommitteeResolution.Approved ? decision.Id : null;
            }

            petition.UpdatedAt = now;
            var recorded = PetitionChange.Event(petition, Definition(petition), PetitionEventTypes.CommitteeDecided, actor.UserId, actor.Name, now,
                new CommitteeEventData(item.Id, item.Subject, resolution, null), petition.State, petition.State);
            recorded.Reason = decision.Reason;
            db.PetitionEvents.Add(recorded);
            await writer.SaveAsync([(petition, recorded)], ct);
        }

        await transaction.CommitAsync(ct);
        return decision;
    }

    private async Task<List<AgendaView>> AgendaAsync(IQueryable<CommitteeAgendaItem> items, CancellationToken ct)
    {
        var rows = await items.AsNoTracking().OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(500)
            .Select(i => new
            {
                Item = i,
                Petition = db.Petitions.Where(p => p.Id == i.PetitionId).Select(p => new { p.ReceiptNumber, p.Title }).FirstOrDefault(),
                Decision = db.CommitteeDecisions.FirstOrDefault(d => d.AgendaItemId == i.Id),
                NoticeAt = db.Notices.Where(n => n.Id == i.HearingNoticeId).Select(n => (DateTimeOffset?)n.IssuedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new AgendaView(r.Item, r.Petition?.ReceiptNumber, r.Petition?.Title, r.Decision, r.NoticeAt)).ToList();
    }

    /// <summary>The agency of a committee keeper (supervisor, examiner, admin); other roles are forbidden.</summary>
    private static int Keeper(Actor actor)
    {
        actor.Require(Keepers);
        return actor.AgencyId ?? throw new BackOfficeForbiddenException("no agency");
    }

    private WorkflowDefinition? Definition(Petition petition) => catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion);

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int max, bool required)
    {
        if (TextRules.Check(value ?? "", max, multiline: true, required: required) is { } error)
        {
            errors[field] = [error];
        }
    }
}

/// <summary>Data of the committee's events on a petition: the agenda item, its subject, and the resolution or hearing mode.</summary>
public sealed record CommitteeEventData(long AgendaItemId, CommitteeSubject Subject, CommitteeResolution? Resolution, HearingMode? Hearing);
