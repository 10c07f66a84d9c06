using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;
using Treatment.Core.Hosting;

namespace Treatment.Web.Hosting;

public static class JobsExtensions
{
    /// <summary>Hangfire on PostgreSQL (schema "hangfire" of the same database); the server runs for roles all and worker.</summary>
    public static IServiceCollection AddTreatmentJobs(this IServiceCollection services, TreatmentOptions options, NpgsqlDataSource dataSource)
    {
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                c => c.UseConnectionFactory(new DataSourceConnectionFactory(dataSource)),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // Enqueue inside the caller's TransactionScope: a rolled-back request leaves no job behind.
                    EnableTransactionScopeEnlistment = true,
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    InvisibilityTimeout = TimeSpan.FromMinutes(30),
                }));

        if (options.Role is HostRole.All or HostRole.Worker)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.JobWorkers;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.SchedulePollingInterval = TimeSpan.FromSeconds(15);
            });
        }

        return services;
    }
}

/// <summary>
/// Hangfire takes its connections from the same pool as EF Core, so that inside one TransactionScope both reuse one
/// physical connection and the transaction never escalates to a prepared (two-phase) transaction.
/// </summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
