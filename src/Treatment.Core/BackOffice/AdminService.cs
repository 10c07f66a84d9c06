using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

public sealed record UserRow(Guid Id, string UserName, string DisplayName, string AgencyKo, string? DepartmentKo, IReadOnlyList<string> Roles, bool Active, bool LockedOut);

public sealed record WorkflowVersionRow(string Id, int Version, LocalizedText Title, string Basis, int States, int Transitions, string ContentHash);

/// <summary>Admin screens: workflow definitions, the holiday calendar with a change preview, users and their roles.</summary>
public sealed class AdminService(TreatmentDbContext db, WorkflowCatalog catalog, IHolidayCalendar calendar, UserManager<AppUser> users, TimeProvider time)
{
    public IReadOnlyList<WorkflowVersionRow> Workflows(Actor actor)
    {
        actor.Require(Roles.Admin);
        return catalog.All.Select(d => new WorkflowVersionRow(d.Id, d.Version, d.Title, d.Basis, d.States.Length, d.Transitions.Length, d.ContentHash)).ToList();
    }

    public WorkflowDefinition? Workflow(Actor actor, string id, int version)
    {
        actor.Require(Roles.Admin);
        return catalog.TryGet(id, version);
    }

    public IReadOnlyList<WorkflowDiffEntry>? Diff(Actor actor, string id, int from, int to)
    {
        actor.Require(Roles.Admin);
        return catalog.TryGet(id, from) is { } a && catalog.TryGet(id, to) is { } b ? WorkflowDiff.Compare(a, b) : null;
    }

    public IReadOnlyList<Holiday> Holidays(Actor actor, int year)
    {
        actor.Require(Roles.Admin);
        return year >= calendar.FirstDate.Year && year <= calendar.LastDate.Year ? calendar.Holidays(year) : [];
    }

    /// <summary>
    /// Which of the actor's agency's open petitions would move if the date became a temporary holiday (Holiday Reg.
    /// §2(11)); nothing is written. Applying one is CalendarChangeJob (recompute, audit) or a calendar file edit (workflows/calendar/README.md).
    /// </summary>
    public async Task<CalendarChangePreviewResult> PreviewTemporaryHolidayAsync(Actor actor, DateOnly date, string name, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var changed = CalendarChangeApplier.WithChange(calendar, new CalendarChangeRequest(date, name, IsHoliday: true, "Holiday Reg. §2(11) (preview)"));
        var now = time.GetUtcNow();
        var open = await db.Petitions.AsNoTracking().InBackOfficeScope(actor)
            .Where(p => p.IsOpen && p.DueAt != null && p.ClockState != ClockState.Stopped && p.DueAt >= now)
            .OrderBy(p => p.Id).Take(50_000)
            .Select(p => new { p.Id, p.ReceivedAt, p.PeriodUnit, p.PeriodValue, p.Exclusions, p.Extensions, p.DueAt })
            .ToListAsync(ct);
        var today = DueBadges.KstDate(now);
        var clocks = open.Select(p => new OpenPetitionClock(
            p.Id, p.ReceivedAt, new TreatmentPeriod(p.PeriodUnit, p.PeriodValue),
            p.Exclusions.Select(s => new ExcludedSpan(s.Type, s.From, s.To ?? (today < s.From ? s.From : today))).ToList(),
            p.Extensions.Select(e => new ClockExtension(e.Length, e.Consent)).ToList(),
            CountingMode.Statutory, p.DueAt!.Value));
        return CalendarChangePreview.Preview(clocks, calendar, changed);
    }

    public async Task<List<UserRow>> UsersAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var agencyId = actor.AgencyId!.Value;
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking().Where(u => u.AgencyId == agencyId)
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, AgencyKo = u.Agency!.NameKo, DepartmentKo = u.Department == null ? null : u.Department.NameKo,
                u.IsActive, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new UserRow(r.Id, r.UserName!, r.DisplayName, r.AgencyKo, r.DepartmentKo, r.Roles.Order(StringComparer.Ordinal).ToList(),
            r.IsActive, r.LockoutEnd > now)).ToList();
    }

    /// <summary>Grants or withdraws one role of a user of the admin's own agency.</summary>
    public async Task SetRoleAsync(Actor actor, Guid userId, string role, bool granted, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"unknown role '{role}'", nameof(role));
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.AgencyId == actor.AgencyId, ct)
            ?? throw new BackOfficeForbiddenException("the user is not in your agency");
        if (user.Id == actor.UserId && role == Roles.Admin && !granted)
        {
            throw new BackOfficeForbiddenException("an admin cannot withdraw their own admin role");
        }

        var has = await users.IsInRoleAsync(user, role);
        var result = granted && !has ? await users.AddToRoleAsync(user, role)
            : !granted && has ? await users.RemoveFromRoleAsync(user, role)
            : IdentityResult.Success;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
