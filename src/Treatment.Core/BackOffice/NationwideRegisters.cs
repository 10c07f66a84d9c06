using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>
/// Registers that serve every agency at once (package definitions, address-change recipients) are kept by admins of a
/// central agency, as the holiday calendar is (policy <c>nationwide-registers-central-admins</c>); other roles 403.
/// </summary>
public static class NationwideRegisters
{
    public static async Task RequireCentralAdminAsync(TreatmentDbContext db, Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        if (actor.AgencyId is not { } agencyId || !await db.Agencies.AsNoTracking().AnyAsync(a => a.Id == agencyId && a.Level == AgencyLevel.Central, ct))
        {
            throw new BackOfficeForbiddenException("nationwide registers are kept by admins of a central agency");
        }
    }
}
