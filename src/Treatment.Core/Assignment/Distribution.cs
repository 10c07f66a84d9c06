using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.Assignment;

/// <summary>
/// Chooses who gets a petition that has just reached a department, by the department's policy: nobody (manual: it
/// waits in the queue), the next official in turn, or the one with the fewest open petitions; optionally only among
/// the officials matched to the petition's kind or affair. Absent and disabled officials are never chosen. Runs on the
/// caller's context, so the assignment is saved in the same transaction as the routing; the caller gives the petition
/// to the chosen official through <see cref="PetitionChange.Reassign"/>.
/// </summary>
public sealed class Distribution(TreatmentDbContext db, TimeProvider time)
{
    /// <summary>The official to assign, or null when the petition waits in the department's queue.</summary>
    public async Task<Guid?> ChooseAsync(int departmentId, PetitionKind kind, int? affairId, CancellationToken ct)
    {
        var department = await DepartmentWithAvailableOfficials(db, departmentId, DueBadges.KstDate(time.GetUtcNow()));
        if (department is null || department.DistributionPolicy == DistributionPolicy.Manual)
        {
            return null;
        }

        var candidates = department.Candidates;
        if (department.DistributeByMatch && candidates.Count > 0)
        {
            var matched = await db.Set<DistributionMatch>().AsNoTracking()
                .Where(m => m.DepartmentId == departmentId && (m.Kind == kind || (affairId != null && m.AffairId == affairId)))
                .Select(m => m.UserId)
                .ToListAsync(ct);
            var narrowed = candidates.Where(matched.Contains).ToList();
            candidates = narrowed.Count > 0 ? narrowed : candidates;
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        return department.DistributionPolicy switch
        {
            DistributionPolicy.RoundRobin => candidates[await NextTurnAsync(departmentId, ct) % candidates.Count],
            DistributionPolicy.LeastOpenWork => await LeastLoadedAsync(candidates, ct),
            _ => null,
        };
    }

    /// <summary>Active officials of the department who are not absent today, in a stable order.</summary>
    public async Task<List<Guid>> AvailableOfficialsAsync(int departmentId, CancellationToken ct) =>
        (await DepartmentWithAvailableOfficials(db, departmentId, DueBadges.KstDate(time.GetUtcNow())))?.Candidates ?? [];

    private sealed record DepartmentOfficials(DistributionPolicy DistributionPolicy, bool DistributeByMatch, List<Guid> Candidates);

    // The policy and the officials it may choose (active, not absent on the day) in one round trip, compiled once:
    // intake runs it for every petition, and translating the expression each time cost more than the query.
    private static readonly Func<TreatmentDbContext, int, DateOnly, Task<DepartmentOfficials?>> DepartmentWithAvailableOfficials =
        EF.CompileAsyncQuery((TreatmentDbContext db, int departmentId, DateOnly today) => db.Departments.AsNoTracking()
            .Where(d => d.Id == departmentId)
            .Select(d => new DepartmentOfficials(
                d.DistributionPolicy,
                d.DistributeByMatch,
                db.Users
                    .Where(u => u.DepartmentId == d.Id && u.IsActive
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Official))
                        && !db.Set<Absence>().Any(a => a.UserId == u.Id && a.StartsOn <= today && a.EndsOn >= today))
                    .OrderBy(u => u.Id)
                    .Select(u => u.Id)
                    .ToList()))
            .FirstOrDefault());

    // One atomic UPDATE: two petitions routed at once never take the same turn. Every intake of a department updates
    // its row, so outside a caller's transaction it commits without waiting for the WAL flush (as the receipt counter
    // does, decision 006): the row lock is released at once. A turn lost in a crash only repeats an official's turn.
    private async Task<int> NextTurnAsync(int departmentId, CancellationToken ct)
    {
        var ownCommit = db.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null;
        var turns = ownCommit
            ? await db.Database
                .SqlQuery<int>($"WITH t AS (UPDATE departments SET distribution_cursor = distribution_cursor + 1 WHERE id = {departmentId} RETURNING distribution_cursor - 1 AS turn) SELECT t.turn AS \"Value\", set_config('synchronous_commit', 'off', true) FROM t")
                .ToListAsync(ct)
            : await db.Database
                .SqlQuery<int>($"UPDATE departments SET distribution_cursor = distribution_cursor + 1 WHERE id = {departmentId} RETURNING distribution_cursor - 1 AS \"Value\"")
                .ToListAsync(ct);
        return Math.Abs(turns[0]);
    }

    private async Task<Guid> LeastLoadedAsync(List<Guid> candidates, CancellationToken ct)
    {
        var open = await db.Petitions.AsNoTracking()
            .Where(p => p.IsOpen && p.AssigneeId != null && candidates.Contains(p.AssigneeId.Value))
            .GroupBy(p => p.AssigneeId!.Value)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, ct);
        return candidates.OrderBy(c => open.GetValueOrDefault(c)).First();
    }
}
