using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Committee;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Committee;

/// <summary>The yearly review list of the committee (Decree §38조의2), on the page and as CSV.</summary>
public sealed class ReviewModel(YearlyReviewList list, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<ReviewRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year ??= DueBadges.KstDate(time.GetUtcNow()).Year;
        Rows = await list.ListAsync(User.ToActor(), Year.Value, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Year ??= DueBadges.KstDate(time.GetUtcNow()).Year;
        var rows = await list.ListAsync(User.ToActor(), Year.Value, ct);
        return File(Encoding.UTF8.GetBytes(YearlyReviewList.ToCsv(rows)), "text/csv; charset=utf-8", $"committee-review-{Year}.csv");
    }
}
