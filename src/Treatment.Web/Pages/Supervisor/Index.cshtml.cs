using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

public sealed class IndexModel(SupervisorService supervisor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Department { get; set; }

    public DepartmentOverview Overview { get; private set; } = null!;

    public IReadOnlyList<WatchedPetition> Overdue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Overview = await supervisor.OverviewAsync(actor, Department, ct);
        Overdue = (await supervisor.OverdueAsync(actor, Overview.DepartmentId, ct)).Take(10).ToList();
    }
}
