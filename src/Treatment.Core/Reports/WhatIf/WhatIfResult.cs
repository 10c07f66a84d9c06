namespace Treatment.Core.Reports.WhatIf;

/// <summary>Figures of one agency, kind and affair: recorded beside replayed under the proposal.</summary>
public sealed record WhatIfGroup(
    string AgencyCode,
    string AgencyName,
    string Kind,
    string? AffairCode,
    string? AffairName,
    long Petitions,
    long Decided,
    long OnTimeRecorded,
    long OnTimeProposed,
    long TurnedLate,
    long TurnedOnTime,
    long DuesEarlier,
    long DuesLater,
    long OpenOverdueRecorded,
    long OpenOverdueProposed);

/// <summary>How often a workflow milestone (reminder, escalation …) fires in an agency: recorded dues beside the proposal.</summary>
public sealed record WhatIfMilestone(string AgencyCode, string Milestone, long Recorded, long Proposed);

/// <summary>What changed for one petition, named by its receipt number only (analysts see no petition content).</summary>
public sealed record WhatIfExample(string ReceiptNumber, string Change, DateTimeOffset? RecordedDue, DateTimeOffset? ProposedDue);

/// <summary>The kinds of change an example shows.</summary>
public static class WhatIfChanges
{
    public const string DueMoved = "due-moved";
    public const string TurnedLate = "turned-late";
    public const string TurnedOnTime = "turned-on-time";
}

/// <summary>The result of replaying a year under a proposal: totals, groups, milestones and examples.</summary>
public sealed record WhatIfResult
{
    public required int Year { get; init; }

    public required WhatIfProposal Proposal { get; init; }

    public required string ProposalText { get; init; }

    public required string ScopeTitle { get; init; }

    /// <summary>Open petitions count as overdue when their due passed before this instant (the end of the year, or now).</summary>
    public required DateTimeOffset AsOf { get; init; }

    public required long Petitions { get; init; }

    /// <summary>Petitions whose clock is paused (an open excluded span) or has no due: replayed but not compared.</summary>
    public required long WithoutDue { get; init; }

    /// <summary>Petitions whose recorded due the replay cannot reproduce (moved by hand, or by a calendar change since withdrawn): not compared.</summary>
    public long Unreproduced { get; init; }

    public required IReadOnlyList<WhatIfGroup> Groups { get; init; }

    public required IReadOnlyList<WhatIfMilestone> Milestones { get; init; }

    public required IReadOnlyList<WhatIfExample> Examples { get; init; }

    public long DuesMoved => Groups.Sum(g => g.DuesEarlier + g.DuesLater);

    public long OnTimeRecorded => Groups.Sum(g => g.OnTimeRecorded);

    public long OnTimeProposed => Groups.Sum(g => g.OnTimeProposed);

    public long TurnedLate => Groups.Sum(g => g.TurnedLate);

    public long TurnedOnTime => Groups.Sum(g => g.TurnedOnTime);
}
