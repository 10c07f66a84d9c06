using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Workflows;

/// <summary>
/// Finds a transition by what its definition says it does (clock, effects, decision, notices), so that code playing
/// petitions through a workflow (demo data, the generator) never spells a trigger's name.
/// </summary>
public static class TransitionPicks
{
    public static bool Receipt(TransitionDefinition t) => t.Clock.Kind == ClockEffectKind.Start;

    public static bool Resumes(TransitionDefinition t) => t.Clock.Kind == ClockEffectKind.Resume;

    /// <summary>A move that records nothing besides the new state (routing to the department, closing after the objection period).</summary>
    public static bool Advance(TransitionDefinition t) => !t.Stays && t.Decision is null && t.Effects.IsDefaultOrEmpty;

    public static Func<TransitionDefinition, bool> With<TEffect>() where TEffect : TriggerEffect => t => t.Has<TEffect>();

    public static Func<TransitionDefinition, bool> Deciding(params DecisionOutcome[] outcomes) => t => t.Decision is { } d && outcomes.Contains(d);

    public static Func<TransitionDefinition, bool> SendsResultNotice(WorkflowDefinition definition) =>
        t => definition.ResultNotice is { } notice && t.Notices.Contains(notice);

    /// <summary>An answer given on the spot sends no written result notice (Act §27, Decree §31); a written answer does.</summary>
    public static Func<TransitionDefinition, bool> Answering(WorkflowDefinition definition, bool onTheSpot) =>
        t => t.Decision == DecisionOutcome.Answered && SendsResultNotice(definition)(t) != onTheSpot;

    /// <summary>The first transition from <paramref name="state"/> that <paramref name="pick"/> accepts, in file order.</summary>
    public static TransitionDefinition? Pick(this WorkflowDefinition definition, string state, Func<TransitionDefinition, bool> pick) =>
        definition.TransitionsFrom(state).FirstOrDefault(pick);
}
