using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Hosting;

/// <summary>The Razor Pages back office: sign-in, pages by role, Korean by default with an English switch.</summary>
public static class BackOfficeExtensions
{
    public const string SupervisorPolicy = "back-office:supervisor";
    public const string AdminPolicy = "back-office:admin";
    public const string ReportsPolicy = "back-office:reports";

    public static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static IServiceCollection AddBackOffice(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<IUserClaimsPrincipalFactory<AppUser>, BackOfficeClaimsFactory>());
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "treatment.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(9);
            // The API answers with status codes, never with a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => Redirect(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Redirect(c, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(SupervisorPolicy, p => p.RequireRole(Roles.Supervisor, Roles.Examiner, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(ReportsPolicy, p => p.RequireRole(Roles.Analyst, Roles.Admin));

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/Language");
                // The citizen window: no sign-in for reading; applications carry their own identity verification.
                o.Conventions.AllowAnonymousToFolder("/Minwon");
                o.Conventions.AuthorizeFolder("/Supervisor", SupervisorPolicy);
                o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
                o.Conventions.AuthorizeFolder("/Reports", ReportsPolicy);
            })
            .AddMvcOptions(o => o.Filters.Add<BackOfficeExceptionFilter>());
        services.AddRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Korean);
            o.SupportedCultures = [Korean, English];
            o.SupportedUICultures = [Korean, English];
            // Korean unless the user chose otherwise: the browser's Accept-Language does not switch the language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        // Hangul is written as text, not as &#x...; entities (a third of the bytes, readable source); HTML-significant characters stay encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddSingleton<DueBadges>();
        services.AddSingleton<InboxReadContexts>();
        services.AddKeyedScoped(InboxReadContexts.ServiceKey, (sp, _) => sp.GetRequiredService<InboxReadContexts>().CreateContext());
        services.AddScoped(sp => new InboxService(
            sp.GetRequiredService<TreatmentDbContext>(), sp.GetRequiredService<WorkflowCatalog>(), sp.GetRequiredService<DueBadges>(), sp.GetRequiredService<TimeProvider>(),
            shortReads: sp.GetRequiredKeyedService<TreatmentDbContext>(InboxReadContexts.ServiceKey)));
        // A disabled user's session ends within a minute: disabling renews the security stamp the cookie is checked against.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        return services;
    }

    public static WebApplication UseBackOffice(this WebApplication app)
    {
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.MapRazorPages();
        return app;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
