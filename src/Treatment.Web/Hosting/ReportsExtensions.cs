using Hangfire;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;

namespace Treatment.Web.Hosting;

/// <summary>The yearly report in the host: services for the analyst pages (mapped with the back office), the run job and the January recurring job.</summary>
public static class ReportsExtensions
{
    public static IServiceCollection AddTreatmentReports(this IServiceCollection services, TreatmentFolders folders)
    {
        services.AddSingleton(sp => ReportVersions.From(sp.GetRequiredService<WorkflowCatalog>(), Path.Combine(folders.Workflows, "calendar")));
        services.AddTransient<YearlyReportJob>();
        services.AddTransient(sp => new YearlyReportBuilder(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Treatment.Core.Workflows.WorkflowCatalog>()));
        services.AddTransient<ReportRunStore>();
        services.AddTransient<RollupFolder>();
        return services;
    }

    /// <summary>Registers the January job and the minutely rollup fold where jobs run (roles all and worker).</summary>
    public static WebApplication UseTreatmentReports(this WebApplication app, bool runsJobs)
    {
        if (runsJobs)
        {
            YearlyReportJob.Register(app.Services.GetRequiredService<IRecurringJobManager>());
            RollupFolder.Register(app.Services.GetRequiredService<IRecurringJobManager>());
        }

        return app;
    }
}
