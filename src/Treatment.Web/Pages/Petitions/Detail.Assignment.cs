using Microsoft.AspNetCore.Mvc;
using Treatment.Core.Assignment;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

/// <summary>The petition page's assignment forms: take it, hand it back, give it to an official, hand it over to another department.</summary>
public sealed partial class DetailModel
{
    public async Task<IActionResult> OnPostClaimAsync(long id, [FromServices] AssignmentService assignments, CancellationToken ct) =>
        Respond(id, (await assignments.ClaimAsync(id, User.ToActor(), ct)).Error, L.T("이 민원을 맡았습니다.", "You took this petition."));

    public async Task<IActionResult> OnPostReleaseAsync(long id, string? reason, [FromServices] AssignmentService assignments, CancellationToken ct) =>
        Respond(id, (await assignments.ReleaseAsync(id, reason, User.ToActor(), ct)).Error, L.T("부서 대기로 돌려놓았습니다.", "Handed back to the department's queue."));

    public async Task<IActionResult> OnPostDistributeAsync(long id, Guid assigneeId, [FromServices] AssignmentService assignments, CancellationToken ct) =>
        Respond(id, (await assignments.DistributeAsync([id], assigneeId, null, User.ToActor(), ct)).Error, L.T("배부했습니다.", "Assigned."));

    public async Task<IActionResult> OnPostHandOverAsync(long id, int departmentId, string? reason, [FromServices] AssignmentService assignments, CancellationToken ct)
    {
        var actor = User.ToActor();
        var result = await assignments.HandOverAsync(id, departmentId, reason, actor, ct);
        // The petition may have left the official's scope with the hand-over: they continue in their inbox.
        var stillMine = result.Value is { } p && (p.AssigneeId == actor.UserId || p.DepartmentId == actor.DepartmentId || !actor.IsInRole(Core.Agencies.Roles.Official));
        return Respond(id, result.Error, L.T("담당 부서로 이관했습니다.", "Handed over to the competent department."), result.IsSuccess && !stillMine ? "/Inbox" : null);
    }

    private IActionResult Respond(long id, PetitionError? error, string done, string? next = null)
    {
        if (error is { Kind: PetitionErrorKind.NotFound })
        {
            return NotFound();
        }

        TempData[error is null ? "message" : "error"] = error is null ? done : Describe(error);
        return Redirect(next ?? $"/Petitions/{id}");
    }
}
