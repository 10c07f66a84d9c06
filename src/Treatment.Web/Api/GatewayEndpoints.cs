using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Web.Api;

public sealed record AgencyResource(string Code, string NameKo, string NameEn, AgencyLevel Level, string? ParentCode);

public sealed record AffairResource(
    string Code,
    string NameKo,
    string NameEn,
    AgencyLevel AgencyLevel,
    string? Period,
    string? PeriodNote,
    string RequiredDocuments,
    string Fee,
    string Statute,
    string Source,
    bool RequiresResidentNumber)
{
    /// <summary>The template of the document the affair issues on its decision (e.g. documents/resident-registration); null when it issues none.</summary>
    public string? DocumentTemplate { get; init; }
}

/// <summary>The public information gateway (issue 6 §7): agencies and the affairs catalogue a portal shows before a citizen applies.</summary>
public static class GatewayEndpoints
{
    public static IEndpointRouteBuilder MapGatewayEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/agencies", Agencies).WithName("ListAgencies").WithTags("Information gateway").Produces<IReadOnlyList<AgencyResource>>();
        api.MapGet("/affairs", Affairs).WithName("SearchAffairs").WithTags("Information gateway")
            .WithSummary("Search affairs by code or name (Korean or English); each with its period, documents, fee, statute and source")
            .Produces<IReadOnlyList<AffairResource>>().ProducesProblem(400);
        return api;
    }

    private static async Task<IResult> Agencies(TreatmentDbContext db, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code)
            .Select(a => new AgencyResource(a.Code, a.NameKo, a.NameEn, a.Level, a.Parent == null ? null : a.Parent.Code))
            .ToListAsync(ct);
        return TypedResults.Json(agencies, ApiJson.Options);
    }

    private static async Task<IResult> Affairs(TreatmentDbContext db, string? q, CancellationToken ct)
    {
        if (q is { Length: > 100 } || (q is not null && TextRules.HasForbiddenCharacters(q, multiline: false)))
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["q"] = ["100자 이하의 문자여야 합니다. (at most 100 printable characters)"] });
        }

        var affairs = await Treatment.Core.Affairs.AffairsGateway.SearchAsync(db, q, ct);
        return TypedResults.Json(
            affairs.Select(a => new AffairResource(a.Code, a.NameKo, a.NameEn, a.AgencyLevel, a.Period?.ToString(), a.PeriodNote, a.RequiredDocumentsKo, a.Fee, a.Statute, a.Source, a.RequiresResidentNumber) { DocumentTemplate = a.DocumentTemplate }).ToList(),
            ApiJson.Options);
    }
}
