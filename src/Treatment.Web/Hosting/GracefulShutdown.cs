using Treatment.Core.Hosting;

namespace Treatment.Web.Hosting;

/// <summary>
/// How the host stops on SIGTERM: Kestrel stops accepting connections and lets the requests in flight finish within
/// Treatment:ShutdownTimeout (30 s unless set); the job server gets Treatment:Jobs:StopTimeout for running jobs to
/// finish, then cancels them (the sweep and outbox stop between batches, and an unfinished job returns to its queue).
/// </summary>
public static class GracefulShutdown
{
    public const string SettingName = "Treatment:ShutdownTimeout";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var timeout = configuration.GetValue(SettingName, DefaultTimeout);
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.ShutdownTimeout >= timeout)
        {
            throw new InvalidOperationException($"Treatment:Jobs:ShutdownTimeout ({jobs.ShutdownTimeout}) must be shorter than {SettingName} ({timeout})");
        }

        services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        return services;
    }
}
