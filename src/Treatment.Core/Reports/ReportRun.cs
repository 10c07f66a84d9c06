namespace Treatment.Core.Reports;

/// <summary>A frozen run of the yearly inspection report: parameters, versions used, checksum and output.</summary>
public sealed class ReportRun
{
    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>all, agency or ministry.</summary>
    public required string Scope { get; set; }

    public string? AgencyCode { get; set; }

    public required string Status { get; set; }

    public int ProgressPercent { get; set; }

    public string? Parameters { get; set; }

    public string? CalendarVersion { get; set; }

    public string? DefinitionVersions { get; set; }

    public string? Checksum { get; set; }

    /// <summary>The report data as JSON (every figure); HTML and CSV are rendered from it.</summary>
    public string? Content { get; set; }

    public string? Error { get; set; }

    public Guid? RequestedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
