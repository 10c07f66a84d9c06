using System.ComponentModel.DataAnnotations;
using Treatment.Core.Jobs;

namespace Treatment.Core.Hosting;

/// <summary>Job settings for many servers (section "Treatment:Jobs"); the worker count is Treatment:JobWorkers.</summary>
public sealed class JobsOptions : IValidatableObject
{
    public const string Section = "Treatment:Jobs";

    /// <summary>How often an idle worker asks the queue for work; shorter reacts faster, each poll is a query per worker.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the scheduler moves due delayed jobs to the queue (one server at a time holds its lock).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A worker-only process beside full servers: runs workers but none of the storage processes (schedulers, expiration).</summary>
    public bool LightweightServer { get; set; }

    /// <summary>Connections the pool must offer beyond one per worker (server heartbeats, schedulers, the web side).</summary>
    [Range(0, 1000)]
    public int PoolHeadroom { get; set; } = 10;

    /// <summary>Time zone of the recurring jobs' cron expressions (the monthly check runs on KST dates).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>On shutdown, running jobs get this long to finish before their cancellation token fires (they then stop between batches).</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>On shutdown, the job server waits this long in all (under the host's Treatment:ShutdownTimeout); an aborted job goes back to its queue.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(25);

    public MilestoneSweepSettings Sweep { get; set; } = new();

    public OutboxSettings Outbox { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a time zone this machine knows (e.g. Asia/Seoul)", [nameof(TimeZone)]);
        }
    }
}
