using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Treatment.Core.Persistence;

/// <summary>One place that says how the product talks to PostgreSQL.</summary>
public static class TreatmentDatabase
{
    /// <summary>
    /// The data source every process uses, with the product's defaults for what the connection string leaves unsaid:
    /// no session reset when a connection goes back to the pool (the product changes settings only with SET LOCAL or
    /// set_config(…, true), so there is nothing to reset, and a reset adds several statements to the next short read),
    /// and automatic preparation of repeated statements.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var said = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (!said.Contains("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        if (!said.Contains("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }

    /// <summary>
    /// A second data source for the inbox's short reads, with at most <paramref name="connections"/> connections
    /// (the processor count when null): queries beyond that wait in the pool, in-process, instead of crowding the
    /// server's cores, so a burst of inbox loads does not stretch every query's latency.
    /// </summary>
    public static NpgsqlDataSource CreateInboxReadDataSource(string connectionString, int? connections = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections ?? Environment.ProcessorCount, MinPoolSize = 0 };
        return CreateDataSource(settings.ConnectionString);
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource)
    {
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// Options for the contexts of the inbox's short reads, over <see cref="CreateInboxReadDataSource"/>. Each such
    /// context serves one request and is used by one service that awaits every query before the next, so EF's check
    /// for concurrent use is switched off: it sets an async-local value for every row read, a quarter of the inbox
    /// query's allocations (36 KiB → 29 KiB a query in the bench; raw SQL 25 KiB).
    /// </summary>
    public static void ConfigureInboxReads(DbContextOptionsBuilder options, NpgsqlDataSource inboxReadDataSource)
    {
        Configure(options, inboxReadDataSource);
        options.EnableThreadSafetyChecks(false);
    }
}
