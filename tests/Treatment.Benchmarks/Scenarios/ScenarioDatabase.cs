using Npgsql;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// A scenario's own database beside the bench database, so that it measures the size it names whatever the other
/// scenarios add to the shared one: the inbox and work-queue scenarios' 2,000,000 petitions, and the what-if replay's
/// year 2023, whose open petitions would otherwise double the yearly report's open-overdue read. Kept between runs:
/// loading one takes minutes.
/// </summary>
internal static class ScenarioDatabase
{
    public const string Inbox = "inbox";

    public const string WhatIf = "whatif";

    public static async Task<string> EnsureAsync(BenchContext context, string suffix, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(context.ConnectionString);
        var name = $"{builder.Database}_{suffix}";
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
