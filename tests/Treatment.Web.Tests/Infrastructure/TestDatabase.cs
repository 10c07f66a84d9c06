using Npgsql;

namespace Treatment.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway database on the server named by TREATMENT_DB (scripts/test sets it), created per test run and dropped
/// afterwards, so tests never touch the database TREATMENT_DB itself names.
/// </summary>
public static class TestDatabase
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("TREATMENT_DB") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("TREATMENT_DB is not set: run the tests through scripts/test");

    public static async Task<string> CreateAsync(string purpose, string? server = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(server ?? ServerConnectionString);
        var name = $"treatment_t_{purpose}_{Environment.ProcessId}_{Guid.NewGuid():N}"[..50].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database \"{name}\" encoding 'UTF8' template template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        builder.MaxPoolSize = 60;
        return builder.ConnectionString;
    }

    public static async Task DropAsync(string connectionString, string? server = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        NpgsqlConnection.ClearAllPools();
        builder.Database = new NpgsqlConnectionStringBuilder(server ?? ServerConnectionString).Database;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
