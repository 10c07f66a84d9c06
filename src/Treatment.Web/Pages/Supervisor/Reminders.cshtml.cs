using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

/// <summary>The examiner's reminder list (Act §25, Decree §28②): the agency's overdue petitions to chase, and reminders sent.</summary>
public sealed class RemindersModel(SupervisorService supervisor) : PageModel
{
    public IReadOnlyList<WatchedPetition> Overdue { get; private set; } = [];

    public IReadOnlyList<NotificationRow> Sent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        actor.Require(Roles.Examiner, Roles.Supervisor, Roles.Admin);
        Overdue = await supervisor.OverdueAsync(actor, null, ct);
        Sent = await supervisor.NotificationsAsync(actor, ["examiner-reminder", "agency-head"], ct);
    }
}
