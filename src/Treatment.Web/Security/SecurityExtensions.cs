using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Treatment.Core.Persistence;
using Treatment.Web.Api;

namespace Treatment.Web.Security;

/// <summary>Everything the web host does to be safe in front of strangers and on several nodes, in one registration and one pipeline step.</summary>
public static class SecurityExtensions
{
    public const string DataProtectionSection = "Treatment:DataProtection";

    public static IServiceCollection AddTreatmentSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTreatmentKeyRing(configuration);
        services.AddTreatmentPublicEdges(configuration);
        services.AddTreatmentSecurityHeaders(configuration);
        services.AddTreatmentOpenApiConventions(configuration);
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddScoped<CredentialCheck>();
        services.AddSingleton<ApiTokenCheck>();
        return services;
    }

    /// <summary>Before everything else: the client's address from a trusted proxy, HTTPS and HSTS, response headers.</summary>
    public static WebApplication UseTreatmentSecurity(this WebApplication app)
    {
        app.UseTreatmentForwardedHeaders();
        app.UseTreatmentSecurityHeaders();
        return app;
    }

    /// <summary>
    /// The data-protection key ring (sign-in cookies, bearer tokens, antiforgery) lives in PostgreSQL, so every web node
    /// reads the same keys and a restart keeps sessions; with a certificate configured the keys are encrypted at rest.
    /// </summary>
    public static IServiceCollection AddTreatmentKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var keyRing = services.AddDataProtection().SetApplicationName("Treatment").PersistKeysToDbContext<TreatmentDbContext>();
        if (configuration[DataProtectionSection + ":CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[DataProtectionSection + ":CertificatePassword"]);
            keyRing.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }
}
