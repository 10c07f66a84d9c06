using Npgsql;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// The inbox and work-queue scenarios' own database beside the bench database, so that they measure the size they name
/// (2,000,000 petitions) whatever the other scenarios add to the shared one. Kept between runs: loading it takes minutes.
/// </summary>
internal static class InboxBenchDatabase
{
    public static async Task<string> EnsureAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(context.ConnectionString);
        var name = $"{builder.Database}_inbox";
        await using (var server = new NpgsqlConnection(context.ConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", server) { Parameters = { new() { Value = name } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"create database \"{name}\" encoding 'UTF8' template template0", server);
                await create.ExecuteNonQueryAsync(cancellationToken);
                context.Log.WriteLine($"[bench] created database {name}");
            }
        }

        builder.Database = name;
        return builder.ConnectionString;
    }
}
