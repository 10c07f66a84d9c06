using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Reports.WhatIf;

/// <summary>
/// Replays petitions under a proposal, in memory: the due of each petition's current count is recomputed from its
/// receipt (or restart), excluded spans and extensions with the proposed calendar, periods and workflow version, and
/// compared with the due recorded; a decision counts as on time when it came no later than the due (as in the report).
/// A milestone counts as fired when its instant is no later than the decision (or the close, or the as-of instant).
/// Pure: nothing is read or written here, and one replayer serves one thread.
/// </summary>
public sealed class WhatIfReplayer
{
    private readonly WorkflowCatalog _catalog;
    private readonly WorkflowMilestonePlanner _recordedPlanner;
    private readonly WorkflowMilestonePlanner _proposedPlanner;
    private readonly IReadOnlyDictionary<int, TreatmentPeriod> _periodsByAffair;
    private readonly WorkflowDefinition? _workflow;
    private readonly DateTimeOffset _asOf;
    private readonly DateOnly[] _holidays;

    public WhatIfReplayer(WorkflowCatalog catalog, IDeadlineCalculator recorded, IDeadlineCalculator proposed, IReadOnlyList<DateOnly> proposedHolidays, IReadOnlyDictionary<int, TreatmentPeriod> periodsByAffair, WorkflowDefinition? workflow, DateTimeOffset asOf)
    {
        _holidays = [.. proposedHolidays];
        _catalog = catalog;
        _recordedPlanner = new WorkflowMilestonePlanner(recorded);
        _proposedPlanner = new WorkflowMilestonePlanner(proposed);
        _periodsByAffair = periodsByAffair;
        _workflow = workflow;
        _asOf = asOf;
    }

    public WhatIfTally Tally { get; } = new();

    /// <summary>Replays one petition as stored (the object is changed in memory: state, period and due are set for the replay).</summary>
    public void Replay(Petition petition, string receiptNumber)
    {
        var group = Tally.Group(petition.AgencyId, petition.Kind.ToString(), petition.AffairId ?? 0);
        group.Petitions++;
        var recordedDefinition = _catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion);
        var pausedOrUndue = petition.DueAt is null || petition.Exclusions.Any(s => s.To is null) || recordedDefinition is null;
        if (pausedOrUndue)
        {
            Tally.WithoutDue++;
            return;
        }

        var recordedDue = petition.DueAt!.Value;
        if (!ReproducesRecordedDue(petition, recordedDefinition!, recordedDue))
        {
            // Moved by hand or by a calendar change the live calendar no longer holds: not comparable.
            Tally.Unreproduced++;
            return;
        }

        var proposedDefinition = _workflow is not null && _workflow.Id == petition.WorkflowId ? _workflow : recordedDefinition!;
        var proposedPeriod = ProposedPeriod(petition, proposedDefinition);
        var sameRules = ReferenceEquals(proposedDefinition, recordedDefinition) && proposedPeriod == petition.Period;

        // A count walks the days from its start to its due: a holiday outside them cannot move it (no second count).
        var firstDay = KstDate(Earliest(petition));
        var proposedDue = recordedDue;
        if (!sameRules || HolidayWithin(firstDay, KstDate(recordedDue)))
        {
            var storedPeriod = (petition.PeriodUnit, petition.PeriodValue);
            (petition.PeriodUnit, petition.PeriodValue) = (proposedPeriod.Unit, proposedPeriod.Value);
            proposedDue = Due(petition, proposedDefinition, _proposedPlanner.Calculator) ?? recordedDue;
            (petition.PeriodUnit, petition.PeriodValue) = storedPeriod;
        }

        if (proposedDue < recordedDue)
        {
            group.DuesEarlier++;
        }
        else if (proposedDue > recordedDue)
        {
            group.DuesLater++;
        }

        if (proposedDue != recordedDue)
        {
            Tally.Example(receiptNumber, WhatIfChanges.DueMoved, recordedDue, proposedDue);
        }

        if (petition.DecidedAt is { } decided)
        {
            group.Decided++;
            var wasOnTime = decided <= recordedDue;
            var isOnTime = decided <= proposedDue;
            group.OnTimeRecorded += wasOnTime ? 1 : 0;
            group.OnTimeProposed += isOnTime ? 1 : 0;
            if (wasOnTime && !isOnTime)
            {
                group.TurnedLate++;
                Tally.Example(receiptNumber, WhatIfChanges.TurnedLate, recordedDue, proposedDue);
            }
            else if (!wasOnTime && isOnTime)
            {
                group.TurnedOnTime++;
                Tally.Example(receiptNumber, WhatIfChanges.TurnedOnTime, recordedDue, proposedDue);
            }
        }
        else if (petition.IsOpen)
        {
            group.OpenOverdueRecorded += recordedDue < _asOf ? 1 : 0;
            group.OpenOverdueProposed += proposedDue < _asOf ? 1 : 0;
        }

        var until = petition.DecidedAt ?? petition.ClosedAt ?? _asOf;
        var recordedMilestones = Milestones(petition, recordedDefinition!, recordedDue, _recordedPlanner, until);
        var lastDay = recordedMilestones.Count == 0 ? firstDay : KstDate(recordedMilestones.Max(m => m.At));
        var sameMilestones = sameRules && proposedDue == recordedDue && !HolidayWithin(firstDay, lastDay);
        foreach (var m in recordedMilestones.Where(m => m.At <= until))
        {
            Tally.Milestone(petition.AgencyId, m.Definition.Name, recorded: true, proposed: sameMilestones);
        }

        if (!sameMilestones)
        {
            foreach (var m in Milestones(petition, proposedDefinition, proposedDue, _proposedPlanner, until).Where(m => m.At <= until))
            {
                Tally.Milestone(petition.AgencyId, m.Definition.Name, recorded: false, proposed: true);
            }
        }
    }

    private static DateTimeOffset Earliest(Petition petition)
    {
        var earliest = petition.ArrivedAt < petition.ReceivedAt ? petition.ArrivedAt : petition.ReceivedAt;
        return petition.ClockStartedAt is { } started && started < earliest ? started : earliest;
    }

    private static DateOnly KstDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(DeadlineCalculator.KstOffset).DateTime);

    /// <summary>Whether a proposed holiday falls on a day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private bool HolidayWithin(DateOnly from, DateOnly to)
    {
        foreach (var day in _holidays)
        {
            if (day >= from && day <= to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Finds the spans the recorded count left out: a due is recomputed when the clock starts, resumes, is extended or
    /// restarts, but not when it stops, so a span closed by the decision itself (the clock stopped while paused) was never
    /// counted; without it the recorded due comes back. The petition keeps the spans that reproduce the recorded due.
    /// </summary>
    private bool ReproducesRecordedDue(Petition petition, WorkflowDefinition definition, DateTimeOffset recordedDue)
    {
        if (Due(petition, definition, _recordedPlanner.Calculator) == recordedDue)
        {
            return true;
        }

        if (petition.Exclusions.Count == 0)
        {
            return false;
        }

        var all = petition.Exclusions;
        petition.Exclusions = all[..^1];
        if (Due(petition, definition, _recordedPlanner.Calculator) == recordedDue)
        {
            return true;
        }

        petition.Exclusions = all;
        return false;
    }

    private static DateTimeOffset? Due(Petition petition, WorkflowDefinition definition, IDeadlineCalculator calculator) =>
        PetitionClock.Due(petition, definition, calculator) is { IsSuccess: true } result ? result.Value!.Due : null;

    /// <summary>The period of the original count under the proposal: the proposed affair period, or the proposed workflow's own rule.</summary>
    private TreatmentPeriod ProposedPeriod(Petition petition, WorkflowDefinition definition)
    {
        if (definition.Period.Kind == PeriodRuleKind.AffairsCatalogue)
        {
            return petition.AffairId is { } affair && _periodsByAffair.TryGetValue(affair, out var period) ? period : petition.Period;
        }

        // A proposed version of a kind with its own period rule gives the period; the recorded version reproduces the stored one.
        return ReferenceEquals(definition, _workflow) ? definition.Period.PeriodFor(petition.SubKind) ?? petition.Period : petition.Period;
    }

    /// <summary>The milestones as planned while the count runs (the petition in its initial state with the due replayed), anchored by <paramref name="until"/>.</summary>
    private static List<PlannedMilestone> Milestones(Petition petition, WorkflowDefinition definition, DateTimeOffset due, WorkflowMilestonePlanner planner, DateTimeOffset until)
    {
        var (state, clock, dueAt) = (petition.State, petition.ClockState, petition.DueAt);
        (petition.State, petition.ClockState, petition.DueAt) = (definition.InitialState, ClockState.Running, due);
        var planned = planner.Enumerate(petition, definition, petition.ReceivedAt, until).ToList();
        (petition.State, petition.ClockState, petition.DueAt) = (state, clock, dueAt);
        return planned;
    }
}

/// <summary>Running sums of a replay; tallies of several threads are merged at the end.</summary>
public sealed class WhatIfTally
{
    /// <summary>Examples kept per kind of change (the lowest receipt numbers win, so the choice does not depend on threads).</summary>
    public const int ExamplesPerChange = 50;

    public sealed class GroupSums
    {
        public long Petitions, Decided, OnTimeRecorded, OnTimeProposed, TurnedLate, TurnedOnTime, DuesEarlier, DuesLater, OpenOverdueRecorded, OpenOverdueProposed;

        public void Add(GroupSums o)
        {
            Petitions += o.Petitions; Decided += o.Decided; OnTimeRecorded += o.OnTimeRecorded; OnTimeProposed += o.OnTimeProposed;
            TurnedLate += o.TurnedLate; TurnedOnTime += o.TurnedOnTime; DuesEarlier += o.DuesEarlier; DuesLater += o.DuesLater;
            OpenOverdueRecorded += o.OpenOverdueRecorded; OpenOverdueProposed += o.OpenOverdueProposed;
        }
    }

    public Dictionary<(int Agency, string Kind, int Affair), GroupSums> Groups { get; } = [];

    public Dictionary<(int Agency, string Milestone), (long Recorded, long Proposed)> Milestones { get; } = [];

    public Dictionary<string, SortedList<string, WhatIfExample>> Examples { get; } = new(StringComparer.Ordinal);

    public long WithoutDue { get; set; }

    /// <summary>Petitions whose recorded due the replay cannot reproduce under the recorded definitions and calendar (not compared).</summary>
    public long Unreproduced { get; set; }

    public GroupSums Group(int agency, string kind, int affair)
    {
        if (!Groups.TryGetValue((agency, kind, affair), out var sums))
        {
            Groups[(agency, kind, affair)] = sums = new GroupSums();
        }

        return sums;
    }

    public void Milestone(int agency, string name, bool recorded, bool proposed)
    {
        var (r, p) = Milestones.GetValueOrDefault((agency, name));
        Milestones[(agency, name)] = (r + (recorded ? 1 : 0), p + (proposed ? 1 : 0));
    }

    public void Example(string receiptNumber, string change, DateTimeOffset? recordedDue, DateTimeOffset? proposedDue)
    {
        if (!Examples.TryGetValue(change, out var list))
        {
            Examples[change] = list = new SortedList<string, WhatIfExample>(StringComparer.Ordinal);
        }

        if (list.Count < ExamplesPerChange || string.CompareOrdinal(receiptNumber, list.Keys[^1]) < 0)
        {
            list[receiptNumber] = new WhatIfExample(receiptNumber, change, recordedDue, proposedDue);
            if (list.Count > ExamplesPerChange)
            {
                list.RemoveAt(list.Count - 1);
            }
        }
    }

    public void Add(WhatIfTally other)
    {
        foreach (var (key, sums) in other.Groups)
        {
            Group(key.Agency, key.Kind, key.Affair).Add(sums);
        }

        foreach (var (key, (r, p)) in other.Milestones)
        {
            var (r0, p0) = Milestones.GetValueOrDefault(key);
            Milestones[key] = (r0 + r, p0 + p);
        }

        foreach (var example in other.Examples.Values.SelectMany(l => l.Values))
        {
            Example(example.ReceiptNumber, example.Change, example.RecordedDue, example.ProposedDue);
        }

        WithoutDue += other.WithoutDue;
        Unreproduced += other.Unreproduced;
    }
}
