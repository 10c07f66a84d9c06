using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

public sealed class UsersModel(AdminService admin) : PageModel
{
    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await admin.UsersAsync(User.ToActor(), ct);

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, string role, bool grant, CancellationToken ct)
    {
        await admin.SetRoleAsync(User.ToActor(), userId, role, grant, ct);
        return RedirectToPage();
    }
}
