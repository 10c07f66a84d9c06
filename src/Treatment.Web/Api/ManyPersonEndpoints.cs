using Treatment.Core.Petitions;
using Treatment.Core.Petitions.ManyPerson;
using Treatment.Core.Security;

namespace Treatment.Web.Api;

/// <summary>Many-person petitions through the API (Act §24, Decree §§6⑥, 8): the roster, the representatives, the merged group.</summary>
public static class ManyPersonEndpoints
{
    /// <summary>A petition's roster, representatives (masked) and merged group.</summary>
    public sealed record ManyPersonResource(long PetitionId, int SignerCount, int HouseholdCount, DateTimeOffset? RosterReceivedAt, bool ManyPerson,
        IReadOnlyList<RepresentativeResource> Representatives, long? MergedIntoPetitionId, string? MergedIntoReceiptNumber, IReadOnlyList<string> MergedPetitions);

    public sealed record RepresentativeResource(int Ordinal, string Name, string? Phone, RepresentativeChoice ChosenBy);

    public sealed record MergeResource(long PetitionId, int Merged);

    public static IEndpointRouteBuilder MapManyPersonEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/petitions/{id:long}/many-person", Get).WithName("GetManyPerson").WithTags("Many-person petitions")
            .WithSummary("The signer roster (signers, households, the original roster's receipt), the representatives (masked) and the merged group of a petition")
            .Produces<ManyPersonResource>().ProducesProblem(401).ProducesProblem(404);
        api.MapPut("/petitions/{id:long}/roster", Roster).WithName("RecordRoster").WithTags("Many-person petitions")
            .WithSummary("Records or corrects the signer roster (Act §24①): at least 5 signers and 5 households make a many-person petition")
            .Accepts<RosterBody>("application/json").Produces<ManyPersonResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);
        api.MapPut("/petitions/{id:long}/representatives", Representatives).WithName("DesignateRepresentatives").WithTags("Many-person petitions")
            .WithSummary("Designates one to three representatives of a joint petition (Decree §8), replacing those recorded")
            .Accepts<RepresentativesBody>("application/json").Produces<ManyPersonResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/petitions/{id:long}/merge", Merge).WithName("MergePetitions").WithTags("Many-person petitions")
            .WithSummary("Merges open petitions of the same purpose into this one (Decree §6⑥; the group reaches five or more). Each merged petition closes, tells its petitioner, and follows this one's outcome and notices")
            .Accepts<MergeBody>("application/json").Produces<MergeResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    private static async Task<IResult> Get(long id, HttpContext http, ManyPersonService service, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        return await ResourceAsync(actor, id, service, ct);
    }

    private static async Task<IResult> Roster(long id, HttpContext http, ManyPersonService service, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<RosterBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var result = await service.RecordRosterAsync(actor, id, b.SignerCount ?? 0, b.HouseholdCount ?? 0, b.RosterReceivedAt, b.Reason, ct);
        return result.Error is { } error ? ApiProblems.From(error) : await ResourceAsync(actor, id, service, ct);
    }

    private static async Task<IResult> Representatives(long id, HttpContext http, ManyPersonService service, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<RepresentativesBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var inputs = (b.Representatives ?? []).Select(r => new RepresentativeInput(r.Name ?? "", r.Phone, r.Address)).ToList();
        var result = await service.DesignateRepresentativesAsync(actor, id, inputs, b.ChosenBy ?? RepresentativeChoice.Petitioners, ct);
        return result.Error is { } error ? ApiProblems.From(error) : await ResourceAsync(actor, id, service, ct);
    }

    private static async Task<IResult> Merge(long id, HttpContext http, ManyPersonService service, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<MergeBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await service.MergeAsync(actor, id, body.Value!.PetitionIds ?? [], body.Value.Reason, ct);
        return result.Error is { } error ? ApiProblems.From(error) : TypedResults.Json(new MergeResource(id, result.Value), ApiJson.Options);
    }

    private static async Task<IResult> ResourceAsync(Actor actor, long id, ManyPersonService service, CancellationToken ct)
    {
        if (await service.ViewAsync(actor, id, ct) is not { } v)
        {
            return ApiProblems.From(PetitionError.NotFound());
        }

        return TypedResults.Json(new ManyPersonResource(id, v.Signers, v.Households, v.RosterReceivedAt, v.IsManyPerson,
            v.Representatives.Select(r => new RepresentativeResource(r.Ordinal, PersonalDataProtector.MaskName(r.Name), PersonalDataMasks.Phone(r.Phone), r.ChosenBy)).ToList(),
            v.MergedIntoPetitionId, v.MergedIntoReceiptNumber, v.Members.Select(m => m.ReceiptNumber).ToList()), ApiJson.Options);
    }
}
