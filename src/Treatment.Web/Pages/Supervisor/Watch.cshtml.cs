using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

/// <summary>Overdue or at-risk petitions of a department, with reassignment of one or many.</summary>
public sealed partial class WatchModel(SupervisorService supervisor) : PageModel
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

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Rows = AtRisk ? await supervisor.AtRiskAsync(actor, Department, ct) : await supervisor.OverdueAsync(actor, Department, ct);
        Assignees = actor.IsInRole(Core.Agencies.Roles.Supervisor) || actor.IsInRole(Core.Agencies.Roles.Admin)
            ? await supervisor.AssigneesAsync(actor, ct)
            : [];
    }
}
