namespace Treatment.Core.Reports.WhatIf;

/// <summary>Hangfire entry point: completes a what-if run the page started and could not finish within its budget.</summary>
public sealed class WhatIfJob(WhatIfService service)
{
    public async Task CompleteRunAsync(long runId, CancellationToken ct) => await service.CompleteAsync(runId, null, ct);
}
