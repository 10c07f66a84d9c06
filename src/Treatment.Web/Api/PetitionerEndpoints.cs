using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Petitioner;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Api;

/// <summary>Body of a petitioner action: the lookup code given at receipt, the trigger's inputs, documents (metadata) and a ground.</summary>
public sealed record PetitionerActionBody : TriggerInputs
{
    public string? LookupCode { get; init; }

    /// <summary>Instead of lookupCode, from a channel trusted to assert it: the petitioner's verified identity.</summary>
    public IdentityAssertionBody? Identity { get; init; }

    public IReadOnlyList<AttachmentBody>? Documents { get; init; }

    /// <summary>correction-demand: receipt-refused, extra-documents or period-expired (Decree §18).</summary>
    public string? Ground { get; init; }
}

/// <summary>A channel's assertion that it verified the petitioner (본인인증): who, how and when (at most 10 minutes ago by default).</summary>
public sealed record IdentityAssertionBody(string? Name, string? Phone, string? ResidentNumber, string? Method, DateTimeOffset? VerifiedAt);

/// <summary>Body of a returned notice: why it came back (rulebook §3.2: the address was unclear).</summary>
public sealed record NoticeReturnBody(string? Reason);

/// <summary>Body of a bounce a channel (post office, mail gateway) reports: the notice's verification code and why.</summary>
public sealed record NoticeBounceBody(string? VerificationCode, string? Reason);

/// <summary>
/// The petitioner's side through channels (X-Api-Key with the petition's lookup code): petitioner actions, and
/// returned notices reported by a channel (bounces) or recorded by an official.
/// </summary>
public static class PetitionerEndpoints
{
    public static IEndpointRouteBuilder MapPetitionerEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/petitions/{receiptNumber}/petitioner-actions/{action}", Act).WithName("PetitionerAction").WithTags("Petitioner")
            .WithSummary("A petitioner's action through a channel (X-Api-Key with the petition's lookupCode, or a trusted channel's identity assertion): the actions of workflows/standards/petitioner-actions.yaml")
            .Accepts<PetitionerActionBody>("application/json")
            .Produces<StatusResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        api.MapPost("/petitions/{id:long}/notices/{noticeId:long}/undelivered", Returned).WithName("RecordReturnedNotice").WithTags("Petitions")
            .WithSummary("Record a notice returned undelivered (official); a returned supplementation request counts towards deemed withdrawal (Decree §25)")
            .Accepts<NoticeReturnBody>("application/json")
            .Produces(StatusCodes.Status200OK).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/notice-bounces", Bounce).WithName("ReportNoticeBounce").WithTags("Petitioner")
            .WithSummary("A channel reports a postal or e-mail bounce of a notice by its verification code (X-Api-Key)")
            .Accepts<NoticeBounceBody>("application/json")
            .Produces(StatusCodes.Status200OK).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> Act(string receiptNumber, string action, HttpContext http, PetitionerActions actions, ChannelKeyLookup keys, TreatmentDbContext db, WorkflowCatalog catalog, CancellationToken ct)
    {
        if (await keys.FindAsync(http.Request.Headers["X-Api-Key"].ToString(), db, ct) is not { } channel)
        {
            return ApiProblems.Problem(401, "invalid-api-key", "API 키가 올바르지 않음", "Invalid API key", "채널의 X-Api-Key가 필요합니다. (a channel's X-Api-Key is required)");
        }

        var body = await ApiJson.ReadAsync<PetitionerActionBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (receiptNumber.Length > 80 || action.Length > 60)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["receiptNumber"] = ["접수번호가 올바르지 않습니다. (not a receipt number)"] });
        }

        var b = body.Value!;
        if (PetitionErrors.InInputs(b) is { } inputError)
        {
            return ApiProblems.From(inputError);
        }

        var request = new PetitionerActionRequest
        {
            LookupCode = b.LookupCode,
            Identity = b.Identity is { } identity ? new PetitionerIdentityAssertion(identity.Name, identity.Phone, identity.ResidentNumber, identity.Method, identity.VerifiedAt) : null,
            Inputs = new TriggerInputs
            {
                Reason = b.Reason, ExtensionDays = b.ExtensionDays, Consent = b.Consent, DecisionText = b.DecisionText, Remedies = b.Remedies,
                TransferTarget = b.TransferTarget, SupplementDueDate = b.SupplementDueDate, SupplementDays = b.SupplementDays, InvestigationDays = b.InvestigationDays,
            },
            Documents = (b.Documents ?? []).Take(20).Select(d => new AttachmentMetadata(d.FileName, d.ContentType, d.Size)).ToList(),
            Ground = b.Ground,
        };
        var result = await actions.ActAsync(receiptNumber, action, request, new PetitionerChannel(channel.Name, [channel.Channel, .. channel.AllowedChannels]), ct);
        if (result.Error is { } error)
        {
            return ApiProblems.From(error);
        }

        var petition = result.Value!;
        Security.SecurityHeadersExtensions.NoStore(http.Response);
        var state = catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion)?.FindState(petition.State);
        var notices = (await db.Notices.AsNoTracking().Include(n => n.Delivery).Where(n => n.PetitionId == petition.Id).OrderBy(n => n.Id).ToListAsync(ct))
            .Select(n => new StatusNoticeResource(n.Template, n.IssuedAt, n.VerificationCode, n.Text, NoticeDeliveryResource.Of(n))).ToList();
        return TypedResults.Json(
            new StatusResource(petition.ReceiptNumber, petition.State, state is null ? new LocalizedResource(petition.State, petition.State) : new LocalizedResource(state.Title.Ko, state.Title.En), petition.DueAt, petition.DueUnit, notices),
            ApiJson.Options);
    }

    private static async Task<IResult> Returned(long id, long noticeId, HttpContext http, NoticeReturns returns, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<NoticeReturnBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await returns.RecordByOfficialAsync(id, noticeId, body.Value!.Reason, actor, ct);
        return result.Error is { } error ? ApiProblems.From(error) : TypedResults.Json(NoticeDeliveryResource.Of(result.Value!), ApiJson.Options);
    }

    private static async Task<IResult> Bounce(HttpContext http, NoticeReturns returns, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        if (await keys.FindAsync(http.Request.Headers["X-Api-Key"].ToString(), db, ct) is not { } channel)
        {
            return ApiProblems.Problem(401, "invalid-api-key", "API 키가 올바르지 않음", "Invalid API key", "채널의 X-Api-Key가 필요합니다. (a channel's X-Api-Key is required)");
        }

        var body = await ApiJson.ReadAsync<NoticeBounceBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (body.Value!.VerificationCode is not { Length: > 0 and <= 40 } code)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["verificationCode"] = ["통지서의 확인 코드가 필요합니다. (the notice's verification code is required)"] });
        }

        var result = await returns.RecordBounceAsync(code, body.Value.Reason, channel.Name, ct);
        return result.Error is { } error ? ApiProblems.From(error) : TypedResults.Json(NoticeDeliveryResource.Of(result.Value!), ApiJson.Options);
    }
}
