using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Workflows;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

/// <summary>Users of the admin's agencies: create, disable and re-enable, grant and withdraw roles (scope checked by the service).</summary>
public sealed class UsersModel(UserAdminService admin) : PageModel
{
    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public IReadOnlyList<ManagedAgency> Agencies { get; private set; } = [];

    public LocalizedText PasswordPolicy { get; private set; } = new("", "");

    [BindProperty]
    public NewUserForm Form { get; set; } = new();

    public string? Message { get; private set; }

    /// <summary>True when the create form comes back with errors, so it opens where they are.</summary>
    public bool CreateFailed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            await admin.CreateAsync(User.ToActor(), new NewUser(Form.UserName, Form.DisplayName, Form.Role, Form.AgencyId, Form.DepartmentId, Form.Password), ct);
            TempData["message"] = L.T($"사용자 {Form.UserName?.Trim()}을(를) 만들었습니다.", $"User {Form.UserName?.Trim()} created.");
            return RedirectToPage();
        }
        catch (BackOfficeInputException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError(error.Field.Length == 0 ? "" : $"{nameof(Form)}.{error.Field}", L.T(error.Message));
            }

            CreateFailed = true;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid userId, bool active, CancellationToken ct)
    {
        var userName = await admin.SetActiveAsync(User.ToActor(), userId, active, ct);
        TempData["message"] = active
            ? L.T($"{userName} 계정을 다시 사용하게 했습니다.", $"{userName} can sign in again.")
            : L.T($"{userName} 계정을 사용 중지했습니다. 로그인할 수 없고, 열려 있던 접속은 1분 안에 끝납니다.", $"{userName} is disabled: signing in is refused and open sessions end within a minute.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, string role, bool grant, CancellationToken ct)
    {
        await admin.SetRoleAsync(User.ToActor(), userId, role, grant, ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Agencies = await admin.ManagedAgenciesAsync(actor, ct);
        Rows = await admin.UsersAsync(actor, ct);
        PasswordPolicy = admin.PasswordPolicy();
    }
}

/// <summary>The create form's fields.</summary>
public sealed class NewUserForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    public int? AgencyId { get; set; }

    public int? DepartmentId { get; set; }

    public string? Password { get; set; }
}
