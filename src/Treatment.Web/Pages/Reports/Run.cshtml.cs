using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Hosting;
using Treatment.Core.Reports;
using Treatment.Web.Hosting;

namespace Treatment.Web.Pages.Reports;

/// <summary>One run: progress while it runs (the page refreshes itself), downloads when it is done.</summary>
public sealed class RunModel(ReportRunStore store, TreatmentFolders folders) : PageModel
{
    public long Id { get; private set; }

    public string Status { get; private set; } = "";

    public int Progress { get; private set; }

    public string? Error { get; private set; }

    public YearlyReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var run = await store.FindAsync(id, ct);
        if (run is null)
        {
            return NotFound();
        }

        (Id, Status, Progress, Report, Error) = (id, run.Value.Status, run.Value.Progress, run.Value.Report, run.Value.Error);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(long id, string format, CancellationToken ct)
    {
        var run = await store.FindAsync(id, ct);
        if (run?.Report is not { } report)
        {
            return NotFound();
        }

        var name = $"yearly-report-{report.Year}-{report.Scope.Name}{(report.Scope.AgencyCode is { } code ? "-" + code : "")}-run{id}";
        return format switch
        {
            "html" => File(Encoding.UTF8.GetBytes(ReportRenderer.ToHtml(report, folders.Templates)), "text/html; charset=utf-8", name + ".html"),
            "json" => File(Encoding.UTF8.GetBytes(ReportRenderer.ToJson(report)), "application/json", name + ".json"),
            "csv" => File(ReportRenderer.ToCsvZip(report), "application/zip", name + ".csv.zip"),
            _ => BadRequest(),
        };
    }
}
