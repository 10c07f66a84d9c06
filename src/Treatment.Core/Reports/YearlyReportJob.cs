using Hangfire;
using Npgsql;

namespace Treatment.Core.Reports;

/// <summary>
/// Hangfire entry points for the yearly report: each January for the previous year, country-wide (Act §41: every
/// year), and a run started from the analyst page. Jobs take ids and plain values, never entities.
/// </summary>
public sealed class YearlyReportJob(NpgsqlDataSource dataSource, ReportVersions versions, TimeProvider time, Workflows.WorkflowCatalog catalog)
{
    public const string RecurringJobId = "yearly-inspection-report";

    /// <summary>2 January, 06:00 KST: the first working morning of the year is free of the night's sweeps.</summary>
    public const string Schedule = "0 6 2 1 *";

    private ReportRunStore Store => new(dataSource, new YearlyReportBuilder(dataSource, time, catalog), time);

    /// <summary>Registers the January run; call once at start-up where the Hangfire server runs.</summary>
    public static void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<YearlyReportJob>(
            RecurringJobId,
            job => job.RunPreviousYearAsync(CancellationToken.None),
            Schedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul") });

    /// <summary>Freezes the report of the year before the current one (KST), for all agencies.</summary>
    public async Task<long> RunPreviousYearAsync(CancellationToken ct)
    {
        var year = RollupWriter.DateOf(time.GetUtcNow()).Year - 1;
        var frozen = await Store.RunAsync(year, ReportScope.All, versions, null, null, ct);
        return frozen.RunId;
    }

    /// <summary>Completes a run the analyst page started (the row exists with status running).</summary>
    public async Task CompleteRunAsync(long runId, int year, ReportScopeKind scope, string? agencyCode, CancellationToken ct)
    {
        await Store.CompleteAsync(runId, year, new ReportScope(scope, agencyCode), versions, null, ct);
    }
}
