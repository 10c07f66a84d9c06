using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

public sealed class BreachesModel(SupervisorService supervisor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<BreachRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await supervisor.BreachesAsync(User.ToActor(), All, ct);
}
