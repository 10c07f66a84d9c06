using Treatment.Core.Agencies;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>
/// Which petitions a back-office screen shows a user. Every back-office query starts here, so a hidden button is never
/// the only barrier: officials see their department's petitions and those assigned to them; supervisors, examiners and
/// admins see their whole agency; analysts (reports only) and channel systems see none. Narrower than the petition
/// service's agency scope, which still checks every change. The one explicit grant beyond it is the shared part of a
/// complex petition to the departments consulted on it (<see cref="SharedPartScope"/>, decision 022).
/// </summary>
public static class BackOfficeScope
{
    public static IQueryable<Petition> InBackOfficeScope(this IQueryable<Petition> petitions, Actor actor)
    {
        if (actor.UserId is not { } userId || actor.AgencyId is not { } agencyId)
        {
            return petitions.Where(_ => false);
        }

        if (actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin))
        {
            return petitions.Where(p => p.AgencyId == agencyId);
        }

        if (actor.IsInRole(Roles.Official))
        {
            var departmentId = actor.DepartmentId;
            return petitions.Where(p => p.AssigneeId == userId || (p.AgencyId == agencyId && p.DepartmentId == departmentId));
        }

        return petitions.Where(_ => false);
    }

    /// <summary>The same rule for one loaded petition.</summary>
    public static bool MaySeeInBackOffice(this Actor actor, Petition petition)
    {
        if (actor.UserId is not { } userId || actor.AgencyId is not { } agencyId)
        {
            return false;
        }

        if (actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin))
        {
            return petition.AgencyId == agencyId;
        }

        return actor.IsInRole(Roles.Official)
            && (petition.AssigneeId == userId || (petition.AgencyId == agencyId && petition.DepartmentId == actor.DepartmentId));
    }

    /// <summary>Throws unless the actor holds one of the roles (pages show 403).</summary>
    public static void Require(this Actor actor, params string[] roles)
    {
        if (!roles.Any(actor.IsInRole))
        {
            throw new BackOfficeForbiddenException($"requires one of: {string.Join(", ", roles)}");
        }
    }
}
