using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

/// <summary>Dead-lettered messages with a resend button and quarantined petitions with a release button (scope checked by the service).</summary>
public sealed class FaultsModel(FaultAdminService faults) : PageModel
{
    public IReadOnlyList<DeadLetterRow> DeadLetters { get; private set; } = [];

    public IReadOnlyList<QuarantineRow> Quarantined { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        DeadLetters = await faults.DeadLettersAsync(User.ToActor(), ct);
        Quarantined = await faults.QuarantinedAsync(User.ToActor(), ct);
    }

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        if (!await faults.ResendAsync(User.ToActor(), id, ct))
        {
            return NotFound();
        }

        TempData["message"] = L.T($"메시지 #{id}을(를) 다시 보내기 대기열에 넣었습니다.", $"Message #{id} is queued to be sent again.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReleaseAsync(long id, CancellationToken ct)
    {
        if (!await faults.ReleaseAsync(User.ToActor(), id, ct))
        {
            return NotFound();
        }

        TempData["message"] = L.T("민원을 기한 점검에 되돌렸습니다.", "The petition is back in the deadline sweep.");
        return RedirectToPage();
    }
}
