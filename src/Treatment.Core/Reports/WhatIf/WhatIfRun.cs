namespace Treatment.Core.Reports.WhatIf;

/// <summary>A stored what-if replay, like a report run: parameters, versions used, status, progress and the result as JSON.</summary>
public sealed class WhatIfRun
{
    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>The agency the replay was narrowed to; null: every agency.</summary>
    public int? AgencyId { get; set; }

    /// <summary>The proposal as JSON.</summary>
    public required string Proposal { get; set; }

    public required string Status { get; set; }

    public int ProgressPercent { get; set; }

    public string? CalendarVersion { get; set; }

    public string? DefinitionVersions { get; set; }

    /// <summary>The result as JSON (figures and receipt numbers only).</summary>
    public string? Content { get; set; }

    public string? Error { get; set; }

    public Guid? RequestedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
