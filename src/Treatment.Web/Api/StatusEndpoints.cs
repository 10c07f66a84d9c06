using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Api;

public sealed record StatusNoticeResource(string Template, DateTimeOffset IssuedAt, string VerificationCode, string Text, NoticeDeliveryResource? Delivery = null);

/// <summary>What a citizen sees of their own petition: state, due and notices, nothing else.</summary>
public sealed record StatusResource(string ReceiptNumber, string State, LocalizedResource StateTitle, DateTimeOffset? Due, DueUnit? DueUnit, IReadOnlyList<StatusNoticeResource> Notices)
{
    /// <summary>The document the decision issued, for its holder (the receipt number and lookup code prove it is theirs).</summary>
    public IssuedDocumentResource? Document { get; init; }
}

/// <summary>The receipt number and the lookup code given at receipt, in the body so neither lands in URLs or access logs.</summary>
public sealed record StatusQueryBody([property: Required] string ReceiptNumber, [property: Required] string LookupCode);

/// <summary>
/// POST /status: a petition's status for its petitioner, by receipt number and lookup code. Limited per address across
/// all receipts (rate limiter) and per receipt number (a lockout after repeated wrong codes, kept in the database).
/// </summary>
public static class StatusEndpoints
{
    public const string RateLimitPolicy = "citizen-status";

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/status", Status).WithName("CitizenStatus").WithTags("Citizen status")
            .WithSummary("State, due and notices of a petition for its petitioner (receipt number and lookup code must both match)")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .Accepts<StatusQueryBody>("application/json")
            .Produces<StatusResource>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(429);
        return api;
    }

    private static async Task<IResult> Status(HttpContext http, StatusLookup lookup, TreatmentDbContext db, WorkflowCatalog catalog, Treatment.Core.Documents.DocumentVerification documents, CancellationToken ct)
    {
        var body = await ApiJson.ReadAsync<StatusQueryBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (receiptNumber, code) = (body.Value!.ReceiptNumber?.Trim() ?? "", body.Value.LookupCode ?? "");
        var errors = new Dictionary<string, string[]>();
        if (receiptNumber.Length is 0 or > 80 || TextRules.HasForbiddenCharacters(receiptNumber, multiline: false))
        {
            errors["receiptNumber"] = ["접수번호가 필요합니다. (the receipt number is required)"];
        }

        if (code.Length is 0 or > 40 || TextRules.HasForbiddenCharacters(code, multiline: false))
        {
            errors["lookupCode"] = ["접수 때 받은 조회 코드가 필요합니다. (the lookup code given at receipt is required)"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var result = await lookup.FindAsync(receiptNumber, code, ct);
        if (result.Outcome == StatusLookupOutcome.Locked)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Problem(429, "too-many-requests", "요청이 너무 많음", "Too many requests", "이 접수번호는 잠시 조회할 수 없습니다. (this receipt number is locked for a while after repeated wrong codes)");
        }

        if (result.Petition is not { } petition)
        {
            // The same answer for an unknown number and a wrong code: nothing to learn by guessing.
            return ApiProblems.Problem(404, "not-found", "찾을 수 없음", "Not found", "접수번호와 조회 코드가 맞는 민원이 없습니다. (no petition with this receipt number and lookup code)");
        }

        Security.SecurityHeadersExtensions.NoStore(http.Response);
        var state = catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion)?.FindState(petition.State);
        var notices = (await db.Notices.AsNoTracking().Include(n => n.Delivery).Where(n => n.PetitionId == petition.Id).OrderBy(n => n.Id).ToListAsync(ct))
            .Select(n => new StatusNoticeResource(n.Template, n.IssuedAt, n.VerificationCode, n.Text, NoticeDeliveryResource.Of(n))).ToList();
        return TypedResults.Json(
            new StatusResource(petition.ReceiptNumber, petition.State, state is null ? new LocalizedResource(petition.State, petition.State) : new LocalizedResource(state.Title.Ko, state.Title.En), petition.DueAt, petition.DueUnit, notices)
            {
                Document = await documents.OfPetitionAsync(petition.Id, ct) is { } document ? IssuedDocumentResource.From(document) : null,
            },
            ApiJson.Options);
    }
}
