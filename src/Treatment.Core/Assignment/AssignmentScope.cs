using Treatment.Core.Agencies;
using Treatment.Core.Petitions;

namespace Treatment.Core.Assignment;

/// <summary>
/// Who may take and distribute work (decision 011). A team lead is a Supervisor with a department: they distribute
/// their department's queue. A Supervisor without a department and an Admin distribute across their agency.
/// Officials (and team leads) take work from their own department's queue only; anything else is "not found".
/// </summary>
public static class AssignmentScope
{
    /// <summary>The actor works the department's queue: claims from it and sees it as 부서 대기.</summary>
    public static bool WorksQueueOf(this Actor actor, int agencyId, int? departmentId) =>
        actor.UserId is not null && actor.AgencyId == agencyId && departmentId is not null && actor.DepartmentId == departmentId
        && (actor.IsInRole(Roles.Official) || actor.IsInRole(Roles.Supervisor));

    /// <summary>The actor distributes the department's petitions to its officials.</summary>
    public static bool MayDistribute(this Actor actor, int agencyId, int? departmentId)
    {
        if (actor.UserId is null || actor.AgencyId != agencyId)
        {
            return false;
        }

        if (actor.IsInRole(Roles.Admin))
        {
            return true;
        }

        return actor.IsInRole(Roles.Supervisor) && (actor.DepartmentId is null || actor.DepartmentId == departmentId);
    }

    /// <summary>A team lead: a Supervisor scoped to one department.</summary>
    public static bool IsTeamLead(this Actor actor) => actor.IsInRole(Roles.Supervisor) && actor.DepartmentId is not null;
}
