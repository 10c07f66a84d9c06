using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Agencies;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages;

/// <summary>The start page of each role.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        var actor = User.ToActor();
        return Redirect(actor.IsInRole(Roles.Official) ? "/Inbox"
            : actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) ? "/Supervisor"
            : actor.IsInRole(Roles.Admin) ? "/Admin"
            : actor.IsInRole(Roles.Analyst) ? "/Reports"
            : "/Account/Denied");
    }
}
