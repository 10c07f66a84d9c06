using System.ComponentModel.DataAnnotations;
using Treatment.Core.BackOffice;
using Treatment.Core.Packages;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Web.Api;

/// <summary>One affair of a package application and the agency that treats it.</summary>
public sealed record PackageItemBody([property: Required] string? AffairCode, [property: Required] string? AgencyCode, string? Body = null);

/// <summary>Body of POST /packages: the package's code, the petitioner (as for a petition) and the affairs applied for.</summary>
public sealed record PackageBody([property: Required] string? PackageCode, [property: Required] PetitionerBody? Petitioner, [property: Required] IReadOnlyList<PackageItemBody>? Items, string? Body = null, Channel? Channel = null);

/// <summary>Body of PUT /package-definitions/{code}.</summary>
public sealed record PackageDefinitionBody([property: Required] string? NameKo, [property: Required] string? NameEn, [property: Required] IReadOnlyList<string>? AffairCodes, string? DescriptionKo = null, string? DescriptionEn = null, bool? Active = null);

/// <summary>The shared part of a child; id and receipt number only where the reader may open it.</summary>
public sealed record PackageChildResource(
    int Position, string AffairCode, string Title, string State, LocalizedResource StateTitle, DateTimeOffset? Due, DueUnit? DueUnit, bool Finished, bool Overdue,
    string AgencyCode, LocalizedResource Agency, LocalizedResource? Department, bool Mine, long? PetitionId, string? ReceiptNumber);

/// <summary>A package: its derived state and every child's shared part.</summary>
public sealed record PackageResource(
    string ReceiptNumber, string PackageCode, LocalizedResource PackageName, string State, LocalizedResource StateTitle, bool AnyOverdue,
    DateTimeOffset CreatedAt, string Petitioner, IReadOnlyList<PackageChildResource> Children)
{
    /// <summary>Only in the answer to the application: the citizen reads the package with it.</summary>
    public string? LookupCode { get; init; }

    public static PackageResource From(PackageView v) => new(
        v.ReceiptNumber, v.PackageCode, L(v.PackageName), v.State, L(v.StateTitle), v.AnyOverdue, v.CreatedAt, v.PetitionerMasked,
        v.Children.Select(c => new PackageChildResource(c.Position, c.AffairCode, c.Title, c.State, L(c.StateTitle), c.Due, c.DueUnit, c.Finished, c.Overdue,
            c.AgencyCode, L(c.Agency), c.Department is { } d ? L(d) : null, c.Mine, c.PetitionId, c.ReceiptNumber)).ToList());

    private static LocalizedResource L(Treatment.Core.Workflows.LocalizedText t) => new(t.Ko, t.En);
}

public sealed record PackageDefinitionResource(string Code, LocalizedResource Name, LocalizedResource Description, bool Active, IReadOnlyList<string> AffairCodes)
{
    public static PackageDefinitionResource From(PackageDefinition d) =>
        new(d.Code, new(d.NameKo, d.NameEn), new(d.DescriptionKo, d.DescriptionEn), d.Active, d.Affairs.OrderBy(a => a.Position).Select(a => a.AffairCode).ToList());
}

/// <summary>
/// Packages (묶음 민원, decision 021): one application, a child petition per affair through the intake. Channels file and
/// read their own; officials read a package through the sibling grant (the shared part of every child, their own in full).
/// </summary>
public static class PackageEndpoints
{
    public static IEndpointRouteBuilder MapPackageEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/packages", Create).WithName("CreatePackage").WithTags("Packages")
            .WithSummary("Apply for a package: one package receipt number, a child petition per affair on its own workflow and clock (X-Api-Key, or an official for their agency)")
            .Accepts<PackageBody>("application/json")
            .Produces<PackageResource>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(422);
        api.MapGet("/packages/{receiptNumber}", Get).WithName("GetPackage").WithTags("Packages")
            .WithSummary("A package's derived state and its children: the filing channel sees all; an official the shared part of each child and their own in full")
            .Produces<PackageResource>().ProducesProblem(401).ProducesProblem(404);
        api.MapGet("/package-definitions", List).WithName("ListPackageDefinitions").WithTags("Packages")
            .WithSummary("The packages on offer and their affairs").AllowAnonymous()
            .Produces<List<PackageDefinitionResource>>().ProducesProblem(400);
        api.MapPut("/package-definitions/{code}", Save).WithName("SavePackageDefinition").WithTags("Packages")
            .WithSummary("Create or replace a package definition (admins of a central agency)")
            .Accepts<PackageDefinitionBody>("application/json")
            .Produces<PackageDefinitionResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    private static async Task<IResult> Create(HttpContext http, PackageIntake intake, PackageReader reader, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        Actor actor;
        ChannelCaller? channel = null;
        if (http.Request.Headers.TryGetValue("X-Api-Key", out var apiKey))
        {
            channel = await keys.FindAsync(apiKey.ToString(), db, ct);
            if (channel is null)
            {
                return ApiProblems.Problem(401, "invalid-api-key", "API 키가 올바르지 않음", "Invalid API key");
            }

            actor = channel.Actor;
        }
        else if (await PetitionEndpoints.OfficialAsync(http) is { } official)
        {
            actor = official;
        }
        else
        {
            return ApiProblems.Problem(401, "unauthenticated", "인증 필요", "Authentication required", "X-Api-Key 또는 Bearer 토큰이 필요합니다. (send X-Api-Key or a bearer token)");
        }

        var body = await ApiJson.ReadAsync<PackageBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var missing = new Dictionary<string, string[]>();
        if (b.Petitioner is null)
        {
            missing["petitioner"] = ["필수 항목입니다. (required)"];
        }

        if (b.Items is null || b.Items.Any(i => i is null))
        {
            missing["items"] = ["필수 항목입니다. (required)"];
        }

        if (b.Channel is null && channel is null)
        {
            missing["channel"] = ["필수 항목입니다. (required)"];
        }

        if (missing.Count > 0)
        {
            return ApiProblems.Invalid(missing);
        }

        if (channel is not null && b.Channel is { } claimed && !channel.MayClaim(claimed))
        {
            return ApiProblems.Problem(403, "channel-not-allowed", "허용되지 않은 채널", "Channel not allowed", "이 API 키로는 이 채널의 민원을 접수할 수 없습니다. (this key may not claim that channel)");
        }

        var p = b.Petitioner!;
        var request = new PackageRequest(
            b.PackageCode, new PetitionerDetails(p.Name, p.Phone, p.Email, p.Address, p.ResidentNumber, p.NoticeChannel),
            b.Items!.Select(i => new PackageItemRequest(i.AffairCode, i.AgencyCode, i.Body)).ToList(), b.Channel ?? channel!.Channel, b.Body);
        var outcome = await intake.ReceiveAsync(request, actor, channel?.KeyId, ct);
        if (outcome.Error is { } error)
        {
            return ApiProblems.From(error);
        }

        var package = outcome.Value!.Package;
        var view = channel is not null ? await reader.ForChannelAsync(package.ReceiptNumber, channel.KeyId, ct) : await reader.ForActorAsync(package.ReceiptNumber, actor, ct);
        Security.SecurityHeadersExtensions.NoStore(http.Response);
        http.Response.Headers.Location = $"/api/v1/packages/{package.ReceiptNumber}";
        return TypedResults.Json(PackageResource.From(view!) with { LookupCode = outcome.Value.LookupCode }, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Get(string receiptNumber, HttpContext http, PackageReader reader, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        PackageView? view;
        if (http.Request.Headers.TryGetValue("X-Api-Key", out var apiKey))
        {
            if (await keys.FindAsync(apiKey.ToString(), db, ct) is not { } channel)
            {
                return ApiProblems.Problem(401, "invalid-api-key", "API 키가 올바르지 않음", "Invalid API key");
            }

            view = await reader.ForChannelAsync(receiptNumber, channel.KeyId, ct);
        }
        else if (await PetitionEndpoints.OfficialAsync(http) is { } official)
        {
            view = await reader.ForActorAsync(receiptNumber, official, ct);
        }
        else
        {
            return PetitionEndpoints.Unauthenticated();
        }

        return view is null
            ? NotFound()
            : TypedResults.Json(PackageResource.From(view), ApiJson.Options);
    }

    /// <summary>One answer for an unknown package and one outside every grant.</summary>
    public static IResult NotFound() =>
        ApiProblems.Problem(404, "not-found", "찾을 수 없음", "Not found", "이 접수번호의 묶음 민원이 없거나 볼 수 없습니다. (no package with this receipt number in your scope)");

    private static async Task<IResult> List(PackageDefinitions definitions, CancellationToken ct) =>
        TypedResults.Json((await definitions.ListAsync(activeOnly: true, ct)).Select(PackageDefinitionResource.From).ToList(), ApiJson.Options);

    private static async Task<IResult> Save(string code, HttpContext http, PackageDefinitions definitions, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<PackageDefinitionBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        try
        {
            var saved = await definitions.SaveAsync(new PackageDefinitionInput(code, b.NameKo, b.NameEn, b.DescriptionKo, b.DescriptionEn, b.AffairCodes, b.Active ?? true), actor, ct);
            return saved.Error is { } error ? ApiProblems.From(error) : TypedResults.Json(PackageDefinitionResource.From(saved.Value!), ApiJson.Options);
        }
        catch (BackOfficeForbiddenException)
        {
            return ApiProblems.Problem(403, "forbidden", "권한 없음", "Forbidden", "중앙행정기관의 관리자만 묶음 민원을 정합니다. (admins of a central agency keep the packages)");
        }
    }
}
