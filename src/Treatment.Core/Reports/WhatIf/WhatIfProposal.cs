using System.Globalization;
using System.Text.Json.Serialization;
using Treatment.Core.Affairs;
using Treatment.Core.Clock;
using Treatment.Core.Workflows;

namespace Treatment.Core.Reports.WhatIf;

/// <summary>A proposed workflow version for one kind, e.g. other@2 (the kind's petitions replayed on it).</summary>
public sealed record ProposedWorkflow(string Id, int Version)
{
    public override string ToString() => $"{Id}@{Version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses "kind@N".</summary>
    public static bool TryParse(string? text, out ProposedWorkflow? workflow)
    {
        workflow = null;
        var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (text is null || at <= 0 || !int.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
        {
            return false;
        }

        workflow = new ProposedWorkflow(text[..at], version);
        return true;
    }
}

/// <summary>A treatment period proposed for one affair (from a proposed treatment-standards file).</summary>
public sealed record ProposedPeriod(string AffairCode, PeriodUnit Unit, int Value)
{
    [JsonIgnore]
    public TreatmentPeriod Period => new(Unit, Value);
}

/// <summary>
/// What a what-if replay changes (Act §41 simplification plans): a workflow version, treatment periods of affairs, holidays
/// added to the calendar. Any combination; an empty proposal replays the year as it is (the recorded figures come back).
/// </summary>
public sealed record WhatIfProposal
{
    public ProposedWorkflow? Workflow { get; init; }

    public IReadOnlyList<ProposedPeriod> Periods { get; init; } = [];

    /// <summary>Name of the standards file the periods came from (shown with the run).</summary>
    public string? StandardsFile { get; init; }

    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    public bool IsEmpty => Workflow is null && Periods.Count == 0 && Holidays.Count == 0;

    /// <summary>One line in Korean and English, e.g. "임시공휴일 2025-10-10 (temporary holiday)".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Workflow is not null)
        {
            parts.Add($"워크플로 {Workflow} (workflow)");
        }

        if (Periods.Count > 0)
        {
            parts.Add($"처리기간 {Periods.Count}개 사무 {StandardsFile} (treatment periods of {Periods.Count} affairs)");
        }

        if (Holidays.Count > 0)
        {
            parts.Add($"임시공휴일 {string.Join(", ", Holidays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))} (temporary holiday)");
        }

        return parts.Count == 0 ? "변경 없음 (no change: the year as recorded)" : string.Join("; ", parts);
    }

    /// <summary>Checks the proposal against the catalogue: the workflow version exists and belongs to a known kind.</summary>
    public IReadOnlyList<string> Problems(WorkflowCatalog catalog)
    {
        var problems = new List<string>();
        if (Workflow is { } w && catalog.TryGet(w.Id, w.Version) is null)
        {
            problems.Add($"워크플로 {w}가 없습니다 (no workflow {w}; known: {string.Join(", ", catalog.All.Select(d => $"{d.Id}@{d.Version}"))})");
        }

        if (Holidays.Distinct().Count() != Holidays.Count)
        {
            problems.Add("같은 날짜가 두 번 있습니다 (a date is given twice)");
        }

        return problems;
    }

    /// <summary>The periods of a proposed standards file (the affairs.csv format) that differ from the current catalogue.</summary>
    public static (IReadOnlyList<ProposedPeriod> Periods, IReadOnlyList<string> Problems) PeriodsFromStandards(
        TextReader standards, IReadOnlyDictionary<string, TreatmentPeriod?> currentPeriods)
    {
        var parsed = AffairsCatalogImporter.Parse(standards, new HashSet<string>(StringComparer.Ordinal));
        var problems = parsed.Problems.Select(p => $"{p.Line}행 {p.Code}: {p.Message}").ToList();
        var periods = new List<ProposedPeriod>();
        foreach (var affair in parsed.Affairs)
        {
            if (affair.Period is not { } period)
            {
                continue;
            }

            if (!currentPeriods.TryGetValue(affair.Code, out var current))
            {
                problems.Add($"{affair.Code}: 현재 처리기준표에 없는 사무입니다 (not in the current standards)");
                continue;
            }

            if (current != period)
            {
                periods.Add(new ProposedPeriod(affair.Code, period.Unit, period.Value));
            }
        }

        return (periods, problems);
    }
}
