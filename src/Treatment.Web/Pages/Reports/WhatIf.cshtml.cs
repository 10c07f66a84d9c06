using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Reports;
using Treatment.Core.Reports.WhatIf;
using Treatment.Core.Workflows;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Reports;

/// <summary>Analysts replay a year under a proposal (workflow version, treatment-standards file, holidays) and see recent replays.</summary>
public sealed class WhatIfModel(WhatIfService service, WhatIfReplay replay, ReportRunStore reports, WorkflowCatalog catalog, IBackgroundJobClient jobs, TimeProvider time) : PageModel
{
    [BindProperty]
    [Range(2000, 2100)]
    public int Year { get; set; }

    /// <summary>kind@version, or empty for the recorded versions.</summary>
    [BindProperty]
    public string? Workflow { get; set; }

    /// <summary>Dates separated by spaces or commas (YYYY-MM-DD).</summary>
    [BindProperty]
    [StringLength(400)]
    public string? Holidays { get; set; }

    [BindProperty]
    [StringLength(40)]
    public string? AgencyCode { get; set; }

    [BindProperty]
    public IFormFile? Standards { get; set; }

    public IReadOnlyList<string> WorkflowChoices => catalog.All.Select(d => $"{d.Id}@{d.Version}").ToList();

    public IReadOnlyList<WhatIfRunView> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = await reports.LatestYearWithDataAsync(ct) ?? Core.Reports.RollupWriter.DateOf(time.GetUtcNow()).Year;
        Runs = await service.RecentAsync(User.ToActor(), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var proposal = ModelState.IsValid ? await ProposalAsync(ct) : null;
        long runId = 0;
        if (proposal is not null)
        {
            try
            {
                runId = await service.StartAsync(actor, Year, proposal, AgencyCode, ct);
            }
            catch (BackOfficeInputException ex)
            {
                foreach (var error in ex.Errors)
                {
                    ModelState.AddModelError(error.Field, $"{error.Message.Ko} ({error.Message.En})");
                }
            }
        }

        if (!ModelState.IsValid || runId == 0)
        {
            Runs = await service.RecentAsync(actor, ct);
            return Page();
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(IndexModel.InlineBudget);
        try
        {
            await service.CompleteAsync(runId, null, budget.Token);
            return RedirectToPage("WhatIfRun", new { id = runId });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A long year: the job server completes it; the run page shows its progress.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return RedirectToPage("WhatIfRun", new { id = runId });
        }

        jobs.Enqueue<WhatIfJob>(job => job.CompleteRunAsync(runId, CancellationToken.None));
        return RedirectToPage("WhatIfRun", new { id = runId });
    }

    private async Task<WhatIfProposal?> ProposalAsync(CancellationToken ct)
    {
        ProposedWorkflow? workflow = null;
        if (!string.IsNullOrWhiteSpace(Workflow) && !ProposedWorkflow.TryParse(Workflow, out workflow))
        {
            ModelState.AddModelError(nameof(Workflow), "종류@버전 형식이어야 합니다 (kind@version).");
        }

        var dates = new List<DateOnly>();
        foreach (var text in (Holidays ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (ClockInput.TryParseDate(text, out var date))
            {
                dates.Add(date);
            }
            else
            {
                ModelState.AddModelError(nameof(Holidays), $"'{text}': YYYY-MM-DD 형식이어야 합니다 (a date as YYYY-MM-DD).");
            }
        }

        var proposal = new WhatIfProposal { Workflow = workflow, Holidays = dates };
        if (Standards is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var (periods, problems) = WhatIfProposal.PeriodsFromStandards(reader, await replay.CurrentPeriodsAsync(ct));
            foreach (var problem in problems.Take(5))
            {
                ModelState.AddModelError(nameof(Standards), problem);
            }

            proposal = proposal with { Periods = periods, StandardsFile = Path.GetFileName(file.FileName) };
        }

        if (proposal.IsEmpty && ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(Holidays), "워크플로, 처리기준표 또는 공휴일 중 하나 이상을 제안하세요 (propose a workflow, standards or a holiday).");
        }

        return ModelState.IsValid ? proposal : null;
    }
}
