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

/// <summary>GET /petitions: the scoped list with filters and keyset paging.</summary>
public static partial class PetitionEndpoints
{
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
}
