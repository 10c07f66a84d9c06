using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>One milestone occurrence of a petition under its current clock: name (with "@n" for repeats), instant, definition.</summary>
public sealed record PlannedMilestone(string Name, DateTimeOffset At, MilestoneDefinition Definition, int Order, int Occurrence);

/// <summary>
/// The full milestone planner: reminders at a fraction of the period, the due, the escalation ladder after the due and
/// obligations with their own limit, all from the petition's pinned workflow version (workflows/*/v*.yaml).
/// </summary>
/// <remarks>
/// A petition's stored next milestone is a cursor into the plan ordered by (instant, position in the file, occurrence).
/// After a clock change the cursor's milestone stays pending wherever it moved, and so does every milestone that now
/// falls at or after the cursor's old instant or after now; the sweep, after applying one, asks for the first strictly after it.
/// </remarks>
public sealed class WorkflowMilestonePlanner(IDeadlineCalculator calculator) : IMilestonePlanner
{
    /// <summary>Repeating milestones (progress notices) are planned at most this many times (≈ 16 years of 30 days).</summary>
    private const int MaxOccurrences = 200;

    public IDeadlineCalculator Calculator { get; } = calculator;

    public MilestonePlan Plan(Petition petition, WorkflowDefinition definition, DateTimeOffset now)
    {
        if (!petition.IsOpen)
        {
            return new MilestonePlan(null, null);
        }

        var cursorAt = petition.NextMilestoneAt;
        var cursorName = petition.NextMilestone;

        // Anything still ahead of now is pending too: a milestone left out while the clock was paused comes back on resume.
        var notBefore = cursorAt is { } c && c < now ? c : now;
        PlannedMilestone? best = null;
        foreach (var candidate in Enumerate(petition, definition, cursorAt is null ? DateTimeOffset.MinValue : notBefore))
        {
            var pending = cursorAt is null
                || candidate.Name == cursorName
                || candidate.At >= now
                || candidate.At > cursorAt.Value
                || (candidate.At == cursorAt.Value && !IsBeforeCursor(candidate, cursorName, definition));
            if (pending && (best is null || Compare(candidate, best) < 0))
            {
                best = candidate;
            }
        }

        return best is null ? new MilestonePlan(null, null) : new MilestonePlan(best.At.ToUniversalTime(), best.Name);
    }

    /// <summary>The first milestone strictly after the one just applied (same clock generation, so the same plan).</summary>
    public MilestonePlan PlanAfter(Petition petition, WorkflowDefinition definition, string applied, DateTimeOffset appliedAt)
    {
        if (!petition.IsOpen)
        {
            return new MilestonePlan(null, null);
        }

        var (order, occurrence) = Position(applied, definition);
        PlannedMilestone? best = null;
        // Strictly later: a repeating milestone's next occurrence never falls on the one just applied.
        foreach (var candidate in Enumerate(petition, definition, appliedAt.AddTicks(1)))
        {
            var after = candidate.At > appliedAt
                || (candidate.At == appliedAt && (candidate.Order > order || (candidate.Order == order && candidate.Occurrence > occurrence)));
            if (after && candidate.Name != applied && (best is null || Compare(candidate, best) < 0))
            {
                best = candidate;
            }
        }

        return best is null ? new MilestonePlan(null, null) : new MilestonePlan(best.At.ToUniversalTime(), best.Name);
    }

    /// <summary>Finds a milestone definition by its planned name ("due", "progress-notice@3").</summary>
    public static MilestoneDefinition? Find(WorkflowDefinition definition, string plannedName)
    {
        var (order, _) = Position(plannedName, definition);
        return order >= 0 ? definition.Milestones[order] : null;
    }

    /// <summary>
    /// Every milestone that applies to the petition now, with its instant (unordered); of a repeating one, the first
    /// occurrence at or after <paramref name="notBefore"/>. With <paramref name="anchoredBy"/>, milestones anchored later
    /// are left out without counting their offset (they cannot fall by then: offsets are never negative).
    /// </summary>
    public IEnumerable<PlannedMilestone> Enumerate(Petition petition, WorkflowDefinition definition, DateTimeOffset notBefore, DateTimeOffset? anchoredBy = null)
    {
        for (var order = 0; order < definition.Milestones.Length; order++)
        {
            var milestone = definition.Milestones[order];
            if (!IsLive(petition, definition, milestone) || Anchor(petition, definition, milestone) is not { } anchor || anchor > anchoredBy)
            {
                continue;
            }

            if (milestone.Repeat is not { } repeat || milestone.Offset is not { } offset || repeat.Unit != offset.Unit || repeat.Value <= 0)
            {
                if (At(anchor, milestone.Offset, milestone.Counting) is { } at)
                {
                    yield return new PlannedMilestone(milestone.Name, at, milestone, order, 0);
                }

                continue;
            }

            // Repeats (progress notices): only the first occurrence at or after notBefore can be the next one.
            for (var k = 0; k < MaxOccurrences; k++)
            {
                var length = new TreatmentPeriod(offset.Unit, offset.Value + k * repeat.Value);
                if (At(anchor, length, milestone.Counting) is not { } at)
                {
                    break;
                }

                if (at >= notBefore)
                {
                    yield return new PlannedMilestone($"{milestone.Name}@{k + 1}", at, milestone, order, k + 1);
                    break;
                }
            }
        }
    }

    private static bool IsLive(Petition petition, WorkflowDefinition definition, MilestoneDefinition milestone)
    {
        switch (milestone.Anchor)
        {
            case MilestoneAnchor.StateEntered when milestone.State != petition.State:
                return false;
            case MilestoneAnchor.StateEnds when milestone.State != petition.State || petition.StateEndsOn is null:
                return false;
            case MilestoneAnchor.Period or MilestoneAnchor.Due when petition.ClockState != ClockState.Running || petition.DueAt is null:
                // A paused clock has no due yet (rulebook §3.1): the resume plans these again.
                return false;
        }

        // An obligation is live while one of its discharging triggers can still be fired; the sweep checks the audit trail for the rest.
        return milestone.Until.IsDefaultOrEmpty
            || definition.TransitionsFrom(petition.State).Any(t => milestone.Until.Contains(t.Trigger));
    }

    private static DateTimeOffset? Anchor(Petition petition, WorkflowDefinition definition, MilestoneDefinition milestone) => milestone.Anchor switch
    {
        MilestoneAnchor.Period when milestone.Fraction is { } fraction && petition.DueAt is { } due =>
            // A fraction of the current count's span (from receipt, or its restart) to the due, to the minute.
            (petition.ClockStartedAt ?? petition.ReceivedAt) + TimeSpan.FromMinutes(Math.Floor((due - (petition.ClockStartedAt ?? petition.ReceivedAt)).TotalMinutes * (double)fraction)),
        MilestoneAnchor.Period => null,
        MilestoneAnchor.Due => petition.DueAt,
        MilestoneAnchor.Received => petition.ReceivedAt,
        // The limit's last day is whole: the state ends as the next day begins (KST).
        MilestoneAnchor.StateEnds => petition.StateEndsOn is { } last
            ? new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), DeadlineCalculator.KstOffset)
            : null,
        // The initial state is entered on arrival (Decree §6⑦); a later state on the last change of the petition.
        _ => milestone.State == definition.InitialState ? petition.ArrivedAt : petition.UpdatedAt,
    };

    private DateTimeOffset? At(DateTimeOffset anchor, TreatmentPeriod? offset, MilestoneCounting counting)
    {
        if (offset is not { } length || (length.Unit != PeriodUnit.Immediate && length.Value == 0))
        {
            return anchor;
        }

        var mode = counting == MilestoneCounting.Calendar && length.Unit != PeriodUnit.Hours && length.Unit != PeriodUnit.Immediate
            ? CountingMode.Civil
            : CountingMode.Statutory;
        var result = Calculator.Compute(new DeadlineRequest(anchor, length, [], mode, []));
        return result.IsSuccess ? result.Value!.Due : null;
    }

    private static bool IsBeforeCursor(PlannedMilestone candidate, string? cursorName, WorkflowDefinition definition)
    {
        if (cursorName is null)
        {
            return false;
        }

        var (order, occurrence) = Position(cursorName, definition);
        return candidate.Order < order || (candidate.Order == order && candidate.Occurrence < occurrence);
    }

    private static (int Order, int Occurrence) Position(string plannedName, WorkflowDefinition definition)
    {
        var at = plannedName.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? plannedName : plannedName[..at];
        var occurrence = at < 0 ? 0 : int.TryParse(plannedName.AsSpan(at + 1), out var n) ? n : 0;
        for (var i = 0; i < definition.Milestones.Length; i++)
        {
            if (definition.Milestones[i].Name == name)
            {
                return (i, occurrence);
            }
        }

        return (-1, occurrence);
    }

    private static int Compare(PlannedMilestone a, PlannedMilestone b)
    {
        var byTime = a.At.CompareTo(b.At);
        if (byTime != 0)
        {
            return byTime;
        }

        return a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Occurrence.CompareTo(b.Occurrence);
    }
}
