using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Web.Hosting;

namespace Treatment.Web.Pages.Account;

/// <summary>The language switch: stores the choice in the culture cookie for a year.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? lang, string? returnUrl)
    {
        var culture = lang == "en" ? BackOfficeExtensions.English : BackOfficeExtensions.Korean;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
