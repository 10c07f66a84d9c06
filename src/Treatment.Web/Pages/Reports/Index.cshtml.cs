using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Treatment.Core.Reports;

namespace Treatment.Web.Pages.Reports;

/// <summary>Analysts start a yearly report (Act §41) and see recent runs.</summary>
public sealed class IndexModel(ReportRunStore store, ReportVersions versions, NpgsqlDataSource dataSource, IBackgroundJobClient jobs, TimeProvider time) : PageModel
{
    /// <summary>A run that completes within this time is shown at once; a longer one is cancelled here and handed to the job server.</summary>
    public static readonly TimeSpan InlineBudget = TimeSpan.FromSeconds(3);

    [BindProperty]
    [Range(2000, 2100)]
    public int Year { get; set; }

    [BindProperty]
    public ReportScopeKind Scope { get; set; } = ReportScopeKind.All;

    [BindProperty]
    [StringLength(40)]
    public string? AgencyCode { get; set; }

    /// <summary>The benefit estimate's assumptions for this run: the documented defaults, editable.</summary>
    [BindProperty]
    public List<AssumptionInput> Assumptions { get; set; } = [];

    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];

    public sealed class AssumptionInput
    {
        [StringLength(40)]
        public string Key { get; set; } = "";

        [Range(0, 1_000_000_000)]
        public decimal? Value { get; set; }

        [StringLength(300)]
        public string? Source { get; set; }
    }

    public static IReadOnlyList<BenefitAssumption> DefaultAssumptions => BenefitEstimate.Defaults;

    public sealed record RunSummary(long Id, int Year, string Scope, string? AgencyCode, string Status, int Progress, DateTimeOffset CreatedAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = await store.LatestYearWithDataAsync(ct) ?? RollupWriter.DateOf(time.GetUtcNow()).Year;
        Assumptions = BenefitEstimate.Defaults.Select(a => new AssumptionInput { Key = a.Key, Value = a.Value, Source = a.Source }).ToList();
        Runs = await RecentRunsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Scope != ReportScopeKind.All && string.IsNullOrWhiteSpace(AgencyCode))
        {
            ModelState.AddModelError(nameof(AgencyCode), "기관 코드를 입력하세요 (agency code required).");
        }

        if (!ModelState.IsValid)
        {
            Assumptions = Assumptions.Count > 0 ? Assumptions : BenefitEstimate.Defaults.Select(a => new AssumptionInput { Key = a.Key, Value = a.Value, Source = a.Source }).ToList();
            Runs = await RecentRunsAsync(ct);
            return Page();
        }

        var scope = new ReportScope(Scope, Scope == ReportScopeKind.All ? null : AgencyCode!.Trim());
        var userId = Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : (Guid?)null;
        var benefits = BenefitEstimate.WithValues(Assumptions.Where(a => a.Key.Length > 0).GroupBy(a => a.Key)
            .ToDictionary(g => g.Key, g => (g.First().Value, g.First().Source)));
        var runId = await store.StartAsync(Year, scope, userId, ct, benefits);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(InlineBudget);
        try
        {
            await store.CompleteAsync(runId, Year, scope, versions, null, budget.Token);
            return RedirectToPage("Run", new { id = runId });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Slow run: the row stays running with its progress; the job server completes it durably.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run is stored as failed with its message; the run page shows it.
            return RedirectToPage("Run", new { id = runId });
        }

        jobs.Enqueue<YearlyReportJob>(job => job.CompleteRunAsync(runId, Year, scope.Kind, scope.AgencyCode, CancellationToken.None));
        return RedirectToPage("Run", new { id = runId });
    }

    private async Task<IReadOnlyList<RunSummary>> RecentRunsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select id, year, scope, agency_code, status, progress_percent, created_at from report_runs order by id desc limit 20");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<RunSummary>();
        while (await reader.ReadAsync(ct))
        {
            runs.Add(new RunSummary(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return runs;
    }
}
