using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Treatment.Core.Petitions;
using Treatment.Web.Hosting;

namespace Treatment.Web.Api;

/// <summary>The REST API under /api/v1: one call to register it, one to map it (TreatmentHostExtensions).</summary>
public static class ApiServiceCollectionExtensions
{
    public const string OpenApiRoute = "/api/openapi/{documentName}.json";

    /// <summary>Channel keys, bearer tokens, OpenAPI, JSON and problem details.</summary>
    public static IServiceCollection AddTreatmentApi(this IServiceCollection services)
    {
        services.AddSingleton<ChannelKeyLookup>();

        services.AddAuthentication().AddBearerToken(BearerTokenDefaults.AuthenticationScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme).Configure<TimeProvider>((o, time) => o.TimeProvider = time);

        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = ApiJson.Options.Encoder;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        });
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = ApiProblems.Customize);

        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Treatment API — 민원 처리 API";
            document.Info.Version = "v1";
            document.Info.Description = "Intake from channel systems (X-Api-Key), officials' petition API (bearer tokens from POST /api/v1/auth/token), the public information gateway and citizen status. Errors are RFC 9457 problem details with a stable type URI.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Maps the API on /api/v1, the OpenAPI document and the reference page /api/docs (served from the package: no CDN).</summary>
    public static WebApplication MapTreatmentApi(this WebApplication app, RouteGroupBuilder api)
    {
        app.UseRateLimiter();
        api.MapAuthEndpoints();
        api.MapPetitionEndpoints();
        api.MapAssignmentEndpoints();
        api.MapManyPersonEndpoints();
        api.MapGatewayEndpoints();
        api.MapStatusEndpoints();
        api.MapDocumentEndpoints();
        api.MapPetitionerEndpoints();
        app.MapOpen311Endpoints();
        api.MapPackageEndpoints();
        api.MapAddressChangeEndpoints();
        app.MapOpenApi(OpenApiRoute);
        app.MapScalarApiReference("/api/docs", o => o
            .WithTitle("Treatment API")
            .WithOpenApiRoutePattern(OpenApiRoute)
            .DisableDefaultFonts());
        return app;
    }
}
