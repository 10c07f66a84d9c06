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

    /// <summary>A supervisor or admin gave petitions to an official of the agency (the bulk reassignment).</summary>
    public const string Reassigned = "reassigned";

    /// <summary>Distribution gave a routed petition to an official automatically (round-robin, least-open-work).</summary>
    public const string Assigned = "assigned";

    /// <summary>An official took a queued petition ("내가 처리").</summary>
    public const string Claimed = "claimed";

    /// <summary>The assignee handed the petition back to the department's queue, with a reason.</summary>
    public const string Released = "released";

    /// <summary>A team lead, supervisor or admin gave the petition to an official of its department (배부).</summary>
    public const string Distributed = "distributed";

    /// <summary>A department that does not handle the petition passed it to the competent one (Decree §13②).</summary>
    public const string HandedOver = "handed-over";

    /// <summary>An absent official's petition went to the substitute named for the absence.</summary>
    public const string Substituted = "substituted";

    /// <summary>An absent or disabled official's petition went back to the department's queue.</summary>
    public const string ReturnedToQueue = "returned-to-queue";

    /// <summary>
    /// How an assignee or department changes: each is written only by <see cref="PetitionChange.Reassign"/>, with the
    /// one data shape <see cref="ReassignedData"/> (who, from, to, why).
    /// </summary>
    public static readonly IReadOnlyList<string> Reassignments = [Reassigned, Assigned, Claimed, Released, Distributed, HandedOver, Substituted, ReturnedToQueue];

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

    /// <summary>An official confirmed or rejected an earlier filing as the same matter (Act §23), with the reason.</summary>
    public const string SameMatterJudged = "same-matter-judged";

    /// <summary>The petitioner consented through a channel to a second extension (Decree §21②).</summary>
    public const string PetitionerConsented = "petitioner-consented";

    /// <summary>The petitioner demanded correction (Decree §18); the data carries the grounds and the reply due.</summary>
    public const string CorrectionDemanded = "correction-demanded";

    /// <summary>A notice came back undelivered (rulebook §3.2), recorded by an official or a bounce.</summary>
    public const string NoticeReturned = "notice-returned";

    /// <summary>The signer roster of a joint petition recorded or corrected (Act §24①): signers, households, the original's receipt.</summary>
    public const string RosterRecorded = "roster-recorded";

    /// <summary>The representatives of a joint petition designated (Decree §8: at most three).</summary>
    public const string RepresentativesDesignated = "representatives-designated";

    /// <summary>This petition was merged on receipt into a treated one (Decree §6⑥) and closed; it follows that one's outcome.</summary>
    public const string Merged = "merged";

    /// <summary>Petitions were merged into this one, which is treated for the group (Decree §6⑥).</summary>
    public const string MergedGroupFormed = "merged-group-formed";

    /// <summary>A merged petition took the treated petition's outcome and notices (Decree §6⑥).</summary>
    public const string MergedOutcomeFollowed = "merged-outcome-followed";

    /// <summary>The petition was put before the 민원조정위원회 (Act §34), with the subject.</summary>
    public const string ReferredToCommittee = "referred-to-committee";

    /// <summary>The petitioner was asked to attend the committee or submit written views (Decree §38).</summary>
    public const string CommitteeHearingNotified = "committee-hearing-notified";

    /// <summary>The committee's decision on an agenda item about this petition was recorded.</summary>
    public const string CommitteeDecided = "committee-decided";

    /// <summary>A legal petition was designated a complex petition (Act §31) with its lead department.</summary>
    public const string ComplexDesignated = "complex-designated";

    /// <summary>The lead department asked a related department or agency for its opinion (협의), with the consultation's due.</summary>
    public const string ConsultationRequested = "consultation-requested";

    /// <summary>A consulted department answered (data: opinion, late or not).</summary>
    public const string ConsultationAnswered = "consultation-answered";

    /// <summary>The sweep found a consultation past its due unanswered and escalated it (once).</summary>
    public const string ConsultationOverdue = "consultation-overdue";

    /// <summary>A 민원후견인 (guide official) was assigned to the complex petition (Decree §37).</summary>
    public const string GuideAssigned = "guide-assigned";

    /// <summary>A meeting of the 민원실무심의회 was recorded with its members, site check and decision (Decree §36).</summary>
    public const string WorkingCommitteeHeld = "working-committee-held";

    /// <summary>Re-deliberation by the 민원조정위원회 was requested (Act §34①): the committee's register takes it up.</summary>
    public const string CoordinationCommitteeRequested = "coordination-committee-requested";
}
