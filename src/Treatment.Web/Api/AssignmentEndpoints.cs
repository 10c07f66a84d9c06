using System.Globalization;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;

namespace Treatment.Web.Api;

/// <summary>Who does the work, through the API: claim, release, assign and hand over a petition; the inbox's tabs with their filters.</summary>
public static class AssignmentEndpoints
{
    public static IEndpointRouteBuilder MapAssignmentEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/petitions/{id:long}/assignment", Change).WithName("ChangeAssignment").WithTags("Assignment")
            .WithSummary("claim (내가 처리: take it from my department's queue), release (hand back to the queue, reason required), assign (to an official of its department: team leads, supervisors, admins) or hand-over (to the competent department, Decree §13②, reason required). Two claims at once: one wins, the other gets 409 already-taken")
            .Accepts<AssignmentBody>("application/json")
            .Produces<AssignmentResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/inbox", Inbox).WithName("ListInbox").WithTags("Assignment")
            .WithSummary("The inbox: tab mine (default), queue (my department's unassigned petitions) or at-risk, with the inbox's filters kind, state, channel, overdue, dueBefore, q; keyset paging by cursor; the tab counts and the today strip")
            .Produces<InboxResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapGet("/queue", (HttpContext http, InboxService inbox, InboxTabs tabs, string? kind, string? state, string? channel, string? overdue, string? dueBefore, string? q, string? cursor, string? limit, CancellationToken ct) =>
                Inbox(http, inbox, tabs, "queue", kind, state, channel, overdue, dueBefore, q, cursor, limit, ct))
            .WithName("ListQueue").WithTags("Assignment")
            .WithSummary("My department's queue (부서 대기): the inbox's queue tab, same filters and paging")
            .Produces<InboxResource>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    private static async Task<IResult> Change(long id, HttpContext http, AssignmentService assignments, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        var body = await ApiJson.ReadAsync<AssignmentBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        PetitionResult<Petition> result;
        switch (b.Action)
        {
            case "claim":
                result = await assignments.ClaimAsync(id, actor, ct);
                break;
            case "release":
                result = await assignments.ReleaseAsync(id, b.Reason, actor, ct);
                break;
            case "assign" when b.AssigneeId is { } assignee:
                var assigned = await assignments.DistributeAsync([id], assignee, b.Reason, actor, ct);
                if (assigned.Error is { } assignError)
                {
                    return ApiProblems.From(assignError);
                }

                return TypedResults.Json(new AssignmentResource(id, "assign", assignee, null), ApiJson.Options);
            case "assign":
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["assigneeId"] = ["assign에는 필수입니다. (required for assign)"] });
            case "hand-over" when b.DepartmentId is { } department:
                result = await assignments.HandOverAsync(id, department, b.Reason, actor, ct);
                break;
            case "hand-over":
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["departmentId"] = ["hand-over에는 필수입니다. (required for hand-over)"] });
            default:
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["action"] = ["claim, release, assign, hand-over 중 하나여야 합니다. (one of claim, release, assign, hand-over)"] });
        }

        return result.Error is { } error
            ? ApiProblems.From(error)
            : TypedResults.Json(new AssignmentResource(id, b.Action, result.Value!.AssigneeId, result.Value.DepartmentId), ApiJson.Options);
    }

    private static async Task<IResult> Inbox(
        HttpContext http, InboxService inbox, InboxTabs tabs, string? tab, string? kind, string? state, string? channel, string? overdue, string? dueBefore, string? q, string? cursor, string? limit, CancellationToken ct)
    {
        if (await PetitionEndpoints.OfficialAsync(http) is not { } actor)
        {
            return PetitionEndpoints.Unauthenticated();
        }

        if (!new[] { Roles.Official, Roles.Supervisor, Roles.Examiner, Roles.Admin }.Any(actor.IsInRole))
        {
            return ApiProblems.Problem(403, "role-not-allowed", "권한 없음", "Forbidden", "민원함은 담당자·과장·심사관·관리자가 씁니다. (the inbox is for officials, supervisors, examiners and admins)");
        }

        var errors = new Dictionary<string, string[]>();
        var query = new InboxQuery
        {
            Scope = tab switch
            {
                null or "" or "mine" => InboxScope.Mine,
                "queue" => InboxScope.Queue,
                "at-risk" => InboxScope.AtRisk,
                _ => Error(errors, "tab", "mine, queue, at-risk 중 하나여야 합니다. (one of mine, queue, at-risk)", InboxScope.Mine),
            },
            Kind = kind is { Length: > 0 } ? Enum.GetValues<PetitionKind>().Cast<PetitionKind?>().FirstOrDefault(k => PetitionService.WorkflowIdOf(k!.Value) == kind)
                ?? Error<PetitionKind?>(errors, "kind", "legal, inquisitive, recommendatory, grievance, other, prior-examination 중 하나여야 합니다. (unknown kind)", null) : null,
            State = state is { Length: > 60 } ? Error<string?>(errors, "state", "60자 이하여야 합니다. (at most 60 characters)", null) : state is { Length: > 0 } ? state : null,
            Channel = channel is { Length: > 0 } ? (Enum.TryParse<Channel>(channel.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : Error<Channel?>(errors, "channel", "알 수 없는 접수 경로입니다. (unknown channel)", null)) : null,
            OverdueOnly = overdue is { Length: > 0 } && (bool.TryParse(overdue, out var o) ? o : Error(errors, "overdue", "true 또는 false. (true or false)", false)),
            DueBefore = dueBefore is { Length: > 0 } ? (DateOnly.TryParseExact(dueBefore, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : Error<DateOnly?>(errors, "dueBefore", "yyyy-MM-dd 형식이어야 합니다. (yyyy-MM-dd)", null)) : null,
            Search = q is { Length: > 200 } ? Error<string?>(errors, "q", "200자 이하여야 합니다. (at most 200 characters)", null) : q,
            After = cursor is { Length: > 0 } ? InboxCursor.Parse(cursor) ?? Error<InboxCursor?>(errors, "cursor", "올바른 커서가 아닙니다. (not a cursor from this API)", null) : null,
            PageSize = limit is { Length: > 0 } ? (int.TryParse(limit, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 200 ? n : Error(errors, "limit", "1~200. (1 to 200)", 50)) : 50,
        };
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var page = await inbox.GetAsync(actor, query, ct);
        var counts = await tabs.CountAsync(actor, null, ct);
        var items = page.Items.Select(i => new InboxItemResource(i.Row.Id, i.Row.ReceiptNumber, PetitionService.WorkflowIdOf(i.Row.Kind), i.Row.Channel.ToString(), i.Row.Title,
            i.PetitionerMasked, i.Row.State, i.StateKo, i.Row.DueAt, i.Badge.Level.ToString())).ToList();
        return TypedResults.Json(new InboxResource(items, page.Next?.ToString(), counts), ApiJson.Options);
    }

    private static T Error<T>(Dictionary<string, string[]> errors, string field, string message, T fallback)
    {
        errors[field] = [message];
        return fallback;
    }
}

/// <summary>action: claim, release, assign (assigneeId), hand-over (departmentId); reason for release and hand-over.</summary>
public sealed record AssignmentBody(string? Action, Guid? AssigneeId, int? DepartmentId, string? Reason);

public sealed record AssignmentResource(long Id, string? Action, Guid? AssigneeId, int? DepartmentId);

public sealed record InboxItemResource(long Id, string ReceiptNumber, string Kind, string Channel, string Title, string Petitioner, string State, string StateKo, DateTimeOffset? DueAt, string Due);

public sealed record InboxResource(IReadOnlyList<InboxItemResource> Items, string? Next, InboxCounts Counts);
