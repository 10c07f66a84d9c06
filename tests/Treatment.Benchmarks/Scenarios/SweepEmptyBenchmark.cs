using System.Data;
using System.Diagnostics;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// (a) One sweep that finds nothing due among 1,000,000 open petitions, against the same claim query without the
/// partial index ix_petitions_next_milestone (dropped for the baseline, recreated after). Target ≤ 10 ms and ≥ 100×.
/// </summary>
public sealed class SweepEmptyBenchmark : IBenchScenario
{
    private const int Petitions = 1_000_000;

    public string Name => "sweep-empty";

    public bool NeedsDatabase => true;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var database = await SweepBenchDatabase.CreateAsync(context.ConnectionString, "sweep_empty", cancellationToken);
        var load = Stopwatch.StartNew();
        // The trigram indexes serve searches, not the sweep; dropped here so that loading a million rows stays quick.
        await database.ExecuteAsync("drop index if exists ix_petitions_petitioner_trgm; drop index if exists ix_petitions_title_trgm", cancellationToken);
        await database.LoadAsync(Petitions, due: 0, DateTimeOffset.UtcNow, cancellationToken);
        context.Log.WriteLine($"[bench] sweep-empty: {Petitions:N0} open petitions loaded by COPY in {load.Elapsed.TotalSeconds:0.0} s");

        var sweep = database.Sweep(batchSize: 1000);
        var indexed = await MedianSweepAsync(database, sweep, runs: 201, cancellationToken);
        await database.ExecuteAsync("drop index ix_petitions_next_milestone", cancellationToken);
        var scanned = await MedianSweepAsync(database, sweep, runs: 7, cancellationToken);
        await database.ExecuteAsync("create index ix_petitions_next_milestone on petitions (next_milestone_at) where is_open and next_milestone_at is not null", cancellationToken);

        return
        [
            new BenchRow($"empty sweep, {Petitions:N0} open petitions, partial index (median)", indexed, "ms", "same claim without the partial index", scanned),
            new BenchRow("empty sweep: speed-up from the partial index", scanned / indexed, "×"),
        ];
    }

    /// <summary>The median time of one claim transaction that finds nothing due (what the sweep does every minute when idle).</summary>
    private static async Task<double> MedianSweepAsync(SweepBenchDatabase database, Treatment.Core.Jobs.MilestoneSweep sweep, int runs, CancellationToken cancellationToken)
    {
        var times = new List<double>(runs);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        for (var i = 0; i < runs + 1; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var result = await sweep.SweepBatchAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            stopwatch.Stop();
            if (result.Claimed != 0)
            {
                throw new InvalidOperationException("the empty sweep claimed rows");
            }

            if (i > 0)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
