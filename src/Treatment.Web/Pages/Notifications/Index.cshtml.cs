using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Notifications;

public sealed class IndexModel(SupervisorService notifications) : PageModel
{
    public IReadOnlyList<NotificationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await notifications.NotificationsAsync(User.ToActor(), null, ct);

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var unread = (await notifications.NotificationsAsync(actor, null, ct)).Where(n => !n.Read).Select(n => n.Id).ToList();
        await notifications.MarkReadAsync(actor, unread, ct);
        return RedirectToPage();
    }
}
