using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Agencies;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Account;

public sealed class SignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    [Required]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = L.T("아이디와 비밀번호를 입력하세요.", "Enter your user name and password.");
            return Page();
        }

        var user = await users.FindByNameAsync(UserName.Trim());
        if (user is { IsActive: false })
        {
            Error = L.T("사용이 중지된 계정입니다.", "This account is disabled.");
            return Page();
        }

        // Five failures lock the account for 15 minutes (AddIdentityCore lockout options).
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserName} signed in", UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = result.IsLockedOut
            ? L.T("로그인 실패가 반복되어 계정이 잠겼습니다. 15분 후 다시 시도하세요.", "Too many failed attempts: the account is locked for 15 minutes.")
            : L.T("아이디 또는 비밀번호가 올바르지 않습니다.", "The user name or password is wrong.");
        return Page();
    }
}
