using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Web.Api;

namespace Treatment.Web.Security;

/// <summary>
/// The edges strangers reach: the client address behind a reverse proxy (Treatment:ForwardedHeaders), the per-address
/// limit of the citizen status lookup, and the database-backed throttle shared by every node.
/// </summary>
public static class PublicEdgeExtensions
{
    public const string ForwardedHeadersSection = "Treatment:ForwardedHeaders";

    /// <summary>The citizen window's forms (apply, result, verify): the status lookup's limits per address and page; reading is free.</summary>
    public const string CitizenWindowPolicy = "citizen-window";

    public static IServiceCollection AddTreatmentPublicEdges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatusLookupOptions>().Bind(configuration.GetSection(StatusLookupOptions.Section))
            .Validate(o => o.PerAddressLimit > 0 && o.FailuresBeforeLockout > 0 && o.PerAddressWindow > TimeSpan.Zero && o.Lockout > TimeSpan.Zero,
                "Treatment:StatusLookup limits must be positive")
            .ValidateOnStart();
        services.AddOptions<Treatment.Core.Petitioner.PetitionerActionOptions>().Bind(configuration.GetSection(Treatment.Core.Petitioner.PetitionerActionOptions.Section))
            .Validate(o => o.IdentityAssertionMaxAge > TimeSpan.Zero && o.IdentityAssertionMaxAge <= TimeSpan.FromHours(1),
                "Treatment:PetitionerActions:IdentityAssertionMaxAge must be positive and at most an hour")
            .ValidateOnStart();
        services.AddScoped<AttemptThrottle>();
        services.AddScoped<StatusLookup>();
        services.AddScoped<Treatment.Core.Packages.PackageReader>();
        services.AddScoped<Treatment.Core.Documents.DocumentVerification>();
        services.AddScoped<Treatment.Core.Minwon.CitizenWindow>();
        // DEMO identity verification only where demo data is seeded; otherwise the window refuses applications until a real one is registered.
        var demo = configuration.GetValue<bool>("Treatment:SeedDemoData");
        services.TryAddSingleton<Treatment.Core.Minwon.IIdentityVerifier>(demo ? new Treatment.Core.Minwon.DemoIdentityVerifier() : new Treatment.Core.Minwon.NoIdentityVerifier());

        // Only proxies named here may tell the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto).
        var proxies = configuration.GetSection(ForwardedHeadersSection + ":KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection(ForwardedHeadersSection + ":KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/minwon"))
                {
                    context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>요청이 너무 많음 (Too many requests)</title></head><body><main><h1>요청이 너무 많습니다 <span lang=\"en\">Too many requests</span></h1><p>잠시 후 다시 시도하십시오. <span lang=\"en\">Try again later.</span></p><p><a href=\"/minwon\">민원24 (Minwon24)</a></p></main></body></html>", ct);
                    return;
                }

                await ApiProblems.Problem(429, "too-many-requests", "요청이 너무 많음", "Too many requests", "잠시 후 다시 시도하십시오. (try again later)")
                    .ExecuteAsync(context.HttpContext);
            };

            // Per address across every receipt number: guessing many receipts from one address is slow.
            o.AddPolicy(StatusEndpoints.RateLimitPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatusLookupOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerAddressLimit,
                    Window = limits.PerAddressWindow,
                    QueueLimit = 0,
                });
            });

            o.AddPolicy(CitizenWindowPolicy, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatusLookupOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http) + " " + http.Request.Path.Value?.ToLowerInvariant(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerAddressLimit,
                    Window = limits.PerAddressWindow,
                    QueueLimit = 0,
                });
            });

            // Document verification has its own budget per address, with the status lookup's limits.
            o.AddPolicy(DocumentEndpoints.RateLimitPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatusLookupOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerAddressLimit,
                    Window = limits.PerAddressWindow,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>Forwarded headers first, so limits and logs see the client and not the proxy.</summary>
    public static WebApplication UseTreatmentForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
