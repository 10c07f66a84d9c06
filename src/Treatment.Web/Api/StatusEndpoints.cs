using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Api;

public sealed record StatusNoticeResource(string Template, DateTimeOffset IssuedAt, string VerificationCode, string Text);

/// <summary>What a citizen sees of their own petition: state, due and notices, nothing else.</summary>
public sealed record StatusResource(string ReceiptNumber, string State, LocalizedResource StateTitle, DateTimeOffset? Due, DueUnit? DueUnit, IReadOnlyList<StatusNoticeResource> Notices);

/// <summary>GET /status/{receiptNumber}?name=… (issue 6 §8), rate-limited per client and receipt number.</summary>
public static class StatusEndpoints
{
    public const string RateLimitPolicy = "citizen-status";

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/status/{receiptNumber}", Status).WithName("CitizenStatus").WithTags("Citizen status")
            .WithSummary("State, due and notices of a petition for its petitioner (receipt number and name must both match)")
            .RequireRateLimiting(RateLimitPolicy)
            .Produces<StatusResource>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(429);
        return api;
    }

    private static async Task<IResult> Status(string receiptNumber, string? name, TreatmentDbContext db, WorkflowCatalog catalog, CancellationToken ct)
    {
        if (receiptNumber.Length > 80 || string.IsNullOrWhiteSpace(name) || name.Length > IntakeLimits.Name || TextRules.HasForbiddenCharacters(name, multiline: false))
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["name"] = ["민원인 이름이 필요합니다. (the petitioner's name is required)"] });
        }

        var petitionerName = name.Trim();
        var petition = await db.Petitions.AsNoTracking()
            .FirstOrDefaultAsync(p => p.ReceiptNumber == receiptNumber && p.PetitionerName == petitionerName, ct);
        if (petition is null)
        {
            // The same answer for an unknown number and a wrong name: nothing to learn by guessing.
            return ApiProblems.Problem(404, "not-found", "찾을 수 없음", "Not found", "접수번호와 이름이 맞는 민원이 없습니다. (no petition with this receipt number and name)");
        }

        var state = catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion)?.FindState(petition.State);
        var notices = await db.Notices.AsNoTracking().Where(n => n.PetitionId == petition.Id).OrderBy(n => n.Id)
            .Select(n => new StatusNoticeResource(n.Template, n.IssuedAt, n.VerificationCode, n.Text)).ToListAsync(ct);
        return TypedResults.Json(
            new StatusResource(petition.ReceiptNumber, petition.State, state is null ? new LocalizedResource(petition.State, petition.State) : new LocalizedResource(state.Title.Ko, state.Title.En), petition.DueAt, petition.DueUnit, notices),
            ApiJson.Options);
    }
}
