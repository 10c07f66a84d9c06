using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Committee;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Committee;

/// <summary>One committee meeting: its items, the petitioner's hearing notices, the decisions and the minutes.</summary>
public sealed class MeetingModel(CommitteeService committee) : PageModel
{
    public MeetingView View { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message = TempData["message"] as string;
        Error = TempData["error"] as string;
        if (await committee.MeetingAsync(User.ToActor(), id, ct) is not { } view)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    /// <summary>The issued minutes alone, to print or save.</summary>
    public async Task<IActionResult> OnGetMinutesAsync(long id, CancellationToken ct)
    {
        if (await committee.MeetingAsync(User.ToActor(), id, ct) is not { Meeting.MinutesHtml: { } html })
        {
            return NotFound();
        }

        return Content($"<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>민원조정위원회 회의록</title></head><body>{html}</body></html>", "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, long itemId, CommitteeResolution resolution, string? reason, CancellationToken ct) =>
        Done(id, (await committee.DecideAsync(User.ToActor(), itemId, resolution, reason, ct)).Error, L.T("결정을 기록했습니다.", "Decision recorded."));

    public async Task<IActionResult> OnPostNotifyAsync(long id, long itemId, HearingMode mode, string? viewsDue, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(viewsDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            return Done(id, PetitionError.Invalid("viewsDue", "의견 제출 기한을 고르십시오. (choose the day views are due)"), "");
        }

        return Done(id, (await committee.NotifyPetitionerAsync(User.ToActor(), itemId, mode, due, ct)).Error, L.T("민원인에게 통지했습니다.", "The petitioner was notified."));
    }

    public async Task<IActionResult> OnPostMinutesAsync(long id, long[]? present, CancellationToken ct) =>
        Done(id, (await committee.IssueMinutesAsync(User.ToActor(), id, present ?? [], ct)).Error, L.T("회의록을 작성했습니다.", "Minutes issued."));

    private IActionResult Done(long id, PetitionError? error, string message)
    {
        if (error is { Kind: PetitionErrorKind.NotFound })
        {
            return NotFound();
        }

        TempData[error is null ? "message" : "error"] = error is null ? message : IndexModel.Describe(error);
        return Redirect($"/Committee/Meetings/{id}");
    }
}
