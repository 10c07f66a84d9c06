using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Reports;

/// <summary>
/// How audit events become report facts: which trigger counts what is read from the workflow definitions and their
/// effects files (workflows/*/v*.yaml, v*.effects.yaml), never named here.
/// The same table is printed in the report appendix so that every figure can be traced to the events behind it.
/// </summary>
public static class ReportFactMap
{
    /// <summary>
    /// The transition a recorded event fired, in the definition version the event was recorded under: its decision and
    /// effects (workflows/&lt;kind&gt;/v&lt;N&gt;.effects.yaml) say which facts it counts.
    /// </summary>
    public static TransitionDefinition? TransitionOf(WorkflowCatalog catalog, Petition petition, PetitionEvent recorded) =>
        recorded.Trigger is { } trigger
            ? catalog.TryGet(petition.WorkflowId, recorded.WorkflowVersion > 0 ? recorded.WorkflowVersion : petition.WorkflowVersion)?.FindTransition(trigger)
            : null;

    /// <summary>Trigger → fact for every loaded definition, as <see cref="RollupWriter.Facts"/> applies it (the report appendix prints it).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(WorkflowCatalog catalog)
    {
        var rows = new List<KeyValuePair<string, string>>();
        var transitions = catalog.All.SelectMany(d => d.Transitions).DistinctBy(t => t.Trigger).ToList();
        foreach (var outcome in DecisionOutcomes.All)
        {
            rows.AddRange(transitions.Where(t => t.Decision == outcome).Select(t => Row(t.Trigger, $"{RollupMeasures.Decided} ({outcome.Name()})")));
        }

        rows.AddRange(transitions.Where(t => t.Decision is null && t.Has<CountsAsExtension>())
            .Select(t => Row(t.Trigger, $"{RollupMeasures.Extension1} / {RollupMeasures.Extension2}")));
        rows.AddRange(transitions.Where(t => t.Decision is null && !t.Has<CountsAsExtension>())
            .SelectMany(t => t.Effects.Where(e => e.Measure is not null).Take(1).Select(e => Row(t.Trigger, e.Measure!))));
        rows.Add(Row($"{EscalationEventType} (action {ExaminerReminderAction})", RollupMeasures.ExaminerReminder));
        return rows;
    }

    private static KeyValuePair<string, string> Row(string trigger, string fact) => new(trigger, fact);

    /// <summary>Event type the milestone sweep writes for escalations; with action "examiner-reminder" in its data it is a 독촉장 (Decree §28②).</summary>
    public const string EscalationEventType = Jobs.MilestoneEventTypes.Escalation;

    public const string ExaminerReminderAction = Workflows.MilestoneActions.ExaminerReminder;

    /// <summary>An escalation event of the sweep whose milestone action is the examiner's reminder.</summary>
    public static bool IsExaminerReminder(PetitionEvent recorded)
    {
        if (recorded.Type != EscalationEventType || string.IsNullOrEmpty(recorded.Data))
        {
            return false;
        }

        using var data = System.Text.Json.JsonDocument.Parse(recorded.Data);
        return data.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            && data.RootElement.TryGetProperty("action", out var action)
            && action.ValueKind == System.Text.Json.JsonValueKind.String
            && action.GetString() == ExaminerReminderAction;
    }

    /// <summary>States a petition is in once it is received (the clock runs from here, Act §19①).</summary>
    public const string ReceivedState = "received";

    /// <summary>The state a legal petition waits in before registration (Decree §6⑦); leaving it is the receipt.</summary>
    public const string ArrivedState = "arrived";

    public static bool IsReceipt(string? fromState, string? toState) =>
        toState == ReceivedState && (fromState is null || fromState == ArrivedState);

    /// <summary>Online channels for the channel trend: the national portal and the agency's e-window.</summary>
    public static bool IsOnline(string channel) => channel is "OnlinePortal" or "EWindow";
}
