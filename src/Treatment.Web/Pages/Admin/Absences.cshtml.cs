using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

/// <summary>Absences with substitutes (대리): recording one that has started moves the official's open work at once.</summary>
public sealed class AbsencesModel(AbsenceService absences, TimeProvider time) : PageModel
{
    public IReadOnlyList<AbsenceRow> Rows { get; private set; } = [];

    public IReadOnlyList<Choice> People { get; private set; } = [];

    public DateOnly Today => DueBadges.KstDate(time.GetUtcNow());

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        Error = TempData["error"] as string;
        Rows = await absences.CurrentAsync(User.ToActor(), ct);
        People = await absences.PeopleAsync(User.ToActor(), ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid userId, DateOnly? startsOn, DateOnly? endsOn, Guid? substituteId, string? reason, CancellationToken ct)
    {
        var result = await absences.RecordAsync(User.ToActor(), userId, startsOn ?? Today, endsOn ?? startsOn ?? Today, substituteId, reason, ct);
        TempData[result.IsSuccess ? "message" : "error"] = result.IsSuccess
            ? L.T("부재를 등록했습니다. 시작된 부재는 미처리 민원을 바로 넘겼습니다.", "Absence recorded; one that has started has moved the open petitions.")
            : L.T(result.Error!.Message) + (result.Error.Fields is { Count: > 0 } f ? " — " + string.Join("; ", f.SelectMany(x => x.Value)) : "");
        return RedirectToPage();
    }
}
