using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.Assignment;

/// <summary>A department's distribution settings as the admin's page shows them.</summary>
public sealed record DepartmentDistribution(int Id, string NameKo, string NameEn, DistributionPolicy Policy, bool ByMatch, IReadOnlyList<MatchRow> Matches);

public sealed record MatchRow(long Id, Guid UserId, string DisplayName, PetitionKind? Kind, string? AffairCode);

/// <summary>An admin sets each department's distribution policy and the kind or affair each official takes (decision 011).</summary>
public sealed class DistributionSettingsService(TreatmentDbContext db)
{
    public async Task<List<DepartmentDistribution>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var departments = await db.Departments.AsNoTracking().Where(d => d.AgencyId == actor.AgencyId).OrderBy(d => d.Id).ToListAsync(ct);
        var ids = departments.Select(d => d.Id).ToList();
        var matches = await (from m in db.Set<DistributionMatch>().AsNoTracking()
                             join u in db.Users on m.UserId equals u.Id
                             join a in db.Affairs on m.AffairId equals (int?)a.Id into affairs
                             from a in affairs.DefaultIfEmpty()
                             where ids.Contains(m.DepartmentId)
                             orderby m.Id
                             select new { m.DepartmentId, Row = new MatchRow(m.Id, m.UserId, u.DisplayName, m.Kind, a == null ? null : a.Code) })
            .ToListAsync(ct);
        return departments.Select(d => new DepartmentDistribution(d.Id, d.NameKo, d.NameEn, d.DistributionPolicy, d.DistributeByMatch,
            matches.Where(m => m.DepartmentId == d.Id).Select(m => m.Row).ToList())).ToList();
    }

    /// <summary>Sets a department's policy; new petitions routed to it follow it from now on.</summary>
    public async Task SetPolicyAsync(Actor actor, int departmentId, DistributionPolicy policy, bool byMatch, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId && d.AgencyId == actor.AgencyId, ct)
            ?? throw new BackOfficeForbiddenException("the department is not in your agency");
        department.DistributionPolicy = policy;
        department.DistributeByMatch = byMatch;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Matches an official of the department to a kind or an affair (by code); one of the two.</summary>
    public async Task<long> AddMatchAsync(Actor actor, int departmentId, Guid userId, PetitionKind? kind, string? affairCode, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        if (!await db.Departments.AnyAsync(d => d.Id == departmentId && d.AgencyId == actor.AgencyId, ct)
            || !await db.Users.AnyAsync(u => u.Id == userId && u.DepartmentId == departmentId, ct))
        {
            throw new BackOfficeForbiddenException("the department or official is not in your agency");
        }

        int? affairId = null;
        if (!string.IsNullOrWhiteSpace(affairCode))
        {
            affairId = await db.Affairs.Where(a => a.Code == affairCode.Trim()).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct)
                ?? throw new BackOfficeInputException("AffairCode", $"민원처리기준표에 없는 사무입니다: {affairCode}", $"Unknown affair code '{affairCode}'.");
        }

        if ((kind is null) == (affairId is null))
        {
            throw new BackOfficeInputException("Kind", "종류나 사무 중 하나를 고르십시오.", "Choose either a kind or an affair.");
        }

        var match = new DistributionMatch { DepartmentId = departmentId, UserId = userId, Kind = kind, AffairId = affairId };
        db.Set<DistributionMatch>().Add(match);
        await db.SaveChangesAsync(ct);
        return match.Id;
    }

    public async Task RemoveMatchAsync(Actor actor, long matchId, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        await db.Set<DistributionMatch>()
            .Where(m => m.Id == matchId && db.Departments.Any(d => d.Id == m.DepartmentId && d.AgencyId == actor.AgencyId))
            .ExecuteDeleteAsync(ct);
    }
}
