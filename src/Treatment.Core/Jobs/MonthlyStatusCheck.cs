using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Clock;

namespace Treatment.Core.Jobs;

/// <summary>
/// The monthly status check of every agency (Decree §22: by the 5th, for the previous month): received, closed, open
/// at month end, overdue among them, decided and decided on time, obligation breaches and escalations
/// (<see cref="MonthlyFiguresQuery"/>, shared with the agency head's monthly figures); stored once per agency and month.
/// </summary>
public sealed class MonthlyStatusCheck(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Produces the previous month's checks that do not exist yet; returns how many were stored.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow().ToOffset(DeadlineCalculator.KstOffset);
        var previous = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-1);
        return await RunAsync(previous.Year, previous.Month, cancellationToken);
    }

    public async Task<int> RunAsync(int year, int month, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, DeadlineCalculator.KstOffset);
        var end = start.AddMonths(1);
        await using var command = dataSource.CreateCommand(
            $"""
            insert into monthly_checks (agency_id, year, month, generated_at, content)
            select a.id, $3, $4, $5, jsonb_build_object(
                'received', f.received, 'closed', f.closed, 'openAtMonthEnd', f.open_at_month_end, 'overdueAtMonthEnd', f.overdue_at_month_end,
                'decided', f.decided, 'decidedOnTime', f.decided_on_time, 'obligationBreaches', f.obligation_breaches, 'escalations', f.escalations,
                'manyPersonReceived', f.many_person_received, 'manyPersonDecided', f.many_person_decided,
                'manyPersonDecidedOnTime', f.many_person_decided_on_time, 'manyPersonOpenAtMonthEnd', f.many_person_open_at_month_end,
                'basis', 'Decree §22, §28③')
            from agencies a cross join lateral ({MonthlyFiguresQuery.Lateral}) f
            on conflict (agency_id, year, month) do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = start.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = end.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = year });
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
