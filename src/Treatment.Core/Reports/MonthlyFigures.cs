using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;

namespace Treatment.Core.Reports;

/// <summary>One month of an agency as the Decree §22 monthly check counts it (<see cref="MonthlyFiguresQuery"/>).</summary>
public sealed record MonthFigures(int Year, int Month, long Received, long Closed, long OpenAtMonthEnd, long OverdueAtMonthEnd, long Decided, long DecidedOnTime, long ObligationBreaches, long Escalations)
{
    /// <summary>Decisions of the month made by their due, in percent; null without decisions.</summary>
    public decimal? OnTimeRate => Decided == 0 ? null : Math.Round(100m * DecidedOnTime / Decided, 1);
}

/// <summary>An affair (or, without one, a kind) and how often its decisions came after the due in the twelve months.</summary>
public sealed record LateAffair(string Code, string Name, long Late, long Decided);

/// <summary>The agency head's monthly figures: this month so far beside last month, twelve months of on-time rate, the affairs most often late.</summary>
public sealed record MonthlyFiguresView(string AgencyCode, string AgencyName, DateTimeOffset AsOf, MonthFigures ThisMonth, MonthFigures LastMonth, IReadOnlyList<MonthFigures> TwelveMonths, IReadOnlyList<LateAffair> MostOftenLate);

/// <summary>
/// Reads the monthly figures with the monthly check's own query. Scope in the service: supervisors, examiners and admins
/// see their own agency; analysts any agency they name; other roles are refused.
/// </summary>
public sealed class MonthlyFiguresService(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int LateAffairsShown = 5;

    public async Task<MonthlyFiguresView> ForAgencyAsync(Actor actor, string? agencyCode, CancellationToken ct)
    {
        var agency = await AgencyAsync(actor, agencyCode, ct);
        var now = time.GetUtcNow();
        var today = now.ToOffset(DeadlineCalculator.KstOffset);
        var thisMonth = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, DeadlineCalculator.KstOffset);
        var months = new List<MonthFigures>();
        for (var back = 11; back >= 0; back--)
        {
            months.Add(await MonthAsync(agency.Id, thisMonth.AddMonths(-back), ct));
        }

        var late = await MostOftenLateAsync(agency.Id, thisMonth.AddMonths(-11), thisMonth.AddMonths(1), ct);
        return new MonthlyFiguresView(agency.Code, agency.Name, now, months[^1], months[^2], months, late);
    }

    private async Task<(int Id, string Code, string Name)> AgencyAsync(Actor actor, string? agencyCode, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(agencyCode) ? null : agencyCode.Trim();
        int? id;
        if (actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin))
        {
            id = actor.AgencyId ?? throw new BackOfficeForbiddenException("no agency");
        }
        else if (actor.IsInRole(Roles.Analyst))
        {
            id = null;
        }
        else
        {
            throw new BackOfficeForbiddenException($"requires one of: {Roles.Supervisor}, {Roles.Examiner}, {Roles.Admin}, {Roles.Analyst}");
        }

        await using var command = dataSource.CreateCommand(id is null
            ? "select id, code, name_ko from agencies where code = @code"
            : "select id, code, name_ko from agencies where id = @id and (@code::text is null or code = @code)");
        command.Parameters.AddWithValue("id", (object?)id ?? DBNull.Value);
        command.Parameters.Add(new NpgsqlParameter("code", NpgsqlDbType.Text) { Value = (object?)code ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct))
        {
            return (reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
        }

        // Another agency than one's own is refused; an analyst naming no agency (or an unknown one) is asked for one.
        throw id is not null
            ? new BackOfficeForbiddenException("only the actor's own agency")
            : new BackOfficeInputException("agency", "기관 코드를 입력하세요.", $"give an agency code{(code is null ? "" : $" ('{code}' is unknown)")}");
    }

    private async Task<MonthFigures> MonthAsync(int agencyId, DateTimeOffset start, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select f.* from agencies a cross join lateral ({MonthlyFiguresQuery.Lateral}) f where a.id = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = start.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = start.AddMonths(1).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = agencyId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        long N(string column) => reader.GetInt64(reader.GetOrdinal(column));
        return new MonthFigures(start.Year, start.Month, N("received"), N("closed"), N("open_at_month_end"), N("overdue_at_month_end"),
            N("decided"), N("decided_on_time"), N("obligation_breaches"), N("escalations"));
    }

    private async Task<IReadOnlyList<LateAffair>> MostOftenLateAsync(int agencyId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select coalesce(c.code, p.kind), coalesce(c.name_ko, p.kind), count(*) filter (where p.decided_at > p.due_at or p.due_at is null), count(*)
            from petitions p left join civil_affairs c on c.id = p.affair_id
            where p.agency_id = @agency and p.decided_at >= @from and p.decided_at < @to
            group by 1, 2 having count(*) filter (where p.decided_at > p.due_at or p.due_at is null) > 0
            order by 3 desc, 1 limit @limit
            """);
        command.Parameters.AddWithValue("agency", agencyId);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        command.Parameters.AddWithValue("limit", LateAffairsShown);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var late = new List<LateAffair>();
        while (await reader.ReadAsync(ct))
        {
            late.Add(new LateAffair(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return late;
    }
}
