using System.Diagnostics;
using Npgsql;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>The raw single-row INSERT rate (one autocommit statement per row) that other scenarios compare with.</summary>
public sealed class RawInsertBaseline : IBenchScenario
{
    public string Name => "insert-baseline";

    public bool NeedsDatabase => true;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(context.ConnectionString);
        await using (var setup = dataSource.CreateCommand(
            "drop table if exists bench_insert_baseline; create table bench_insert_baseline (id bigserial primary key, title text not null, received_at timestamptz not null)"))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var single = await MeasureAsync(dataSource, clients: 1, TimeSpan.FromSeconds(5), cancellationToken);
        var eight = await MeasureAsync(dataSource, clients: 8, TimeSpan.FromSeconds(5), cancellationToken);
        await using (var drop = dataSource.CreateCommand("drop table if exists bench_insert_baseline"))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        return
        [
            new BenchRow("raw INSERT, 1 client (autocommit, prepared)", single, "rows/s"),
            new BenchRow("raw INSERT, 8 clients (autocommit, prepared)", eight, "rows/s", "raw INSERT, 1 client", single),
        ];
    }

    private static async Task<double> MeasureAsync(NpgsqlDataSource dataSource, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        long total = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("insert into bench_insert_baseline (title, received_at) values ($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = "민원 제목 benchmark" });
            command.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow });
            await command.PrepareAsync(cancellationToken);
            long count = 0;
            while (stopwatch.Elapsed < duration)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                count++;
            }

            Interlocked.Add(ref total, count);
        }));
        return total / stopwatch.Elapsed.TotalSeconds;
    }
}
