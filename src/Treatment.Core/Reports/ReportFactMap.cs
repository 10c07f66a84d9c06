using Treatment.Core.Petitions;

namespace Treatment.Core.Reports;

/// <summary>
/// How audit events become report facts: trigger names come from the workflow definitions (workflows/*/v*.yaml).
/// The same table is printed in the report appendix so that every figure can be traced to the events behind it.
/// </summary>
public static class ReportFactMap
{
    /// <summary>Decision triggers and the outcome each records (Act §27; the decision, not its notice, ends treatment time).</summary>
    public static readonly IReadOnlyDictionary<string, string> DecisionOutcomes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["grant"] = "granted",
        ["issue-immediately"] = "granted",
        ["accept"] = "granted",
        ["resolve"] = "granted",
        ["accept-partly"] = "partly-granted",
        ["refuse"] = "refused",
        ["not-accept"] = "refused",
        ["answer"] = "answered",
        ["answer-on-the-spot"] = "answered",
    };

    /// <summary>Triggers that record one fact each (the count of such events).</summary>
    public static readonly IReadOnlyDictionary<string, string> TriggerMeasures = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["transfer"] = RollupMeasures.TransferredOut,
        ["request-supplement"] = RollupMeasures.SupplementRequest,
        ["re-request-supplement"] = RollupMeasures.SupplementReRequest,
        ["extend-supplement"] = RollupMeasures.SupplementExtended,
        ["supplement"] = RollupMeasures.Supplemented,
        ["return"] = RollupMeasures.Returned,
        ["deem-withdrawn"] = RollupMeasures.DeemedWithdrawn,
        ["withdraw"] = RollupMeasures.Withdrawn,
        ["file-objection"] = RollupMeasures.ObjectionFiled,
        ["extend-objection"] = RollupMeasures.ObjectionExtended,
        ["accept-objection"] = RollupMeasures.ObjectionUpheld,
        ["dismiss-objection"] = RollupMeasures.ObjectionDismissed,
        ["close-as-repeated"] = RollupMeasures.RepeatedClosure,
        ["start-field-investigation"] = RollupMeasures.FieldInvestigation,
    };

    public const string ExtendTrigger = "extend";

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
