using System.Collections.Frozen;
using System.Collections.Immutable;
using Treatment.Core.Clock;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Workflows;

/// <summary>Where a name was written in a workflow file (1-based line and column).</summary>
public sealed record SourceMark(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>A text in Korean first, English second.</summary>
public sealed record LocalizedText(string Ko, string En);

/// <summary>One loaded, validated version of a petition kind's workflow (workflows/&lt;id&gt;/v&lt;N&gt;.yaml).</summary>
public sealed record WorkflowDefinition
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required LocalizedText Title { get; init; }

    public required string Basis { get; init; }

    public required PeriodRule Period { get; init; }

    public required string InitialState { get; init; }

    public required ImmutableArray<StateDefinition> States { get; init; }

    public required ImmutableArray<TransitionDefinition> Transitions { get; init; }

    public required ImmutableArray<MilestoneDefinition> Milestones { get; init; }

    /// <summary>Named statutory limits the guards and clock effects refer to (e.g. objectionDecision = 10d).</summary>
    public required ImmutableDictionary<string, LimitDefinition> Limits { get; init; }

    /// <summary>SHA-256 of the file bytes, lower-case hex: a published version never changes.</summary>
    public required string ContentHash { get; init; }

    public required SourceMark Source { get; init; }

    /// <summary>The notice that reports the result (Act §27): counted per petition, and filled with the earlier decision when sent after it.</summary>
    public string? ResultNotice { get; init; }

    /// <summary>SHA-256 of the companion file v&lt;N&gt;.effects.yaml, or null without one; published, it never changes either.</summary>
    public string? EffectsHash { get; init; }

    private FrozenDictionary<string, TransitionDefinition>? _byTrigger;

    /// <summary>The first transition of a trigger; every transition of one trigger carries the same effects and decision.</summary>
    public TransitionDefinition? FindTransition(string trigger)
    {
        _byTrigger ??= Transitions.DistinctBy(t => t.Trigger).ToFrozenDictionary(t => t.Trigger, StringComparer.Ordinal);
        return _byTrigger.GetValueOrDefault(trigger);
    }

    /// <summary>The triggers that carry an effect, e.g. those whose firing discharges a milestone.</summary>
    public IEnumerable<string> TriggersWith<TEffect>() where TEffect : TriggerEffect =>
        Transitions.Where(t => t.Has<TEffect>()).Select(t => t.Trigger).Distinct();

    public StateDefinition? FindState(string name) => States.FirstOrDefault(s => s.Name == name);

    public IEnumerable<TransitionDefinition> TransitionsFrom(string state) => Transitions.Where(t => t.From.Contains(state));
}

public enum PeriodRuleKind
{
    /// <summary>One period for every petition of the kind (e.g. grievance 7 days).</summary>
    Fixed,

    /// <summary>The period depends on the sub-kind (e.g. inquisitive: statute 14 days, procedure 7 days).</summary>
    BySubKind,

    /// <summary>The period is the one of the affair in the treatment standards table (Act §17, §36).</summary>
    AffairsCatalogue,

    /// <summary>The affair's period, capped at 30 days (prior examination, Decree §34②, <see cref="PriorExaminationPeriod"/>).</summary>
    PriorExamination,
}

public sealed record SubKindPeriod(string Name, LocalizedText Title, TreatmentPeriod Period, string Basis);

public sealed record PeriodRule(PeriodRuleKind Kind, TreatmentPeriod? Fixed, ImmutableArray<SubKindPeriod> SubKinds, string Basis)
{
    /// <summary>The statutory period for a sub-kind, or null when it comes from the affairs catalogue.</summary>
    public TreatmentPeriod? PeriodFor(string? subKind) => Kind switch
    {
        PeriodRuleKind.Fixed => Fixed,
        PeriodRuleKind.BySubKind => SubKinds.FirstOrDefault(s => s.Name == subKind)?.Period,
        _ => null,
    };
}

public enum ClockBehaviour
{
    Running,
    Paused,
    Stopped,
}

public sealed record StateDefinition(
    string Name,
    LocalizedText Title,
    ClockBehaviour Clock,
    ExclusionType? Exclusion,
    bool Terminal,
    SourceMark Source);

public sealed record TransitionDefinition(
    string Trigger,
    ImmutableArray<string> From,
    string? To,
    LocalizedText Title,
    ImmutableArray<WorkflowRole> Roles,
    ImmutableArray<string> Guards,
    ImmutableArray<string> Inputs,
    ClockEffect Clock,
    ImmutableArray<string> Notices,
    string Basis,
    SourceMark Source)
{
    /// <summary>A transition that keeps the petition in its state (extension, progress notice …).</summary>
    public bool Stays => To is null;

    public string Target(string from) => To ?? from;

    /// <summary>What the trigger does beyond state and clock, from the companion effects file.</summary>
    public ImmutableArray<TriggerEffect> Effects { get; init; } = [];

    /// <summary>The decision the trigger records (Act §27), or null when it is not a decision.</summary>
    public DecisionOutcome? Decision { get; init; }

    public bool Has<TEffect>() where TEffect : TriggerEffect => Effects.Any(e => e is TEffect);
}

/// <summary>The outcome a decision trigger records, named in YAML as granted, partly-granted, refused, answered.</summary>
public enum DecisionOutcome
{
    Granted,
    PartlyGranted,
    Refused,
    Answered,
}

public static class DecisionOutcomes
{
    public static readonly IReadOnlyList<DecisionOutcome> All = Enum.GetValues<DecisionOutcome>();

    /// <summary>The YAML name, also the label of the report's decided fact.</summary>
    public static string Name(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Granted => "granted",
        DecisionOutcome.PartlyGranted => "partly-granted",
        DecisionOutcome.Refused => "refused",
        _ => "answered",
    };

    public static DecisionOutcome? Parse(string? name) => All.Cast<DecisionOutcome?>().FirstOrDefault(o => o!.Value.Name() == name);
}

public enum MilestoneAnchor
{
    /// <summary>A fraction of the treatment period after the clock started.</summary>
    Period,

    /// <summary>The due instant, optionally plus an offset.</summary>
    Due,

    /// <summary>The receipt instant plus an offset (obligations with their own limit).</summary>
    Received,

    /// <summary>Entering a named state plus an offset.</summary>
    StateEntered,

    /// <summary>The start of the day after the named state's own last day (<c>Petition.StateEndsOn</c>): its limit ran out.</summary>
    StateEnds,
}

public enum MilestoneCounting
{
    /// <summary>Act §19 counting: working hours / working days.</summary>
    Working,

    /// <summary>Calendar days from the anchor (rulebook §6: progress notices, interp.).</summary>
    Calendar,
}

public sealed record MilestoneDefinition(
    string Name,
    MilestoneAnchor Anchor,
    decimal? Fraction,
    TreatmentPeriod? Offset,
    TreatmentPeriod? Repeat,
    MilestoneCounting Counting,
    string? State,
    string Action,
    ImmutableArray<string> Until,
    string Basis,
    SourceMark Source);

public sealed record LimitDefinition(string Name, TreatmentPeriod Period, MilestoneCounting Counting, string Basis, SourceMark Source);
