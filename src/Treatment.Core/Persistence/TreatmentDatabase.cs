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
}
