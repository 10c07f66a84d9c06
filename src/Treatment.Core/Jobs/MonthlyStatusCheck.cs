using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Clock;

namespace Treatment.Core.Jobs;

/// <summary>
/// The monthly status check of every agency (Decree §22: by the 5th, for the previous month): received, closed, open
/// at month end, overdue among them, obligation breaches and escalations; stored once per agency and month.
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
            """
            insert into monthly_checks (agency_id, year, month, generated_at, content)
            select a.id, $3, $4, $5, jsonb_build_object(
                'received', (select count(*) from petitions p where p.agency_id = a.id and p.received_at >= $1 and p.received_at < $2),
                'closed', (select count(*) from petitions p where p.agency_id = a.id and p.closed_at >= $1 and p.closed_at < $2),
                'openAtMonthEnd', (select count(*) from petitions p where p.agency_id = a.id and p.received_at < $2 and (p.closed_at is null or p.closed_at >= $2)),
                'overdueAtMonthEnd', (select count(*) from petitions p where p.agency_id = a.id and p.received_at < $2 and (p.closed_at is null or p.closed_at >= $2) and p.due_at < $2),
                'obligationBreaches', (select count(*) from obligation_breaches b where b.agency_id = a.id and b.detected_at >= $1 and b.detected_at < $2),
                'escalations', (select count(*) from petition_events e join petitions p on p.id = e.petition_id where p.agency_id = a.id and e.type = 'escalation' and e.at >= $1 and e.at < $2),
                'basis', 'Decree §22')
            from agencies a
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
