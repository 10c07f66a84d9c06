using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// (b) 100,000 milestones due at once (the morning after a long holiday): escalations per second with one and with
/// two sweepers, against Hangfire's own rate for 5,000 due scheduled no-op jobs in the same run. Target ≥ 50× that
/// rate, ≥ 10,000/s, zero duplicates.
/// </summary>
public sealed class SweepBurstBenchmark : IBenchScenario
{
    private const int Due = 100_000;
    private const int HangfireJobs = 5_000;

    public string Name => "sweep-burst";

    public bool NeedsDatabase => true;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var database = await SweepBenchDatabase.CreateAsync(context.ConnectionString, "sweep_burst", cancellationToken);
        await database.LoadAsync(Due, Due, DateTimeOffset.UtcNow.AddMinutes(-1), cancellationToken);

        // --no-hangfire skips the slow baseline when only the sweep's own figures are wanted.
        double? hangfire = context.Flags.Contains("no-hangfire") ? null : await HangfireScheduledRateAsync(database.ConnectionString, context.Log, cancellationToken);
        var one = await SweepRateAsync(database, sweepers: 1, context.Log, cancellationToken);

        // The same petitions fall due again under a new clock generation (as after a calendar change).
        await database.ExecuteAsync(
            "update petitions set next_milestone = 'due', next_milestone_at = now() - interval '1 minute', due_at = now() - interval '1 minute', clock_generation = clock_generation + 1, overdue = false, escalation_level = 0",
            cancellationToken);
        await database.ExecuteAsync("vacuum analyze petitions", cancellationToken);
        var two = await SweepRateAsync(database, sweepers: 2, context.Log, cancellationToken);

        var duplicates = await database.ScalarAsync(
            "select count(*) from (select petition_id, data->>'clockGeneration' from petition_events where type = 'overdue' group by 1, 2 having count(*) > 1) d",
            cancellationToken);
        var overdueEvents = await database.ScalarAsync("select count(*) from petition_events where type = 'overdue'", cancellationToken);
        if (duplicates != 0 || overdueEvents != 2L * Due)
        {
            throw new InvalidOperationException($"exactly-once broken: {duplicates} duplicated milestones, {overdueEvents} overdue events for {2 * Due} milestones");
        }

        var baseline = hangfire is null ? null : "Hangfire scheduled jobs";
        List<BenchRow> rows =
        [
            new BenchRow($"sweep: {Due:N0} due milestones, 1 sweeper (0 duplicates)", one, "escalations/s", baseline, hangfire),
            new BenchRow($"sweep: {Due:N0} due milestones, 2 sweepers (0 duplicates)", two, "escalations/s", baseline, hangfire),
        ];
        if (hangfire is { } rate)
        {
            rows.Insert(0, new BenchRow($"Hangfire: {HangfireJobs:N0} due scheduled no-op jobs", rate, "jobs/s"));
        }

        return rows;
    }

    private static async Task<double> SweepRateAsync(SweepBenchDatabase database, int sweepers, TextWriter log, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, sweepers).Select(_ => Task.Run(() => database.Sweep(batchSize: 1000).DrainAsync(cancellationToken), cancellationToken)));
        stopwatch.Stop();
        var applied = results.Sum(r => r.Applied);
        if (applied != Due)
        {
            throw new InvalidOperationException($"{sweepers} sweeper(s) applied {applied} milestones, expected {Due}");
        }

        log.WriteLine($"[bench] sweep-burst: {sweepers} sweeper(s): {applied:N0} in {stopwatch.Elapsed.TotalSeconds:0.00} s ({string.Join(" + ", results.Select(r => r.Applied.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))})");
        return applied / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Schedules no-op jobs already due, starts a server, and measures until every one succeeded.</summary>
    private static async Task<double> HangfireScheduledRateAsync(string connectionString, TextWriter log, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var storage = new PostgreSqlStorage(
            new DataSourceFactory(dataSource),
            new PostgreSqlStorageOptions { SchemaName = "hangfire_bench", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) });
        var client = new BackgroundJobClient(storage);
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < HangfireJobs; i++)
        {
            client.Schedule(() => NoOp(), past);
        }

        var monitoring = storage.GetMonitoringApi();
        var stopwatch = Stopwatch.StartNew();
        // Its own activator: Hangfire's global one is the last host's (every product host sets it), and a scenario run
        // before this one may have disposed that host, which would fail every job with ObjectDisposedException.
        var server = new BackgroundJobServerOptions { WorkerCount = 8, SchedulePollingInterval = TimeSpan.FromSeconds(1), Activator = new JobActivator() };
        using (new BackgroundJobServer(server, storage))
        {
            while (monitoring.SucceededListCount() < HangfireJobs && stopwatch.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        log.WriteLine($"[bench] sweep-burst: Hangfire ran {monitoring.SucceededListCount():N0} due scheduled jobs in {seconds:0.0} s");
        return monitoring.SucceededListCount() / seconds;
    }

    /// <summary>The job Hangfire runs: nothing, so its own overhead is all that is measured.</summary>
    public static void NoOp()
    {
    }

    private sealed class DataSourceFactory(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }
}
