using System.ComponentModel.DataAnnotations;

namespace Treatment.Core.Hosting;

/// <summary>What a host process does: serve pages and API, run jobs, or both.</summary>
public enum HostRole
{
    All,
    Web,
    Worker,
}

/// <summary>Settings of section "Treatment", validated at start-up.</summary>
public sealed class TreatmentOptions
{
    public const string Section = "Treatment";

    /// <summary>Npgsql connection string; the environment variable TREATMENT_DB overrides it.</summary>
    [Required(ErrorMessage = "must name a PostgreSQL database (or set TREATMENT_DB)")]
    public string Database { get; set; } = "";

    public HostRole Role { get; set; } = HostRole.All;

    /// <summary>Folder holding workflows/ (definitions, calendar, standards); found upward from the content root when empty.</summary>
    public string? WorkflowsFolder { get; set; }

    /// <summary>Folder holding templates/ (notices, reports).</summary>
    public string? TemplatesFolder { get; set; }

    /// <summary>Apply pending migrations at start (under an advisory lock, so many processes may start at once).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Seed the demo data set when the database holds no agency yet. Never on in production.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Demo petitions registered through the petition service when the demo data is seeded; unset: 300 (0 in the Testing environment).</summary>
    [Range(0, 1_000_000)]
    public int? DemoPetitionCount { get; set; }

    /// <summary>Hangfire worker count for worker and all roles.</summary>
    [Range(1, 200)]
    public int JobWorkers { get; set; } = 4;

    /// <summary>
    /// Connections for the officials' inbox reads; unset means the processor count. Few connections keep the
    /// inbox's latency steady when many officials load it at once (the server runs as many queries as it has cores).
    /// </summary>
    [Range(1, 200)]
    public int? InboxReadConnections { get; set; }
}
