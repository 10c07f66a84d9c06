using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

/// <summary>The objection register (이의신청처리대장, form 12) of the agency for a year, on the page and as CSV.</summary>
public sealed class ObjectionsModel(ObjectionRegister register, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<ObjectionRegisterRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year ??= DueBadges.KstDate(time.GetUtcNow()).Year;
        Rows = await register.ListAsync(User.ToActor(), Year.Value, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Year ??= DueBadges.KstDate(time.GetUtcNow()).Year;
        var rows = await register.ListAsync(User.ToActor(), Year.Value, ct);
        return File(Encoding.UTF8.GetBytes(ObjectionRegister.ToCsv(rows)), "text/csv; charset=utf-8", $"objection-register-{Year}.csv");
    }
}
