namespace Treatment.Core.Workflows;

/// <summary>The fixed list of actions a milestone may name; the job that runs milestones knows each of them.</summary>
public static class MilestoneActions
{
    /// <summary>Reminds the assigned official (before the due).</summary>
    public const string RemindAssignee = "remind-assignee";

    /// <summary>Tells the department supervisor the petition reached its due.</summary>
    public const string NotifySupervisor = "notify-supervisor";

    /// <summary>The examiner's reminder 독촉장 to the department head (Act §25, Decree §28②, Rule §10).</summary>
    public const string ExaminerReminder = "examiner-reminder";

    /// <summary>Reports the overdue petition to the agency head.</summary>
    public const string EscalateAgencyHead = "escalate-agency-head";

    /// <summary>An obligation with its own limit ran out without the discharging trigger (routing, transfer …).</summary>
    public const string ObligationOverdue = "obligation-overdue";

    /// <summary>Issues the progress notice (Decree §23).</summary>
    public const string SendProgressNotice = "send-progress-notice";

    /// <summary>
    /// Ends a state whose own limit ran out (anchor stateEnds): the sweep fires, as the system and through the change
    /// path, the first trigger of <c>until</c> the system may fire from the state, and tells the assignee.
    /// </summary>
    public const string EndState = "end-state";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        RemindAssignee, NotifySupervisor, ExaminerReminder, EscalateAgencyHead, ObligationOverdue, SendProgressNotice, EndState,
    };
}
