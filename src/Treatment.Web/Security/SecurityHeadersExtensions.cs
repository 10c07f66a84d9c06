namespace Treatment.Web.Security;

/// <summary>
/// Response headers of every page and API answer (NetEscapades.AspNetCore.SecurityHeaders): a CSP with scripts from
/// our own files only, no framing, nosniff, a same-origin referrer; HTTPS redirection and HSTS when
/// Treatment:PublicUrl is https.
/// </summary>
public static class SecurityHeadersExtensions
{
    public const string PublicUrlKey = "Treatment:PublicUrl";
    private const string ThirdPartyPagesPolicy = "third-party-pages";

    public static IServiceCollection AddTreatmentSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var publicUrl = configuration[PublicUrlKey];
        if (publicUrl is { Length: > 0 } && !(Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            throw new InvalidOperationException($"{PublicUrlKey} must be an absolute http or https URL (was '{publicUrl}')");
        }

        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(p => Common(p, allowInlineScripts: false))
            // The API reference (Scalar) and the job dashboard (Hangfire) are packaged pages with inline scripts; they show no personal data.
            .AddPolicy(ThirdPartyPagesPolicy, p => Common(p, allowInlineScripts: true))
            .SetPolicySelector(c => IsThirdPartyPage(c.HttpContext.Request.Path) ? c.ConfiguredPolicies[ThirdPartyPagesPolicy] : c.SelectedPolicy));
        if (IsHttps(configuration))
        {
            services.AddHttpsRedirection(o => o.HttpsPort = new Uri(publicUrl!).Port);
            services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = false;
            });
        }

        return services;
    }

    public static WebApplication UseTreatmentSecurityHeaders(this WebApplication app)
    {
        if (IsHttps(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        return app;
    }

    /// <summary>For pages and answers that show revealed personal data: no copy kept by the browser or a proxy.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    private static bool IsHttps(IConfiguration configuration) =>
        configuration[PublicUrlKey] is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static bool IsThirdPartyPage(PathString path) =>
        path.StartsWithSegments("/api/docs") || path.StartsWithSegments(Hosting.JobsExtensions.DashboardPath);

    private static void Common(HeaderPolicyCollection p, bool allowInlineScripts)
    {
        p.AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicySameOrigin()
            .AddCrossOriginOpenerPolicy(o => o.SameOrigin())
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                var scripts = csp.AddScriptSrc().Self();
                if (allowInlineScripts)
                {
                    scripts.UnsafeInline();
                }

                // Mermaid writes style attributes into the diagrams it draws.
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            });
    }
}
