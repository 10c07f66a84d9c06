using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Api;

/// <summary>The services a petition handler needs, bound from DI in one parameter.</summary>
public readonly record struct ApiRequest(TreatmentDbContext Db, PetitionService Petitions, WorkflowCatalog Catalog, AgencyDirectory Agencies)
{
    public ApiServices Services => new(Db, Petitions, Catalog, Agencies);
}

/// <summary>Intake (channel key or official) and the officials' petition API; thin handlers over <see cref="PetitionService"/>.</summary>
public static partial class PetitionEndpoints
{
    public static IEndpointRouteBuilder MapPetitionEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/petitions", Receive).WithName("ReceivePetition").WithTags("Petitions").WithMetadata(new Hosting.IdempotentByKeyAttribute())
            .WithSummary("Receive a petition (X-Api-Key of a channel, or an official's bearer token); Idempotency-Key makes a retry safe")
            .Accepts<IntakeBody>("application/json")
            .Produces<PetitionResource>(StatusCodes.Status201Created).Produces<PetitionResource>(StatusCodes.Status200OK)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);
        api.MapGet("/petitions", List).WithName("ListPetitions").WithTags("Petitions")
            .WithSummary("Petitions of the caller's agency: filter by state, kind, assignee (id or 'me'), overdue, dueBefore, q; keyset paging by cursor")
            .Produces<PetitionPage>().ProducesProblem(400).ProducesProblem(401);
        api.MapGet("/petitions/{id:long}", Get).WithName("GetPetition").WithTags("Petitions")
            .Produces<PetitionResource>().ProducesProblem(401).ProducesProblem(404);
        api.MapPost("/petitions/{id:long}/actions/{trigger}", Fire).WithName("FirePetitionAction").WithTags("Petitions")
            .WithSummary("Fire a workflow trigger with the inputs the definition requires; If-Match (or body.version) guards against lost updates; Prefer: return=minimal answers with the summary only")
            .Accepts<ActionBody>("application/json")
            .Produces<PetitionResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        api.MapPost("/petitions/reassign", Reassign).WithName("ReassignPetitions").WithTags("Petitions")
            .Accepts<ReassignBody>("application/json").Produces(StatusCodes.Status200OK).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/petitions/{id:long}/personal-data", Reveal).WithName("RevealPersonalData").WithTags("Petitions")
            .WithSummary("Show the petitioner's personal data in full; logged as an audit event with the reason")
            .Accepts<RevealBody>("application/json").Produces<RevealedPersonalData>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    /// <summary>The official behind the bearer token, or null.</summary>
    public static async Task<Actor?> OfficialAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(BearerTokenDefaults.AuthenticationScheme);
        return result.Succeeded && await http.RequestServices.GetRequiredService<Security.ApiTokenCheck>()
                .IsCurrentAsync(result.Principal, http.RequestServices.GetRequiredService<TreatmentDbContext>(), http.RequestAborted)
            ? ApiActors.FromPrincipal(result.Principal)
            : null;
    }

    public static IResult Unauthenticated() =>
        ApiProblems.Problem(401, "unauthenticated", "인증 필요", "Authentication required", "POST /api/v1/auth/token 으로 받은 Bearer 토큰이 필요합니다. (a bearer token from POST /api/v1/auth/token is required)");

    private static string ETag(uint version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static async Task<IResult> Get(long id, HttpContext http, [AsParameters] ApiRequest api, CancellationToken ct)
    {
        if (await OfficialAsync(http) is not { } actor)
        {
            return Unauthenticated();
        }

        if (await api.Petitions.FindAsync(id, actor, ct) is not { } petition)
        {
            return ApiProblems.From(PetitionError.NotFound());
        }

        http.Response.Headers.ETag = ETag(petition.Version);
        return TypedResults.Json(await PetitionResources.BuildAsync(petition, actor, api.Services, ct), ApiJson.Options);
    }

    private static async Task<IResult> Fire(long id, string trigger, HttpContext http, [AsParameters] ApiRequest api, CancellationToken ct)
    {
        if (await OfficialAsync(http) is not { } actor)
        {
            return Unauthenticated();
        }

        var inputs = new ActionBody();
        if (http.Request.ContentLength is > 0 || http.Request.ContentType is not null)
        {
            var body = await ApiJson.ReadAsync<ActionBody>(http.Request, ct);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            inputs = body.Value!;
        }

        uint? expected = inputs.Version;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            if (!uint.TryParse(ifMatch.Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["If-Match"] = ["이 민원의 ETag여야 합니다. (the petition's ETag)"] });
            }

            expected = v;
        }

        if (trigger.Length > 60)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["trigger"] = ["60자 이하여야 합니다. (at most 60 characters)"] });
        }

        var result = await api.Petitions.FireAsync(id, trigger, inputs, actor, expected, ct);
        if (result.Error is { } error)
        {
            return ApiProblems.From(error);
        }

        var petition = result.Value!;
        http.Response.Headers.ETag = ETag(petition.Version);

        // RFC 7240: a client that does not need the full representation (timeline, notices, explanation) asks for less.
        if (http.Request.Headers["Prefer"].ToString().Contains("return=minimal", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers["Preference-Applied"] = "return=minimal";
            return TypedResults.Json(PetitionResources.Summary(petition), ApiJson.Options);
        }

        return TypedResults.Json(await PetitionResources.BuildAsync(petition, actor, api.Services, ct), ApiJson.Options);
    }

    private static async Task<IResult> Reassign(HttpContext http, PetitionService service, CancellationToken ct)
    {
        if (await OfficialAsync(http) is not { } actor)
        {
            return Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<ReassignBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (body.Value!.AssigneeId is not { } assigneeId)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["assigneeId"] = ["필수 항목입니다. (required)"] });
        }

        var result = await service.ReassignAsync(body.Value.PetitionIds ?? [], assigneeId, body.Value.Reason, actor, ct);
        return result.Error is { } error ? ApiProblems.From(error) : TypedResults.Json(new { reassigned = result.Value }, ApiJson.Options);
    }

    private static async Task<IResult> Reveal(long id, HttpContext http, PetitionService service, CancellationToken ct)
    {
        if (await OfficialAsync(http) is not { } actor)
        {
            return Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<RevealBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await service.RevealPersonalDataAsync(id, body.Value!.Reason ?? "", actor, ct);
        Security.SecurityHeadersExtensions.NoStore(http.Response);
        return result.Error is { } error ? ApiProblems.From(error) : TypedResults.Json(result.Value, ApiJson.Options);
    }
}
