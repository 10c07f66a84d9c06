using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>The counts on the inbox's tabs and its "today" strip.</summary>
public sealed record InboxCounts(int Mine, int Queue, int AtRisk, int DueToday, int Overdue, int NewSinceLastVisit);

/// <summary>
/// The inbox's tabs: 내 민원 (mine), 부서 대기 (the department's queue), 기한 임박·경과 (at risk or overdue), each with its
/// count, and the "today" strip of my petitions (due today, overdue, new since the last visit). The tab rules live
/// here so the list and its count never disagree.
/// </summary>
public sealed class InboxTabs(TreatmentDbContext db, DueBadges badges, TimeProvider time)
{
    /// <summary>The department's queue (open, nobody assigned) within what the actor may see.</summary>
    public static IQueryable<Petition> QueueOf(IQueryable<Petition> visible, Actor actor) =>
        actor.DepartmentId is { } department
            ? visible.Where(p => p.AssigneeId == null && p.DepartmentId == department)
            : visible.Where(p => p.AssigneeId == null);

    /// <summary>
    /// Open petitions with a running clock due by <paramref name="boundary"/> that the actor works on: an official's own
    /// and their queue's; a team lead's department; a supervisor's, examiner's or admin's agency (their back-office scope).
    /// </summary>
    public static IQueryable<Petition> AtRiskOf(IQueryable<Petition> visible, Actor actor, DateTimeOffset boundary)
    {
        var due = visible.Where(p => p.ClockState == ClockState.Running && p.DueAt <= boundary);
        if (actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin) || (actor.IsInRole(Roles.Supervisor) && actor.DepartmentId is null))
        {
            return due;
        }

        if (actor.IsInRole(Roles.Supervisor))
        {
            return due.Where(p => p.DepartmentId == actor.DepartmentId);
        }

        return due.Where(p => p.AssigneeId == actor.UserId || p.AssigneeId == null);
    }

    /// <summary>All counts in one read for officials (their rows and their queue's); supervisors add one for their wider at-risk scope.</summary>
    public async Task<InboxCounts> CountAsync(Actor actor, DateTimeOffset? lastVisit, CancellationToken ct)
    {
        actor.Require(Roles.Official, Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var me = actor.UserId!.Value;
        var now = time.GetUtcNow();
        var boundary = badges.AtRiskBoundary(now);
        var today = DueBadges.KstDate(now);
        var todayStarts = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), DeadlineCalculator.KstOffset).ToUniversalTime();
        var tomorrowStarts = todayStarts.AddDays(1);
        var since = lastVisit ?? now.AddDays(-1);
        var running = ClockState.Running;

        // Two reads, not one with an OR: each is then a scan of its own partial index (decision 011), the queue's index-only.
        var mine = await db.Petitions.AsNoTracking()
            .Where(p => p.IsOpen && p.AssigneeId == me)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                AtRisk = g.Count(p => p.ClockState == running && p.DueAt <= boundary),
                DueToday = g.Count(p => p.ClockState == running && p.DueAt >= todayStarts && p.DueAt < tomorrowStarts),
                Overdue = g.Count(p => p.ClockState == running && p.DueAt < now),
                New = g.Count(p => p.AssignedAt > since),
            })
            .FirstOrDefaultAsync(ct);
        var agencyId = actor.AgencyId;
        var queueRows = actor.DepartmentId is { } department
            ? db.Petitions.AsNoTracking().Where(p => p.IsOpen && p.AssigneeId == null && p.DepartmentId == department
                && db.Departments.Any(x => x.Id == department && x.AgencyId == agencyId))
            : db.Petitions.AsNoTracking().Where(p => p.IsOpen && p.AssigneeId == null && p.AgencyId == agencyId);
        var queue = await queueRows
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), AtRisk = g.Count(p => p.ClockState == running && p.DueAt <= boundary) })
            .FirstOrDefaultAsync(ct);
        var counts = mine is null && queue is null
            ? null
            : new { Mine = mine?.Count ?? 0, Queue = queue?.Count ?? 0, AtRisk = (mine?.AtRisk ?? 0) + (queue?.AtRisk ?? 0), DueToday = mine?.DueToday ?? 0, Overdue = mine?.Overdue ?? 0, New = mine?.New ?? 0 };
        var atRisk = counts?.AtRisk ?? 0;
        if (!actor.IsInRole(Roles.Official) || actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin))
        {
            atRisk = await AtRiskOf(db.Petitions.AsNoTracking().InBackOfficeScope(actor).Where(p => p.IsOpen), actor, boundary).CountAsync(ct);
        }

        return counts is null
            ? new InboxCounts(0, 0, atRisk, 0, 0, 0)
            : new InboxCounts(counts.Mine, counts.Queue, atRisk, counts.DueToday, counts.Overdue, counts.New);
    }
}
