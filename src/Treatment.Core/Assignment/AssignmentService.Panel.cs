using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Assignment;

/// <summary>A choice of official or department on a form.</summary>
public sealed record Choice(string Value, LocalizedText Title);

/// <summary>What the petition page offers the actor about who does the work, and the hand-over window (Decree §13②).</summary>
public sealed record AssignmentPanel(
    bool MayClaim,
    bool MayRelease,
    bool MayHandOver,
    bool MayDistribute,
    IReadOnlyList<Choice> Departments,
    IReadOnlyList<Choice> Officials,
    DateTimeOffset HandOverDue,
    bool HandOverWindowOpen,
    HandOverRule Rule);

public sealed partial class AssignmentService
{
    /// <summary>The petition page's assignment panel for the actor (what they may do; the hand-over window).</summary>
    public async Task<AssignmentPanel> PanelAsync(Petition petition, Actor actor, CancellationToken ct)
    {
        var me = actor.UserId;
        var open = petition.IsOpen && petition.AgencyId == actor.AgencyId;
        var worksQueue = actor.WorksQueueOf(petition.AgencyId, petition.DepartmentId);
        var distributes = actor.MayDistribute(petition.AgencyId, petition.DepartmentId);
        var mayHandOver = open && (petition.AssigneeId == me || worksQueue || distributes);
        var departments = mayHandOver
            ? await db.Departments.AsNoTracking().Where(d => d.AgencyId == petition.AgencyId && d.Id != petition.DepartmentId).OrderBy(d => d.Id)
                .Select(d => new Choice(d.Id.ToString(), new LocalizedText(d.NameKo, d.NameEn))).ToListAsync(ct)
            : [];
        var officials = open && distributes && petition.DepartmentId is { } department
            ? (await OfficialsOfAsync(department, ct)).Where(o => o.Value != petition.AssigneeId?.ToString()).ToList()
            : [];
        var due = await HandOverDueAsync(petition, ct);
        return new AssignmentPanel(
            MayClaim: open && petition.AssigneeId is null && worksQueue,
            MayRelease: open && petition.AssigneeId is not null && (petition.AssigneeId == me || distributes),
            MayHandOver: mayHandOver,
            MayDistribute: officials.Count > 0,
            departments,
            officials,
            due,
            HandOverWindowOpen: open && time.GetUtcNow() <= due,
            handOver);
    }

    /// <summary>The officials a distributor may give the department's petitions to (active, with the Official role).</summary>
    public async Task<List<Choice>> OfficialsOfAsync(int departmentId, CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .Where(u => u.DepartmentId == departmentId && u.IsActive
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Official)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id.ToString(), new LocalizedText(u.DisplayName, u.DisplayName)))
            .ToListAsync(ct);

    /// <summary>The officials the actor distributes to: their department's (a team lead), or every department's of the agency.</summary>
    public async Task<List<Choice>> OfficialsForAsync(Actor actor, CancellationToken ct)
    {
        if (actor.AgencyId is not { } agencyId || !actor.MayDistribute(agencyId, actor.DepartmentId))
        {
            return [];
        }

        var departments = actor.IsTeamLead()
            ? [actor.DepartmentId!.Value]
            : await db.Departments.AsNoTracking().Where(d => d.AgencyId == agencyId).Select(d => d.Id).ToListAsync(ct);
        var result = new List<Choice>();
        foreach (var department in departments)
        {
            result.AddRange(await OfficialsOfAsync(department, ct));
        }

        return result;
    }
}
