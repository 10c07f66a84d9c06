using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Assignment;

/// <summary>An absence as the admin's list shows it.</summary>
public sealed record AbsenceRow(long Id, string UserName, string DisplayName, DateOnly StartsOn, DateOnly EndsOn, string? SubstituteName, string? Reason, DateTimeOffset? AppliedAt);

/// <summary>
/// Absence and leaving: an admin records an official's absence (from–to) with an optional substitute (대리). When it
/// starts, the official's open petitions go to the substitute, or back to the department's queue, and the supervisors
/// are told. Disabling an official returns their open work to the queue: nothing stays assigned to a disabled user.
/// </summary>
public sealed class AbsenceService(TreatmentDbContext db, PetitionChange change, WorkflowCatalog catalog, TimeProvider time)
{
    /// <summary>Records an absence; one that has already started moves the official's open work now.</summary>
    public async Task<PetitionResult<long>> RecordAsync(Actor actor, Guid userId, DateOnly startsOn, DateOnly endsOn, Guid? substituteId, string? reason, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.Admin) || actor.AgencyId is not { } agencyId)
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", new LocalizedText("부재 등록은 관리자만 할 수 있습니다.", "Only admins record absences."));
        }

        var user = await ManagedUserAsync(agencyId, userId, ct);
        if (user is null)
        {
            return PetitionError.NotFound();
        }

        if (endsOn < startsOn)
        {
            return PetitionError.Invalid("endsOn", "종료일은 시작일 이후여야 합니다. (the end must not be before the start)");
        }

        if (reason is not null && TextRules.Check(reason, 500, multiline: false, required: false) is { } reasonError)
        {
            return PetitionError.Invalid("reason", reasonError);
        }

        if (substituteId is { } substitute
            && (substitute == userId || await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == substitute && u.IsActive, ct) is not { } sub || sub.AgencyId != user.AgencyId))
        {
            return PetitionError.Invalid("substituteId", "같은 기관의 재직 중인 다른 직원을 대리로 고르십시오. (choose another active official of the same agency)");
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var absence = new Absence
        {
            UserId = userId,
            StartsOn = startsOn,
            EndsOn = endsOn,
            SubstituteId = substituteId,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            CreatedById = actor.UserId,
            CreatedAt = now,
        };
        db.Set<Absence>().Add(absence);
        if (absence.Covers(DueBadges.KstDate(now)))
        {
            await ApplyAsync(absence, user, actor, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return absence.Id;
    }

    /// <summary>Applies the absences that have started and not yet moved work (the daily job); returns how many.</summary>
    public async Task<int> ApplyStartedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var today = DueBadges.KstDate(now);
        var started = await db.Set<Absence>().Where(a => a.AppliedAt == null && a.StartsOn <= today && a.EndsOn >= today).ToListAsync(ct);
        foreach (var absence in started)
        {
            if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == absence.UserId, ct) is { } user)
            {
                await ApplyAsync(absence, user, Actor.System, now, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return started.Count;
    }

    /// <summary>Absences of the admin's agency that have not ended, soonest first.</summary>
    public async Task<List<AbsenceRow>> CurrentAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var today = DueBadges.KstDate(time.GetUtcNow());
        return await (from a in db.Set<Absence>().AsNoTracking()
                      join u in db.Users on a.UserId equals u.Id
                      join s in db.Users on a.SubstituteId equals (Guid?)s.Id into subs
                      from s in subs.DefaultIfEmpty()
                      where u.AgencyId == actor.AgencyId && a.EndsOn >= today
                      orderby a.StartsOn, a.Id
                      select new AbsenceRow(a.Id, u.UserName!, u.DisplayName, a.StartsOn, a.EndsOn, s == null ? null : s.DisplayName, a.Reason, a.AppliedAt))
            .ToListAsync(ct);
    }

    /// <summary>Active users the admin may record an absence for, or name as a substitute.</summary>
    public async Task<List<Choice>> PeopleAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var agencyId = actor.AgencyId;
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (u.AgencyId == agencyId || db.Agencies.Any(a => a.Id == u.AgencyId && a.ParentId == agencyId)))
            .OrderBy(u => u.UserName)
            .Select(u => new Choice(u.Id.ToString(), new LocalizedText(u.DisplayName + " (" + u.UserName + ")", u.DisplayName + " (" + u.UserName + ")")))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Returns every open petition of a user to their department's queue (on disabling), audited, supervisors told.
    /// Saved by the caller's SaveChanges, in the caller's transaction.
    /// </summary>
    public async Task<int> ReturnOpenWorkAsync(AppUser user, Actor actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var moved = await MoveAsync(user.Id, null, actor, now, "사용 중지 (disabled)", ct);
        if (moved > 0)
        {
            await NotifySupervisorsAsync(user, $"{user.DisplayName} 님의 계정이 사용 중지되어 미처리 민원 {moved}건이 부서 대기로 돌아갔습니다.",
                $"{user.DisplayName} was disabled; {moved} open petition(s) went back to the queue.", now, ct);
        }

        await db.SaveChangesAsync(ct);
        return moved;
    }

    private async Task ApplyAsync(Absence absence, AppUser user, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var substitute = absence.SubstituteId is { } id ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.IsActive, ct) : null;
        var reason = $"부재 {absence.StartsOn:yyyy-MM-dd}~{absence.EndsOn:yyyy-MM-dd} (absence)";
        var moved = await MoveAsync(user.Id, substitute?.Id, actor, now, reason, ct);
        absence.AppliedAt = now;
        var to = substitute is null ? ("부서 대기로", "to the queue") : ($"대리 {substitute.DisplayName} 님에게", $"to the substitute {substitute.DisplayName}");
        await NotifySupervisorsAsync(user, $"{user.DisplayName} 님 부재({absence.StartsOn:MM-dd}~{absence.EndsOn:MM-dd}): 미처리 민원 {moved}건을 {to.Item1} 넘겼습니다.",
            $"{user.DisplayName} is absent ({absence.StartsOn:MM-dd}–{absence.EndsOn:MM-dd}): {moved} open petition(s) went {to.Item2}.", now, ct);
        if (substitute is not null && moved > 0)
        {
            db.UserNotifications.Add(new UserNotification
            {
                UserId = substitute.Id,
                Kind = PetitionEventTypes.Substituted,
                MessageKo = $"{user.DisplayName} 님 부재 중 대리로 민원 {moved}건을 맡았습니다.",
                MessageEn = $"You took {moved} petition(s) as {user.DisplayName}'s substitute.",
                CreatedAt = now,
            });
        }
    }

    // One read of the user's open petitions, each moved through the change path, saved by the caller's one SaveChanges.
    private async Task<int> MoveAsync(Guid from, Guid? to, Actor actor, DateTimeOffset now, string reason, CancellationToken ct)
    {
        var open = await db.Petitions.Where(p => p.IsOpen && p.AssigneeId == from).ToListAsync(ct);
        var type = to is null ? PetitionEventTypes.ReturnedToQueue : PetitionEventTypes.Substituted;
        foreach (var petition in open)
        {
            var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
            db.PetitionEvents.Add(change.Reassign(petition, definition, to, petition.DepartmentId, reason, actor, now, type));
        }

        return open.Count;
    }

    // The team lead of the user's department and the agency-wide supervisors.
    private async Task NotifySupervisorsAsync(AppUser user, string ko, string en, DateTimeOffset now, CancellationToken ct)
    {
        var supervisors = await db.Users.AsNoTracking()
            .Where(u => u.AgencyId == user.AgencyId && u.IsActive && (u.DepartmentId == null || u.DepartmentId == user.DepartmentId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Supervisor)))
            .Select(u => u.Id)
            .ToListAsync(ct);
        db.UserNotifications.AddRange(supervisors.Select(id => new UserNotification { UserId = id, Kind = "absence", MessageKo = ko, MessageEn = en, CreatedAt = now }));
    }

    // The admin's agency and its town offices, as the user administration manages them.
    private Task<AppUser?> ManagedUserAsync(int agencyId, Guid userId, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == userId && (u.AgencyId == agencyId || db.Agencies.Any(a => a.Id == u.AgencyId && a.ParentId == agencyId)), ct);
}
