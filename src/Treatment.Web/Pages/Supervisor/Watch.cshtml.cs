using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

/// <summary>Overdue or at-risk petitions of a department, with reassignment of one or many.</summary>
public sealed class WatchModel(SupervisorService supervisor, PetitionService petitions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string List { get; set; } = "overdue";

    [BindProperty(SupportsGet = true)]
    public int? Department { get; set; }

    public IReadOnlyList<WatchedPetition> Rows { get; private set; } = [];

    public IReadOnlyList<AssigneeOption> Assignees { get; private set; } = [];

    public bool AtRisk => List == "atrisk";

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        await LoadAsync(ct);
    }

    /// <summary>Reassigns the selected petitions through the petition service (all or none, audited per petition).</summary>
    public async Task<IActionResult> OnPostReassignAsync(List<long> ids, Guid? assigneeId, string? reason, CancellationToken ct)
    {
        if (ids.Count == 0 || assigneeId is not { } assignee)
        {
            TempData["message"] = L.T("재배정할 민원과 새 담당자를 고르세요.", "Choose petitions and a new assignee.");
        }
        else
        {
            var result = await petitions.ReassignAsync(ids, assignee, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), User.ToActor(), ct);
            TempData["message"] = result.IsSuccess
                ? L.T($"{result.Value}건을 재배정했습니다.", $"{result.Value} petition(s) reassigned.")
                : L.T(result.Error!.Message);
        }

        return Redirect($"/Supervisor/Watch?list={Uri.EscapeDataString(List)}&department={Department}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Rows = AtRisk ? await supervisor.AtRiskAsync(actor, Department, ct) : await supervisor.OverdueAsync(actor, Department, ct);
        Assignees = actor.IsInRole(Core.Agencies.Roles.Supervisor) || actor.IsInRole(Core.Agencies.Roles.Admin)
            ? await supervisor.AssigneesAsync(actor, ct)
            : [];
    }
}
