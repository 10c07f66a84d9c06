using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Generation;
using Treatment.Core.Hosting;
using Treatment.Core.Persistence;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// The yearly report over 2,000,000 petitions in 2025 (10,000,000 with --large), country-wide, for one ministry and for
/// one agency, beside a plain count(*) GROUP BY agency, kind over the same rows in the same run. Seeds the bench
/// database with the generator first when it holds fewer petitions for the year (that time is reported too).
/// </summary>
public sealed class YearlyReportBenchmark : IBenchScenario
{
    private const int Year = 2025;
    private const int Agencies = 50;

    public string Name => "report";

    public bool NeedsDatabase => true;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var target = context.Flags.Contains("large") ? 10_000_000 : 2_000_000;
        var workflows = RepositoryFolders.FindUpward("workflows", Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("workflows/ not found");
        var catalog = WorkflowCatalog.LoadOrThrow(workflows, Path.Combine(Path.GetDirectoryName(workflows)!, "templates"));
        var clock = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(Path.Combine(workflows, "calendar")));
        await using var dataSource = NpgsqlDataSource.Create(context.ConnectionString);
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.Configure(options, dataSource);
        await using (var db = new TreatmentDbContext(options.Options))
        {
            await DatabaseInitializer.InitializeAsync(db, workflows, migrate: true, seedDemo: false, TimeProvider.System, NullLogger.Instance, cancellationToken);
        }

        var rows = new List<BenchRow>();
        var existing = await ScalarAsync(dataSource, $"select count(*) from petitions where receipt_year = {Year}", cancellationToken);
        if (existing < target * 0.99)
        {
            var missing = (int)(target - existing);
            context.Log.WriteLine($"[bench] seeding {missing:N0} petitions for {Year} …");
            var seeder = new PetitionSeeder(dataSource, new PetitionGenerator(catalog, clock));
            var seeded = await seeder.SeedAsync(new GenerationOptions(Year, missing, (int)(existing % 10_000) + 1, GenerationOptions.DefaultHorizon(Year)), Agencies, null, cancellationToken);
            rows.Add(new BenchRow($"seed {seeded.Petitions:N0} petitions ({seeded.Events:N0} events, {seeded.RollupRows:N0} rollup rows)", seeded.Elapsed.TotalSeconds, "s"));
            rows.Add(new BenchRow("seed rate", seeded.Petitions / seeded.Elapsed.TotalSeconds, "petitions/s"));
        }

        // The tables as autovacuum keeps them: right after a seed the visibility map is empty and hint bits unset, so the
        // counts below would read the heap where a running system answers from the index (a fresh clone measured the
        // count 5 to 40 times slower than the same rows a day later).
        var vacuum = Stopwatch.StartNew();
        await using (var command = dataSource.CreateCommand("vacuum (analyze) petitions, petition_rollup_years"))
        {
            command.CommandTimeout = 900;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        context.Log.WriteLine($"[bench] vacuum analyze petitions, petition_rollup_years: {vacuum.Elapsed.TotalSeconds:0.#} s");

        var petitions = await ScalarAsync(dataSource, $"select count(*) from petitions where receipt_year = {Year}", cancellationToken);
        var agency = await ScalarAsync(dataSource, "select id from agencies where code = 'GEN-005'", cancellationToken);
        var builder = new YearlyReportBuilder(dataSource, TimeProvider.System, catalog);

        var scanAll = await MedianAsync(() => ExecuteAsync(dataSource, $"select agency_id, kind, count(*) from petitions where receipt_year = {Year} group by agency_id, kind", cancellationToken));
        var reportAll = await MedianAsync(() => builder.BuildAsync(Year, ReportScope.All, null, cancellationToken));
        var reportMinistry = await MedianAsync(() => builder.BuildAsync(Year, new ReportScope(ReportScopeKind.Ministry, "GEN-001"), null, cancellationToken));
        // One agency's report and its count take a few milliseconds each, where a collection or a wake-up moves a single
        // run by a tenth: they alternate over more runs, so that a drift of the machine falls on both alike.
        var (scanAgency, reportAgency) = await AlternatingMediansAsync(
            () => ExecuteAsync(dataSource, $"select agency_id, kind, count(*) from petitions where receipt_year = {Year} and agency_id = {agency} group by agency_id, kind", cancellationToken),
            () => builder.BuildAsync(Year, new ReportScope(ReportScopeKind.Agency, "GEN-005"), null, cancellationToken),
            runs: 31);

        var scanAllLabel = $"count(*) GROUP BY agency, kind over {petitions:N0} petitions";
        rows.Add(new BenchRow(scanAllLabel, scanAll, "ms"));
        rows.Add(new BenchRow("yearly report, all agencies", reportAll, "ms", scanAllLabel, scanAll));
        rows.Add(new BenchRow("yearly report, ministry GEN-001 (10 agencies)", reportMinistry, "ms", scanAllLabel, scanAll));
        rows.Add(new BenchRow("count(*) GROUP BY agency, kind, agency GEN-005", scanAgency, "ms"));
        rows.Add(new BenchRow("yearly report, agency GEN-005", reportAgency, "ms", "count(*) GROUP BY agency, kind, agency GEN-005", scanAgency));
        return rows;
    }

    /// <summary>Median of five runs after one warm-up, in milliseconds.</summary>
    private static async Task<double> MedianAsync(Func<Task> action)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[2];
    }

    /// <summary>Medians of the two actions run alternately, after three warm-up rounds, in milliseconds.</summary>
    private static async Task<(double First, double Second)> AlternatingMediansAsync(Func<Task> first, Func<Task> second, int runs)
    {
        var (firstTimes, secondTimes) = (new List<double>(), new List<double>());
        for (var i = -3; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await first();
            var firstTime = stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            await second();
            if (i >= 0)
            {
                firstTimes.Add(firstTime);
                secondTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        return (BenchStatistics.Median(firstTimes), BenchStatistics.Median(secondTimes));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
