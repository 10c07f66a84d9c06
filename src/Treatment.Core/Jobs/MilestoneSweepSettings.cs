namespace Treatment.Core.Jobs;

/// <summary>How the milestone sweep claims work (section "Treatment:Jobs:Sweep").</summary>
public sealed class MilestoneSweepSettings
{
    /// <summary>Petitions claimed per transaction: large enough to amortise the round trips, small enough to keep locks short.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A run stops after this many batches; the next minute's run takes the rest.</summary>
    public int MaxBatchesPerRun { get; set; } = 1000;

    /// <summary>A backlog at least this large is shared with fire-and-forget jobs so that every worker machine helps.</summary>
    public int FanOutThreshold { get; set; } = 20_000;

    /// <summary>Extra drain jobs enqueued for a large backlog (0: never fan out).</summary>
    public int FanOutJobs { get; set; } = 3;
}
