using Hangfire;
using Npgsql;

namespace Treatment.Core.Reports;

/// <summary>
/// Moves the rollup deltas appended by petition changes into petition_rollups and petition_rollup_years, summed, in one
/// statement: a delta is either still in petition_rollup_deltas or already in both rollups, never both, so a report
/// that reads a rollup and the deltas in one snapshot is exact whenever the fold runs. Runs every minute where jobs run.
/// </summary>
public sealed class RollupFolder(NpgsqlDataSource dataSource)
{
    public const string RecurringJobId = "rollup-fold";

    /// <summary>Registers the minutely fold; call once at start-up where the Hangfire server runs.</summary>
    public static void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<RollupFolder>(RecurringJobId, folder => folder.FoldAsync(CancellationToken.None), Cron.Minutely());

    /// <summary>Folds every delta visible now; returns how many delta rows were moved.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> FoldAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            with moved as (
                delete from petition_rollup_deltas
                returning agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total),
            summed as (
                insert into petition_rollups (agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total)
                select agency_id, month, kind, affair_id, channel, measure, label, bucket, sum(count), sum(total)
                from moved
                group by agency_id, month, kind, affair_id, channel, measure, label, bucket
                on conflict (agency_id, month, kind, affair_id, channel, measure, label, bucket)
                do update set count = petition_rollups.count + excluded.count, total = petition_rollups.total + excluded.total),
            yearly as (
                {RollupWriter.AddYearsSql("moved")})
            select count(*)::int from moved
            """);
        command.CommandTimeout = 300;
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
