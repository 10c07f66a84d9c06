namespace Treatment.Core.Complex;

/// <summary>
/// A legal petition treated as a complex petition (복합민원, Act §31): the lead department (주무부서) collects the opinions
/// of the related departments and agencies; a guide official (민원후견인, Decree §37) accompanies the petitioner; a request
/// for re-deliberation by the 민원조정위원회 (Act §34) is recorded here for that committee to take up.
/// </summary>
public sealed class ComplexPetition
{
    public long PetitionId { get; set; }

    public int LeadDepartmentId { get; set; }

    public Guid? DesignatedById { get; set; }

    public required string DesignatedByName { get; set; }

    public DateTimeOffset DesignatedAt { get; set; }

    /// <summary>The 민원후견인 (guide official) assigned to the petitioner (Decree §37).</summary>
    public Guid? GuideUserId { get; set; }

    /// <summary>
    /// The seam to the 민원조정위원회 (Act §34①, Decree §38): a request for re-deliberation of the working committee's
    /// result, recorded with its reason; the committee's own register takes it up from here.
    /// </summary>
    public DateTimeOffset? CoordinationCommitteeRequestedAt { get; set; }

    public string? CoordinationCommitteeReason { get; set; }

    public Guid? CoordinationCommitteeRequestedById { get; set; }

    public uint Version { get; set; }
}

/// <summary>A related department's answer to a consultation (협의 의견).</summary>
public enum ConsultationOpinion
{
    Agree,
    AgreeWithConditions,
    Disagree,
}

/// <summary>
/// A consultation (협의) the lead department asked of a related department or agency on a complex petition: a sub-task
/// with its own due, answered in the consulted department's inbox; late, it escalates once (<see cref="ConsultationSweep"/>).
/// </summary>
public sealed class Consultation
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    /// <summary>The consulted agency and department (the explicit grant of the shared part goes to them).</summary>
    public int AgencyId { get; set; }

    public int DepartmentId { get; set; }

    public required string Question { get; set; }

    public Guid? RequestedById { get; set; }

    public required string RequestedByName { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public ConsultationOpinion? Opinion { get; set; }

    public string? Answer { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public Guid? AnsweredById { get; set; }

    public string? AnsweredByName { get; set; }

    /// <summary>When the sweep escalated it as late (set once: the escalation happens exactly once).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    public uint Version { get; set; }

    public bool IsOpen => AnsweredAt is null;

    public bool IsLateAt(DateTimeOffset now) => AnsweredAt is { } answered ? answered > DueAt : now > DueAt;
}

/// <summary>What the 민원실무심의회 decided (Decree §36).</summary>
public enum WorkingCommitteeDecision
{
    Approve,
    ApproveWithConditions,
    Reject,
    Defer,
}

/// <summary>
/// A meeting of the 민원실무심의회 (Decree §36: chaired by the lead department's head, members the related departments'
/// working-level heads, outside experts possible, a joint site check where needed) and its decision.
/// </summary>
public sealed class WorkingCommitteeMeeting
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public DateTimeOffset HeldAt { get; set; }

    /// <summary>Members as "name (role or department)", the chair first.</summary>
    public List<string> Members { get; set; } = [];

    public bool JointSiteCheck { get; set; }

    public string? SiteCheckNotes { get; set; }

    public WorkingCommitteeDecision Decision { get; set; }

    public required string DecisionText { get; set; }

    public Guid? RecordedById { get; set; }

    public required string RecordedByName { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
