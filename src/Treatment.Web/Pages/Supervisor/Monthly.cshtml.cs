using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Reports;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

/// <summary>The agency head's monthly figures (Decree §22): this month against last, twelve months of on-time rate, the affairs most often late.</summary>
public sealed class MonthlyModel(MonthlyFiguresService figures) : PageModel
{
    public MonthlyFiguresView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await figures.ForAgencyAsync(User.ToActor(), null, ct);
}
