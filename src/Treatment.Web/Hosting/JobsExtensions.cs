using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;
using Treatment.Core.Hosting;

namespace Treatment.Web.Hosting;

public static class JobsExtensions
{
    /// <summary>Path of the job dashboard (Admin only).</summary>
    public const string DashboardPath = "/jobs";

    /// <summary>
    /// Hangfire on PostgreSQL (schema "hangfire" of the same database); the server runs for roles all and worker, the
    /// recurring jobs are registered there; the milestone planner, sweep, outbox and monthly check are registered for every role.
    /// </summary>
    public static IServiceCollection AddTreatmentJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TreatmentOptions.Section).Get<TreatmentOptions>() ?? new TreatmentOptions();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddTransient<CalendarChangeJob>();

        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                c => c.UseConnectionFactory(new DataSourceConnectionFactory(provider.GetRequiredService<NpgsqlDataSource>())),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // Enqueue inside the caller's TransactionScope: a rolled-back request leaves no job behind.
                    EnableTransactionScopeEnlistment = true,
                    QueuePollInterval = jobs.QueuePollInterval,
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    InvisibilityTimeout = TimeSpan.FromMinutes(30),
                }));

        if (options.Role is HostRole.All or HostRole.Worker)
        {
            // Each worker holds a pooled connection while it fetches; a pool smaller than that starves the web side.
            var poolSize = new NpgsqlConnectionStringBuilder(options.Database).MaxPoolSize;
            if (poolSize < options.JobWorkers + jobs.PoolHeadroom)
            {
                throw new InvalidOperationException(
                    $"the connection pool (Maximum Pool Size={poolSize}) must hold at least {options.JobWorkers + jobs.PoolHeadroom} connections: " +
                    $"{options.JobWorkers} job workers + {jobs.PoolHeadroom} (Treatment:Jobs:PoolHeadroom); raise it in the connection string or lower Treatment:JobWorkers");
            }

            services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.JobWorkers;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.SchedulePollingInterval = jobs.SchedulePollingInterval;
                o.IsLightweightServer = jobs.LightweightServer;
                o.StopTimeout = jobs.StopTimeout;
                o.ShutdownTimeout = jobs.ShutdownTimeout;
            });
            services.AddHostedService<RecurringJobsRegistration>();
        }

        return services;
    }

    /// <summary>Maps the job dashboard at /jobs for processes that serve pages (roles all and web): the central operator's admins, read-only for other admins.</summary>
    public static WebApplication UseTreatmentJobs(this WebApplication app, TreatmentOptions options)
    {
        if (options.Role is HostRole.All or HostRole.Web)
        {
            app.MapHangfireDashboard(DashboardPath, new DashboardOptions
            {
                Authorization = [],
                AsyncAuthorization = [new Security.JobDashboardAccess()],
                IsReadOnlyFunc = Security.JobDashboardAccess.IsReadOnly,
                DashboardTitle = "Treatment jobs",
                DisplayStorageConnectionString = false,
            });
        }

        return app;
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
