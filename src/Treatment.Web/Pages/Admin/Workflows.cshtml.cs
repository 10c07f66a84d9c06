using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

public sealed class WorkflowsModel(AdminService admin) : PageModel
{
    public IReadOnlyList<WorkflowVersionRow> Rows { get; private set; } = [];

    public void OnGet() => Rows = admin.Workflows(User.ToActor());
}
