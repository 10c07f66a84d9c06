using System.ComponentModel.DataAnnotations;

namespace Treatment.Core.Jobs;

/// <summary>How the milestone sweep claims work (section "Treatment:Jobs:Sweep").</summary>
public sealed class MilestoneSweepSettings
{
    /// <summary>Petitions claimed per transaction: large enough to amortise the round trips, small enough to keep locks short.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>A run stops after this many batches; the next minute's run takes the rest.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchesPerRun { get; set; } = 1000;

    /// <summary>A backlog at least this large is shared with fire-and-forget jobs so that every worker machine helps.</summary>
    [Range(1, int.MaxValue)]
    public int FanOutThreshold { get; set; } = 20_000;

    /// <summary>Extra drain jobs enqueued for a large backlog (0: never fan out).</summary>
    [Range(0, 100)]
    public int FanOutJobs { get; set; } = 3;
}
