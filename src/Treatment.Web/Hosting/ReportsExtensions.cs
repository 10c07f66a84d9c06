using Hangfire;
using Treatment.Core.Reports;

namespace Treatment.Web.Hosting;

/// <summary>The yearly report in the host: the January recurring job and the minutely fold (services: AddTreatmentCore).</summary>
public static class ReportsExtensions
{
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
