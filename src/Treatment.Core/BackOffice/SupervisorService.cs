using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;

namespace Treatment.Core.BackOffice;

public sealed record OfficialLoad(Guid? UserId, string Name, int Open, int DueThisWeek, int Overdue);

public sealed record DepartmentOverview(
    int DepartmentId, string DepartmentKo, string DepartmentEn, int Open, int DueThisWeek, int AtRisk, int Overdue,
    IReadOnlyList<OfficialLoad> PerOfficial, IReadOnlyList<DepartmentOption> Departments);

public sealed record DepartmentOption(int Id, string NameKo, string NameEn);

/// <summary>A petition in a supervisor's list (overdue, at risk).</summary>
public sealed record WatchedPetition(
    long Id, string ReceiptNumber, string Title, string PetitionerMasked, string State, DateTimeOffset? DueAt, string? AssigneeName,
    string DepartmentKo, string DepartmentEn, DueBadge Badge);

public sealed record BreachRow(long Id, long PetitionId, string ReceiptNumber, string Obligation, DateTimeOffset DueAt, DateTimeOffset DetectedAt, DateTimeOffset? ResolvedAt);

public sealed record NotificationRow(long Id, long? PetitionId, string Kind, string MessageKo, string MessageEn, DateTimeOffset CreatedAt, bool Read);

public sealed record AssigneeOption(Guid Id, string DisplayName, string DepartmentKo, string DepartmentEn);

/// <summary>
/// Supervisors' and examiners' views of their agency: the department overview, overdue and at-risk lists, obligation
/// breaches, escalations and reminders addressed to them. Scope comes from the actor, never from the request.
/// </summary>
public sealed class SupervisorService(TreatmentDbContext db, DueBadges badges, TimeProvider time)
{
    private const int ListLimit = 200;

    public async Task<DepartmentOverview> OverviewAsync(Actor actor, int? departmentId, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var agencyId = actor.AgencyId!.Value;
        var departments = await db.Departments.AsNoTracking().Where(d => d.AgencyId == agencyId).OrderBy(d => d.Id)
            .Select(d => new DepartmentOption(d.Id, d.NameKo, d.NameEn)).ToListAsync(ct);
        var department = departments.FirstOrDefault(d => d.Id == (departmentId ?? actor.DepartmentId))
            ?? departments.FirstOrDefault()
            ?? throw new BackOfficeForbiddenException("the agency has no departments");

        var now = time.GetUtcNow();
        var weekEnd = EndOfWeek(now);
        var atRisk = badges.AtRiskBoundary(now);
        var open = db.Petitions.AsNoTracking().InBackOfficeScope(actor).Where(p => p.IsOpen && p.DepartmentId == department.Id);
        var perOfficial = await open
            .GroupBy(p => p.AssigneeId)
            .Select(g => new
            {
                AssigneeId = g.Key,
                Open = g.Count(),
                DueThisWeek = g.Count(p => p.ClockState == ClockState.Running && p.DueAt >= now && p.DueAt < weekEnd),
                AtRisk = g.Count(p => p.ClockState == ClockState.Running && p.DueAt >= now && p.DueAt <= atRisk),
                Overdue = g.Count(p => p.ClockState == ClockState.Running && p.DueAt < now),
            })
            .ToListAsync(ct);
        var ids = perOfficial.Where(r => r.AssigneeId != null).Select(r => r.AssigneeId!.Value).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var loads = perOfficial
            .Select(r => new OfficialLoad(r.AssigneeId, r.AssigneeId is { } id ? names.GetValueOrDefault(id, "?") : "미배정 (unassigned)", r.Open, r.DueThisWeek, r.Overdue))
            .OrderByDescending(l => l.Overdue).ThenByDescending(l => l.Open)
            .ToList();
        return new DepartmentOverview(department.Id, department.NameKo, department.NameEn, perOfficial.Sum(r => r.Open),
            perOfficial.Sum(r => r.DueThisWeek), perOfficial.Sum(r => r.AtRisk), perOfficial.Sum(r => r.Overdue), loads, departments);
    }

    /// <summary>Open petitions of the actor's agency whose running clock passed its due, oldest due first.</summary>
    public Task<List<WatchedPetition>> OverdueAsync(Actor actor, int? departmentId, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var now = time.GetUtcNow();
        return WatchedAsync(actor, departmentId, p => p.DueAt < now, now, ct);
    }

    /// <summary>Open petitions due by the end of the next working day, not yet overdue.</summary>
    public Task<List<WatchedPetition>> AtRiskAsync(Actor actor, int? departmentId, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var now = time.GetUtcNow();
        var boundary = badges.AtRiskBoundary(now);
        return WatchedAsync(actor, departmentId, p => p.DueAt >= now && p.DueAt <= boundary, now, ct);
    }

    public async Task<List<BreachRow>> BreachesAsync(Actor actor, bool includeResolved, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var agencyId = actor.AgencyId!.Value;
        var breaches = db.ObligationBreaches.AsNoTracking().Where(b => b.AgencyId == agencyId);
        if (!includeResolved)
        {
            breaches = breaches.Where(b => b.ResolvedAt == null);
        }

        // Ordered before the projection: EF cannot order by a member of a record built through its constructor.
        return await breaches
            .Join(db.Petitions, b => b.PetitionId, p => p.Id, (b, p) => new { Breach = b, p.ReceiptNumber })
            .OrderByDescending(r => r.Breach.DetectedAt).ThenByDescending(r => r.Breach.Id).Take(ListLimit)
            .Select(r => new BreachRow(r.Breach.Id, r.Breach.PetitionId, r.ReceiptNumber, r.Breach.Obligation, r.Breach.DueAt, r.Breach.DetectedAt, r.Breach.ResolvedAt))
            .ToListAsync(ct);
    }

    /// <summary>Notifications addressed to the actor of the given kinds (escalations, reminders …), newest first.</summary>
    public async Task<List<NotificationRow>> NotificationsAsync(Actor actor, IReadOnlyCollection<string>? kinds, CancellationToken ct)
    {
        var me = actor.UserId ?? throw new BackOfficeForbiddenException("no user");
        var notifications = db.UserNotifications.AsNoTracking().Where(n => n.UserId == me);
        if (kinds is { Count: > 0 })
        {
            notifications = notifications.Where(n => kinds.Contains(n.Kind));
        }

        return await notifications.OrderByDescending(n => n.CreatedAt).Take(ListLimit)
            .Select(n => new NotificationRow(n.Id, n.PetitionId, n.Kind, n.MessageKo, n.MessageEn, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    /// <summary>Marks the actor's own notifications read; others' are untouched whatever ids are sent.</summary>
    public async Task<int> MarkReadAsync(Actor actor, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var me = actor.UserId ?? throw new BackOfficeForbiddenException("no user");
        var now = time.GetUtcNow();
        return await db.UserNotifications.Where(n => n.UserId == me && n.ReadAt == null && ids.Contains(n.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>Officials of the actor's agency a petition may be reassigned to.</summary>
    public async Task<List<AssigneeOption>> AssigneesAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Admin);
        var agencyId = actor.AgencyId!.Value;
        var officialRole = await db.Roles.Where(r => r.Name == Roles.Official).Select(r => r.Id).SingleAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => u.AgencyId == agencyId && u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == officialRole))
            .OrderBy(u => u.DepartmentId).ThenBy(u => u.DisplayName)
            .Select(u => new AssigneeOption(u.Id, u.DisplayName, u.Department!.NameKo, u.Department.NameEn))
            .ToListAsync(ct);
    }

    private async Task<List<WatchedPetition>> WatchedAsync(
        Actor actor, int? departmentId, System.Linq.Expressions.Expression<Func<Petition, bool>> due, DateTimeOffset now, CancellationToken ct)
    {
        var petitions = db.Petitions.AsNoTracking().InBackOfficeScope(actor).Where(p => p.IsOpen && p.ClockState == ClockState.Running).Where(due);
        if (departmentId is { } d)
        {
            petitions = petitions.Where(p => p.DepartmentId == d);
        }

        var rows = await petitions.OrderBy(p => p.DueAt).ThenBy(p => p.Id).Take(ListLimit)
            .Select(p => new
            {
                p.Id, p.ReceiptNumber, p.Title, p.PetitionerName, p.State, p.DueAt, p.DueUnit, p.ClockState,
                Assignee = p.Assignee == null ? null : p.Assignee.DisplayName,
                DepartmentKo = p.Department == null ? "" : p.Department.NameKo,
                DepartmentEn = p.Department == null ? "" : p.Department.NameEn,
            })
            .ToListAsync(ct);
        return rows.Select(r => new WatchedPetition(r.Id, r.ReceiptNumber, r.Title, PersonalDataProtector.MaskName(r.PetitionerName), r.State,
            r.DueAt, r.Assignee, r.DepartmentKo, r.DepartmentEn, badges.For(r.DueAt, r.DueUnit, r.ClockState, now))).ToList();
    }

    /// <summary>Monday 00:00 KST of the next week.</summary>
    private static DateTimeOffset EndOfWeek(DateTimeOffset now)
    {
        var today = DueBadges.KstDate(now);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var monday = today.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        return new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), Clock.DeadlineCalculator.KstOffset).ToUniversalTime();
    }
}
