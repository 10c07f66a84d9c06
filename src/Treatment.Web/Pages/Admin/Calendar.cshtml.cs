using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

public sealed class CalendarModel(AdminService admin, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DateOnly? PreviewDate { get; set; }

    [BindProperty]
    public string? PreviewName { get; set; }

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    public CalendarChangePreviewResult? Preview { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (PreviewDate is not { } date || string.IsNullOrWhiteSpace(PreviewName))
        {
            ModelState.AddModelError(nameof(PreviewDate), L.T("날짜와 이름을 입력하세요.", "Enter a date and a name."));
        }
        else
        {
            Year ??= date.Year;
            Preview = await admin.PreviewTemporaryHolidayAsync(User.ToActor(), date, PreviewName.Trim(), ct);
        }

        Load();
        return Page();
    }

    private void Load()
    {
        Year ??= DueBadges.KstDate(time.GetUtcNow()).Year;
        Holidays = admin.Holidays(User.ToActor(), Year.Value);
    }
}
