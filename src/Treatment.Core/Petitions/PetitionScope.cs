using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;

namespace Treatment.Core.Petitions;

/// <summary>
/// Who sees and acts on which petitions, on every surface (pages, API, search, notices, reveals): back-office users
/// by <see cref="BackOfficeScope"/> (officials: their department and what is assigned to them; supervisors, examiners
/// and admins: their agency; analysts: none); the system everywhere; channel systems on none.
/// </summary>
public static class PetitionScope
{
    public const string SystemRole = "System";

    /// <summary>The role of a channel system (portal, e-window, kiosk) acting through its API key.</summary>
    public const string ChannelRole = "Channel";

    public static bool CanSee(Petition petition, Actor actor) =>
        actor.IsInRole(SystemRole) || actor.MaySeeInBackOffice(petition);

    public static IQueryable<Petition> VisibleTo(this IQueryable<Petition> petitions, Actor actor) =>
        actor.IsInRole(SystemRole) ? petitions : petitions.InBackOfficeScope(actor);

    /// <summary>
    /// The sibling grant (decision 021): the packages in which the actor sees at least one child in full. Their other
    /// children are shown to the actor in their shared part only (title, state, due, agency), never as petitions: every
    /// read of the petition itself still goes through <see cref="CanSee"/> and answers 404.
    /// </summary>
    public static IQueryable<long> PackagesSharedWith(this IQueryable<Packages.PetitionPackageMember> members, IQueryable<Petition> petitions, Actor actor)
    {
        var visible = petitions.VisibleTo(actor);
        return members.Where(m => visible.Any(p => p.Id == m.PetitionId)).Select(m => m.PackageId).Distinct();
    }

    /// <summary>Roles that may see a petitioner's resident registration number in full (logged each time).</summary>
    public static bool MayRevealPersonalData(Actor actor) =>
        actor.IsInRole(Roles.Official) || actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner);

    public static bool MayReassign(Actor actor) => actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Admin);

    /// <summary>Officials register visit, mail and phone petitions for their own agency.</summary>
    public static bool MayRegisterFor(Actor actor, int agencyId) =>
        actor.IsInRole(ChannelRole) || actor.IsInRole(SystemRole)
        || (actor.AgencyId == agencyId && (actor.IsInRole(Roles.Official) || actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Admin)));
}
