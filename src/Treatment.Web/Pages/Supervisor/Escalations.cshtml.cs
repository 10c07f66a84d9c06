using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

public sealed class EscalationsModel(SupervisorService supervisor) : PageModel
{
    /// <summary>Notification kinds the sweep sends up the ladder (overdue → supervisor, examiner's reminder, report to the head).</summary>
    public static readonly string[] EscalationKinds = ["overdue", "examiner-reminder", "agency-head"];

    public IReadOnlyList<NotificationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await supervisor.NotificationsAsync(User.ToActor(), EscalationKinds, ct);
}
