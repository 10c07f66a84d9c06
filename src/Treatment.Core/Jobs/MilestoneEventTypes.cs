namespace Treatment.Core.Jobs;

/// <summary>PetitionEvent types the milestone sweep appends to a petition's timeline.</summary>
public static class MilestoneEventTypes
{
    public const string Overdue = "overdue";

    public const string Escalation = "escalation";

    public const string Reminder = "reminder";

    public const string ObligationBreach = "obligation-breach";

    /// <summary>The due moved because the holiday calendar changed.</summary>
    public const string DueRecomputed = "due-recomputed";

    /// <summary>The sweep set the petition aside: applying its milestone threw, alone and again.</summary>
    public const string SweepQuarantined = "sweep-quarantined";

    /// <summary>An admin let the sweep take the petition again.</summary>
    public const string SweepReleased = "sweep-released";

    /// <summary>The event type the petition service writes for a fired trigger (obligations are discharged by these).</summary>
    public const string Transition = "transition";

    /// <summary>Actor name of events written by the sweep.</summary>
    public const string SystemActor = "시스템 (System)";
}
