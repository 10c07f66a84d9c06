using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Agencies;
using Treatment.Web.BackOffice;
using Treatment.Web.Security;

namespace Treatment.Web.Pages.Account;

public sealed class SignInModel(SignInManager<AppUser> signIn, CredentialCheck credentials, ILogger<SignInModel> logger) : PageModel
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

        // One message for a wrong password, an unknown account and a disabled one; failures slow down, never lock out.
        var checkedCredentials = await credentials.CheckAsync(UserName, Password, PublicEdgeExtensions.ClientAddress(HttpContext), HttpContext.RequestAborted);
        if (checkedCredentials.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            logger.LogInformation("User {UserName} signed in", user.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (checkedCredentials.RetryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Error = L.T($"로그인 실패가 반복되었습니다. {seconds}초 후 다시 시도하세요.", $"Too many failed attempts: try again in {seconds} seconds.");
            return Page();
        }

        Error = L.T("아이디 또는 비밀번호가 올바르지 않습니다.", "The user name or password is wrong.");
        return Page();
    }
}
