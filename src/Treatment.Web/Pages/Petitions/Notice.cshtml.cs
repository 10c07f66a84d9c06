using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Notices;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

public sealed class NoticeModel(PetitionPageService pages) : PageModel
{
    public Notice Notice { get; private set; } = null!;

    public long PetitionId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, long noticeId, CancellationToken ct)
    {
        // A notice names the petitioner in full.
        Security.SecurityHeadersExtensions.NoStore(Response);
        var notice = await pages.GetNoticeAsync(User.ToActor(), id, noticeId, ct);
        if (notice is null)
        {
            return NotFound();
        }

        Notice = notice;
        PetitionId = id;
        return Page();
    }
}
