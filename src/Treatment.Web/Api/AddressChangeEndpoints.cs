using System.ComponentModel.DataAnnotations;
using Treatment.Core.AddressChanges;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;

namespace Treatment.Web.Api;

/// <summary>Body of POST /address-changes: the move-in and the codes of the recipients the citizen consents to tell.</summary>
public sealed record AddressChangeBody(
    [property: Required] string? Name, [property: Required] string? PreviousAddress, [property: Required] string? NewAddress, [property: Required] DateOnly? MovedOn,
    [property: Required] IReadOnlyList<string>? Recipients, string? Phone = null);

/// <summary>Body of POST /address-change-recipients (admins of a central agency).</summary>
public sealed record RecipientBody([property: Required] string? Code, [property: Required] string? NameKo, [property: Required] string? NameEn, [property: Required] string? Channel, [property: Required] string? Endpoint);

public sealed record DeliveryResource(
    Guid DeliveryId, string RecipientCode, LocalizedResource Recipient, string Channel, string State, int Attempts,
    DateTimeOffset? DeliveredAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? NextAttemptAt);

/// <summary>An address change as the citizen sees it: masked, with every recipient's delivery status.</summary>
public sealed record AddressChangeResource(string ReceiptNumber, string Name, string NewAddress, DateOnly MovedOn, DateTimeOffset ReportedAt, IReadOnlyList<DeliveryResource> Deliveries)
{
    public static AddressChangeResource From(AddressChangeView v) => new(
        v.ReceiptNumber, v.NameMasked, v.NewAddressMasked, v.MovedOn, v.ReportedAt,
        v.Deliveries.Select(d => new DeliveryResource(d.DeliveryId, d.RecipientCode, new(d.Recipient.Ko, d.Recipient.En), d.Channel, d.State, d.Attempts, d.DeliveredAt, d.AcknowledgedAt, d.NextAttemptAt)).ToList());
}

public sealed record RecipientResource(string Code, LocalizedResource Name, string Channel)
{
    /// <summary>Only in the answer to the registration of a webhook: shown this once.</summary>
    public string? Secret { get; init; }
}

/// <summary>
/// The change of address service (decision 021): a channel reports a move-in for the recipients the citizen consents to,
/// and reads the per-recipient status; recipients acknowledge with a signed call; admins of a central agency register them.
/// </summary>
public static class AddressChangeEndpoints
{
    public static IEndpointRouteBuilder MapAddressChangeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/address-changes", Report).WithName("ReportAddressChange").WithTags("Address changes")
            .WithSummary("Report a move-in: every consented recipient is told once, by signed webhook or e-mail through the outbox (X-Api-Key)")
            .Accepts<AddressChangeBody>("application/json")
            .Produces<AddressChangeResource>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapGet("/address-changes/{receiptNumber}", Get).WithName("GetAddressChange").WithTags("Address changes")
            .WithSummary("An address change and each recipient's status (pending, delivered, failed, acknowledged), for the channel that reported it")
            .Produces<AddressChangeResource>().ProducesProblem(401).ProducesProblem(404);
        api.MapPost("/address-changes/deliveries/{deliveryId:guid}/acknowledgement", Acknowledge).WithName("AcknowledgeAddressChange").WithTags("Address changes")
            .WithSummary("A recipient confirms it applied the change: the body signed like the webhook (Treatment-Timestamp, Treatment-Signature)")
            .AllowAnonymous()
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(401);
        api.MapGet("/address-change-recipients", Recipients).WithName("ListAddressChangeRecipients").WithTags("Address changes")
            .WithSummary("The recipients a citizen may consent to tell").AllowAnonymous()
            .Produces<List<RecipientResource>>().ProducesProblem(400);
        api.MapPost("/address-change-recipients", Register).WithName("RegisterAddressChangeRecipient").WithTags("Address changes")
            .WithSummary("Register a recipient with its channel (admins of a central agency); a webhook's secret is answered once")
            .Accepts<RecipientBody>("application/json")
            .Produces<RecipientResource>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    private static async Task<IResult> Report(HttpContext http, AddressChangeService service, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        if (await keys.FindAsync(http.Request.Headers["X-Api-Key"].ToString(), db, ct) is not { } channel)
        {
            return await PetitionEndpoints.OfficialAsync(http) is not null
                ? ApiProblems.Problem(403, "forbidden", "권한 없음", "Forbidden", "주소변경은 민원인이 채널로 신고합니다. (a citizen reports through a channel)")
                : ApiProblems.Problem(401, "invalid-api-key", "API 키가 올바르지 않음", "Invalid API key", "채널의 X-Api-Key가 필요합니다. (a channel's X-Api-Key is required)");
        }

        var body = await ApiJson.ReadAsync<AddressChangeBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var outcome = await service.ReportAsync(new AddressChangeRequest(b.Name, b.Phone, b.PreviousAddress, b.NewAddress, b.MovedOn, b.Recipients), channel.KeyId, ct);
        if (outcome.Error is { } error)
        {
            return ApiProblems.From(error);
        }

        Security.SecurityHeadersExtensions.NoStore(http.Response);
        http.Response.Headers.Location = $"/api/v1/address-changes/{outcome.Value!.ReceiptNumber}";
        return TypedResults.Json(AddressChangeResource.From(outcome.Value), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Get(string receiptNumber, HttpContext http, AddressChangeService service, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        if (await keys.FindAsync(http.Request.Headers["X-Api-Key"].ToString(), db, ct) is not { } channel)
        {
            // Officials have no grant on address changes: the same 404 as an unknown number.
            return await PetitionEndpoints.OfficialAsync(http) is not null
                ? NotFound()
                : ApiProblems.Problem(401, "invalid-api-key", "API 키가 올바르지 않음", "Invalid API key", "채널의 X-Api-Key가 필요합니다. (a channel's X-Api-Key is required)");
        }

        Security.SecurityHeadersExtensions.NoStore(http.Response);
        return await service.ForChannelAsync(receiptNumber, channel.KeyId, ct) is { } view
            ? TypedResults.Json(AddressChangeResource.From(view), ApiJson.Options)
            : NotFound();
    }

    private static IResult NotFound() =>
        ApiProblems.Problem(404, "not-found", "찾을 수 없음", "Not found", "이 접수번호의 주소변경 신고가 없거나 볼 수 없습니다. (no address change with this receipt number for you)");

    private static async Task<IResult> Acknowledge(Guid deliveryId, HttpContext http, AddressChangeService service, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ct);
        var outcome = await service.AcknowledgeAsync(deliveryId, http.Request.Headers[WebhookSignature.TimestampHeader], http.Request.Headers[WebhookSignature.SignatureHeader], body, ct);
        return outcome == AcknowledgementOutcome.Acknowledged
            ? TypedResults.NoContent()
            : ApiProblems.Problem(401, "invalid-signature", "서명이 올바르지 않음", "Invalid signature", "수신기관의 비밀키로 서명한 확인만 받습니다. (sign the acknowledgement with the recipient's secret)");
    }

    private static async Task<IResult> Recipients(RecipientRegistry registry, CancellationToken ct) =>
        TypedResults.Json((await registry.ActiveAsync(ct)).Select(r => new RecipientResource(r.Code, new(r.NameKo, r.NameEn), r.Channel)).ToList(), ApiJson.Options);

    private static async Task<IResult> Register(HttpContext http, RecipientRegistry registry, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<RecipientBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        try
        {
            var outcome = await registry.RegisterAsync(new RecipientInput(b.Code, b.NameKo, b.NameEn, b.Channel, b.Endpoint), actor, ct);
            if (outcome.Error is { } error)
            {
                return ApiProblems.From(error);
            }

            var r = outcome.Value!.Recipient;
            Security.SecurityHeadersExtensions.NoStore(http.Response);
            return TypedResults.Json(new RecipientResource(r.Code, new(r.NameKo, r.NameEn), r.Channel) { Secret = outcome.Value.Secret }, ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch (BackOfficeForbiddenException)
        {
            return ApiProblems.Problem(403, "forbidden", "권한 없음", "Forbidden", "중앙행정기관의 관리자만 수신기관을 등록합니다. (admins of a central agency register recipients)");
        }
    }
}
