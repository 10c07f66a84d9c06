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

/// <summary>POST /petitions: intake from a channel (X-Api-Key) or an official, through <see cref="PetitionIntake"/>.</summary>
public static partial class PetitionEndpoints
{
    private static async Task<IResult> Receive(HttpContext http, [AsParameters] ApiRequest api, PetitionIntake intake, ChannelKeyLookup keys, Treatment.Core.Security.PersonalDataProtector protector, CancellationToken ct)
    {
        Actor actor;
        ChannelCaller? channel = null;
        if (http.Request.Headers.TryGetValue("X-Api-Key", out var apiKey))
        {
            channel = await keys.FindAsync(apiKey.ToString(), api.Db, ct);
            if (channel is null)
            {
                return ApiProblems.Problem(401, "invalid-api-key", "API 키가 올바르지 않음", "Invalid API key");
            }

            actor = channel.Actor;
        }
        else if (await OfficialAsync(http) is { } official)
        {
            actor = official;
        }
        else
        {
            return ApiProblems.Problem(401, "unauthenticated", "인증 필요", "Authentication required", "X-Api-Key 또는 Bearer 토큰이 필요합니다. (send X-Api-Key or a bearer token)");
        }

        IdempotencyKey? idempotency = null;
        var idempotencyHeader = http.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyHeader.Length > 0 && (idempotencyHeader.Length > 200 || TextRules.HasForbiddenCharacters(idempotencyHeader, multiline: false)))
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["200자 이하의 인쇄 가능한 문자여야 합니다. (at most 200 printable characters)"] });
        }

        var body = await ApiJson.ReadAsync<IntakeBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (idempotencyHeader.Length > 0)
        {
            if (channel is null)
            {
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["채널(X-Api-Key) 요청에만 씁니다. (only for channel requests)"] });
            }

            idempotency = new IdempotencyKey(channel.KeyId, idempotencyHeader, body.Hash);
        }

        var b = body.Value!;
        var missing = new Dictionary<string, string[]>();
        if (b.Kind is null)
        {
            missing["kind"] = ["필수 항목입니다. (required: legal, inquisitive, recommendatory, grievance, other)"];
        }

        if (b.Petitioner is null)
        {
            missing["petitioner"] = ["필수 항목입니다. (required)"];
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

        var request = new IntakeRequest
        {
            Kind = b.Kind!.Value,
            SubKind = b.SubKind,
            AffairCode = b.AffairCode,
            AgencyCode = b.AgencyCode ?? "",
            Channel = b.Channel ?? channel!.Channel,
            Title = b.Title ?? "",
            Body = b.Body ?? "",
            Petitioner = new PetitionerDetails(b.Petitioner!.Name, b.Petitioner.Phone, b.Petitioner.Email, b.Petitioner.Address, b.Petitioner.ResidentNumber, b.Petitioner.NoticeChannel),
            ReceivedAt = b.ReceivedAt,
            Attachments = (b.Attachments ?? []).Select(a => new AttachmentMetadata(a.FileName, a.ContentType, a.Size)).ToList(),
            SignerCount = b.SignerCount ?? 1,
            HouseholdCount = b.HouseholdCount ?? 1,
            Copies = b.Copies ?? 1,
            PriorExaminationReceiptNumber = string.IsNullOrWhiteSpace(b.PriorExaminationReceiptNumber) ? null : b.PriorExaminationReceiptNumber,
            RosterReceived = b.RosterReceived ?? false,
            Representatives = (b.Representatives ?? []).Select(r => new Treatment.Core.Petitions.ManyPerson.RepresentativeInput(r.Name ?? "", r.Phone, r.Address)).ToList(),
        };
        var outcome = await intake.ReceiveAsync(request, actor, idempotency, ct);
        if (outcome.Error is { } error)
        {
            return ApiProblems.From(error);
        }

        var petition = outcome.Value!.Petition;
        var resource = await PetitionResources.BuildAsync(petition, actor, api.Services, ct,
            outcome.Value.Events is { } events ? (events, outcome.Value.Notices ?? []) : null) with
        {
            LookupCode = StatusLookupCodes.Reveal(petition, protector),
            Documents = outcome.Value.Documents.Count > 0 ? outcome.Value.Documents.Select(IssuedDocumentResource.From).ToList() : null,
        };
        return outcome.Value.Replayed
            ? TypedResults.Json(resource, ApiJson.Options, statusCode: StatusCodes.Status200OK)
            : Created(http, resource);
    }

    private static IResult Created(HttpContext http, PetitionResource resource)
    {
        http.Response.Headers.Location = $"/api/v1/petitions/{resource.Id}";
        http.Response.Headers.ETag = ETag(resource.Version);
        return TypedResults.Json(resource, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
