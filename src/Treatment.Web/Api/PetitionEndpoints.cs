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
public static class PetitionEndpoints
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
            Petitioner = new PetitionerDetails(b.Petitioner!.Name, b.Petitioner.Phone, b.Petitioner.Email, b.Petitioner.Address, b.Petitioner.ResidentNumber),
            ReceivedAt = b.ReceivedAt,
            Attachments = (b.Attachments ?? []).Select(a => new AttachmentMetadata(a.FileName, a.ContentType, a.Size)).ToList(),
            SignerCount = b.SignerCount ?? 1,
            HouseholdCount = b.HouseholdCount ?? 1,
        };
        var outcome = await intake.ReceiveAsync(request, actor, idempotency, ct);
        if (outcome.Error is { } error)
        {
            return ApiProblems.From(error);
        }

        var petition = outcome.Value!.Petition;
        var resource = await PetitionResources.BuildAsync(petition, actor, api.Services, ct,
            outcome.Value.Events is { } events ? (events, outcome.Value.Notices ?? []) : null) with { LookupCode = StatusLookupCodes.Reveal(petition, protector) };
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

        var inputs = new ActionBody(null, null, null, null, null, null, null, null, null, null);
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

        var result = await api.Petitions.FireAsync(id, trigger, new TriggerInputs
        {
            Reason = inputs.Reason,
            ExtensionDays = inputs.ExtensionDays,
            Consent = inputs.Consent,
            DecisionText = inputs.DecisionText,
            Remedies = inputs.Remedies,
            TransferTarget = inputs.TransferTarget,
            SupplementDueDate = inputs.SupplementDueDate,
            SupplementDays = inputs.SupplementDays,
            InvestigationDays = inputs.InvestigationDays,
        }, actor, expected, ct);
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

    private static async Task<IResult> List(
        HttpContext http, TreatmentDbContext db, string? state, string? kind, string? assignee, string? overdue, string? dueBefore, string? q, string? cursor, string? limit, CancellationToken ct)
    {
        if (await OfficialAsync(http) is not { } actor)
        {
            return Unauthenticated();
        }

        var errors = new Dictionary<string, string[]>();
        var query = db.Petitions.AsNoTracking().VisibleTo(actor);
        if (state is { Length: > 0 })
        {
            if (state.Length > 60)
            {
                errors["state"] = ["60자 이하여야 합니다. (at most 60 characters)"];
            }

            query = query.Where(p => p.State == state);
        }

        if (kind is { Length: > 0 })
        {
            if (Enum.GetValues<PetitionKind>().FirstOrDefault(k => PetitionService.WorkflowIdOf(k) == kind) is var k && PetitionService.WorkflowIdOf(k) == kind)
            {
                query = query.Where(p => p.Kind == k);
            }
            else
            {
                errors["kind"] = ["legal, inquisitive, recommendatory, grievance, other 중 하나여야 합니다. (unknown kind)"];
            }
        }

        if (assignee is { Length: > 0 })
        {
            if (assignee == "me")
            {
                query = query.Where(p => p.AssigneeId == actor.UserId);
            }
            else if (Guid.TryParse(assignee, out var assigneeId))
            {
                query = query.Where(p => p.AssigneeId == assigneeId);
            }
            else
            {
                errors["assignee"] = ["'me' 또는 사용자 id여야 합니다. ('me' or a user id)"];
            }
        }

        if (overdue is { Length: > 0 })
        {
            if (bool.TryParse(overdue, out var isOverdue))
            {
                query = query.Where(p => p.Overdue == isOverdue);
            }
            else
            {
                errors["overdue"] = ["true 또는 false. (true or false)"];
            }
        }

        if (dueBefore is { Length: > 0 })
        {
            if (Treatment.Core.Clock.ClockInput.TryParseReceived(dueBefore, out var before))
            {
                var utc = before.ToUniversalTime();
                query = query.Where(p => p.IsOpen && p.DueAt < utc);
            }
            else
            {
                errors["dueBefore"] = ["오프셋이 있는 ISO-8601 시각이어야 합니다. (an ISO-8601 instant with an offset)"];
            }
        }

        if (q is { Length: > 0 })
        {
            if (q.Length > 100 || TextRules.HasForbiddenCharacters(q, multiline: false))
            {
                errors["q"] = ["100자 이하의 문자여야 합니다. (at most 100 printable characters)"];
            }
            else
            {
                var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                query = query.Where(p => p.ReceiptNumber == q || EF.Functions.ILike(p.Title, pattern) || EF.Functions.ILike(p.PetitionerName, pattern));
            }
        }

        var take = 50;
        if (limit is { Length: > 0 } && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > 200))
        {
            errors["limit"] = ["1~200. (1 to 200)"];
        }

        var far = DateTimeOffset.MaxValue.ToUniversalTime();
        if (cursor is { Length: > 0 })
        {
            if (DecodeCursor(cursor) is { } c)
            {
                query = query.Where(p => (p.DueAt ?? far) > c.Due || ((p.DueAt ?? far) == c.Due && p.Id > c.Id));
            }
            else
            {
                errors["cursor"] = ["이전 응답의 nextCursor여야 합니다. (the nextCursor of a previous page)"];
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var rows = await query.OrderBy(p => p.DueAt ?? far).ThenBy(p => p.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(PetitionResources.Summary).ToList();
        var next = rows.Count > take ? EncodeCursor(rows[take - 1].DueAt ?? far, rows[take - 1].Id) : null;
        return TypedResults.Json(new PetitionPage(items, next), ApiJson.Options);
    }

    private static string EncodeCursor(DateTimeOffset due, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{due.UtcTicks}:{id}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset Due, long Id)? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 2
                   && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                   && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
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
