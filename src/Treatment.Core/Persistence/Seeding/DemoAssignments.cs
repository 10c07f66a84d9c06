using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.Petitions;

namespace Treatment.Core.Persistence.Seeding;

/// <summary>
/// How the demo's work reaches its officials, through the distribution path only: departments distribute
/// automatically while most petitions arrive, then by hand, so every official has work assigned and waiting in the
/// queue; tax questions that reach the civil-affairs office are handed over to the tax department (Decree §13②).
/// </summary>
internal static class DemoAssignments
{
    private const string TaxTopic = "지방세 감면 요건 질의";

    /// <summary>Automatic distribution while the first petitions arrive: round-robin at the civil-affairs offices, least-open-work elsewhere.</summary>
    public static Task DistributeAutomaticallyAsync(TreatmentDbContext db, CancellationToken ct) =>
        db.Departments.ExecuteUpdateAsync(s => s.SetProperty(d => d.DistributionPolicy, d => d.IsPetitionsOffice ? DistributionPolicy.RoundRobin : DistributionPolicy.LeastOpenWork), ct);

    /// <summary>The rest arrive while distribution is by hand: they wait in the queues.</summary>
    public static Task DistributeByHandAsync(TreatmentDbContext db, CancellationToken ct) =>
        db.Departments.ExecuteUpdateAsync(s => s.SetProperty(d => d.DistributionPolicy, DistributionPolicy.Manual), ct);

    /// <summary>As the demo is left: team leads distribute the civil-affairs offices' arrivals; the other departments automatically.</summary>
    public static Task SettleAsync(TreatmentDbContext db, CancellationToken ct) =>
        db.Departments.ExecuteUpdateAsync(s => s.SetProperty(d => d.DistributionPolicy, d => d.IsPetitionsOffice ? DistributionPolicy.Manual : DistributionPolicy.LeastOpenWork), ct);

    /// <summary>A tax question received by an agency's civil-affairs office goes to its tax department, by an official of the office.</summary>
    public static async Task<Petition> HandOverMisroutedAsync(TreatmentDbContext db, AssignmentService? assignments, Petition petition, IReadOnlyList<Actor> staff, CancellationToken ct)
    {
        if (assignments is null || petition.Title != TaxTopic
            || await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.AgencyId == petition.AgencyId && d.Code == "TAX", ct) is not { } tax
            || !staff.Any(s => s.DepartmentId == tax.Id)
            || staff.FirstOrDefault(s => s.UserId == petition.AssigneeId || (s.DepartmentId == petition.DepartmentId && s.IsInRole(Roles.Official))) is not { } handing)
        {
            return petition;
        }

        var result = await assignments.HandOverAsync(petition.Id, tax.Id, "지방세 감면은 세무과 소관입니다.", handing, ct);
        return result.Value ?? petition;
    }
}
