namespace Treatment.Core.Reports;

/// <summary>Which petitions a report covers: every agency, one agency, or an agency with its subordinate agencies (ParentId).</summary>
public enum ReportScopeKind
{
    All,
    Agency,
    Ministry,
}

public sealed record ReportScope(ReportScopeKind Kind, string? AgencyCode)
{
    public static ReportScope All { get; } = new(ReportScopeKind.All, null);

    public string Name => Kind == ReportScopeKind.All ? "all" : Kind == ReportScopeKind.Agency ? "agency" : "ministry";
}

/// <summary>One figure for the report year beside the previous year's; Keys say what it counts (kind, figure name …).</summary>
public sealed record ReportRow(IReadOnlyList<string> Keys, decimal? Current, decimal? Previous);

/// <summary>A table of figures; every table has key columns followed by the year and the previous year.</summary>
public sealed record ReportTable(string Id, string TitleKo, string TitleEn, IReadOnlyList<string> KeyColumns, IReadOnlyList<ReportRow> Rows)
{
    public ReportRow? Find(params string[] keys) => Rows.FirstOrDefault(r => r.Keys.SequenceEqual(keys));
}

public sealed record ReportSection(string Id, string TitleKo, string TitleEn, IReadOnlyList<ReportTable> Tables);

/// <summary>Petitions received online and offline in one year (the channel trend).</summary>
public sealed record ChannelTrendPoint(int Year, long Online, long Offline)
{
    public decimal OnlineShare => Online + Offline == 0 ? 0 : Math.Round(100m * Online / (Online + Offline), 1);
}

/// <summary>What a figure means, in Korean and English; the appendix lists one per figure.</summary>
public sealed record ReportDefinition(string Figure, string Ko, string En);

/// <summary>A figure that differs from the last frozen run of the same year and scope.</summary>
public sealed record ReportChange(string Table, string Keys, decimal? Before, decimal? After);

/// <summary>The yearly treatment-state inspection report (Act §41, Decree §48; rulebook §10).</summary>
public sealed record YearlyReport
{
    public required int Year { get; init; }

    public int PreviousYear => Year - 1;

    public required ReportScope Scope { get; init; }

    public required string ScopeTitle { get; init; }

    /// <summary>Open overdue petitions are counted as of this instant (the end of the year, or now if earlier).</summary>
    public required DateTimeOffset AsOf { get; init; }

    public required IReadOnlyList<ReportSection> Sections { get; init; }

    public required IReadOnlyList<ChannelTrendPoint> ChannelTrend { get; init; }

    public required IReadOnlyList<ReportDefinition> Appendix { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> FactMap { get; init; }

    /// <summary>Changes since the last frozen run, filled when the run is frozen; empty for the first run.</summary>
    public IReadOnlyList<ReportChange> ChangesSinceLastRun { get; init; } = [];

    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>The benefit estimate with the assumptions of this run (absent from runs made before it existed).</summary>
    public BenefitEstimate? Benefits { get; init; }

    public ReportTable Table(string id) => Sections.SelectMany(s => s.Tables).FirstOrDefault(t => t.Id == id)
        ?? throw new KeyNotFoundException($"no report table '{id}'");
}
