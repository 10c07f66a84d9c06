using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

/// <summary>The Decree §22 monthly check per agency (the previous month by default), its CSV and the examiner's sign-off.</summary>
public sealed class MonthlyCheckModel(MonthlyCheckRegister register) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    public IReadOnlyList<MonthlyCheckRow> Rows { get; private set; } = [];

    public bool MaySign => User.IsInRole(Roles.Examiner);

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Default();
        Rows = await register.ListAsync(User.ToActor(), Year!.Value, Month!.Value, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Default();
        var rows = await register.ListAsync(User.ToActor(), Year!.Value, Month!.Value, ct);
        return File(Encoding.UTF8.GetBytes(MonthlyCheckRegister.ToCsv(rows)), "text/csv; charset=utf-8", $"monthly-check-{Year}-{Month:00}.csv");
    }

    public async Task<IActionResult> OnPostSignAsync(CancellationToken ct)
    {
        Default();
        var signed = await register.SignAsync(User.ToActor(), Year!.Value, Month!.Value, ct);
        return RedirectToPage(new { year = signed.Year, month = signed.Month });
    }

    private void Default()
    {
        if (Year is null || Month is null)
        {
            (Year, Month) = register.PreviousMonth();
        }
    }
}
