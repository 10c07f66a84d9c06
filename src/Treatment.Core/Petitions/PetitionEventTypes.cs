namespace Treatment.Core.Petitions;

/// <summary>The one set of <see cref="PetitionEvent.Type"/> values, whoever appends the event.</summary>
public static class PetitionEventTypes
{
    /// <summary>A petition opened by the petition service (intake, or a transfer copy at the target agency).</summary>
    public const string Received = "received";

    /// <summary>A petition opened by the generator of bulk data.</summary>
    public const string Created = "created";

    /// <summary>A fired trigger (obligations are discharged by these).</summary>
    public const string Transition = "transition";

    /// <summary>The assignee or the department changed (who, from, to, why).</summary>
    public const string Reassigned = "reassigned";

    public const string RevealedPersonalData = "revealed-personal-data";

    public const string WorkflowMigrated = "workflow-migrated";

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

    /// <summary>The petitioner consented through a channel to a second extension (Decree §21②).</summary>
    public const string PetitionerConsented = "petitioner-consented";

    /// <summary>The petitioner demanded correction (Decree §18); the data carries the grounds and the reply due.</summary>
    public const string CorrectionDemanded = "correction-demanded";

    /// <summary>A notice came back undelivered (rulebook §3.2), recorded by an official or a bounce.</summary>
    public const string NoticeReturned = "notice-returned";
}
