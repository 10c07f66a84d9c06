using Treatment.Core.Agencies;
using Treatment.Core.Complex;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>
/// The one scope rule's explicit grant (decision 012, decision 022): a department consulted on a complex petition reads
/// the petition's shared part only — title, state, due and its own consultation — never the petitioner, the body, the
/// timeline or other departments' consultations. Officials: consultations asked of their department; supervisors,
/// examiners and admins: those asked of their agency; analysts and channels: none. Everything else of the petition
/// stays behind <see cref="BackOfficeScope"/>.
/// </summary>
public static class SharedPartScope
{
    public static IQueryable<Consultation> GrantedTo(this IQueryable<Consultation> consultations, Actor actor)
    {
        if (actor.UserId is null || actor.AgencyId is not { } agencyId)
        {
            return consultations.Where(_ => false);
        }

        if (actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin))
        {
            return consultations.Where(c => c.AgencyId == agencyId);
        }

        if (actor.IsInRole(Roles.Official) && actor.DepartmentId is { } departmentId)
        {
            return consultations.Where(c => c.AgencyId == agencyId && c.DepartmentId == departmentId);
        }

        return consultations.Where(_ => false);
    }

    /// <summary>The same grant for one loaded consultation.</summary>
    public static bool IsGrantedTo(this Consultation consultation, Actor actor)
    {
        if (actor.UserId is null || actor.AgencyId is not { } agencyId || consultation.AgencyId != agencyId)
        {
            return false;
        }

        if (actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin))
        {
            return true;
        }

        return actor.IsInRole(Roles.Official) && actor.DepartmentId == consultation.DepartmentId;
    }

    /// <summary>Who answers a consultation: an official of the consulted department or a supervisor of the consulted agency.</summary>
    public static bool MayAnswer(this Consultation consultation, Actor actor) =>
        consultation.IsGrantedTo(actor) && (actor.IsInRole(Roles.Official) || actor.IsInRole(Roles.Supervisor));
}
