namespace Treatment.Core.Committee;

/// <summary>What the 민원조정위원회 deliberates (Act §34①, Decree §38, §38조의2); each agenda item has one.</summary>
public enum CommitteeSubject
{
    /// <summary>Closing a many-person petition as repeated or duplicate (Decree §26).</summary>
    ManyPersonClosure,

    /// <summary>A petition left unresolved for long (Act §34①(1)).</summary>
    LongUnresolved,

    /// <summary>An objection to a refusal (Act §34①(2), §35).</summary>
    Objection,

    /// <summary>Re-deliberation of a complex petition (Act §34①(3), Decree §38).</summary>
    ComplexReDeliberation,

    /// <summary>Ownership of the petition is unclear between departments (Decree §38).</summary>
    UnclearOwnership,

    /// <summary>The yearly review of many-person and re-filed closed petitions (Decree §38조의2).</summary>
    YearlyReview,
}

/// <summary>The committee's resolution on one agenda item.</summary>
public enum CommitteeResolution
{
    /// <summary>What was asked is approved (for a many-person closure: the petition may be closed as repeated).</summary>
    Approved,

    /// <summary>What was asked is not approved.</summary>
    NotApproved,

    /// <summary>Deliberated with advice to the department, nothing approved or refused.</summary>
    Advised,
}

/// <summary>How the petitioner is asked to take part (Decree §38: attend, or submit views in writing).</summary>
public enum HearingMode
{
    Attend,
    WrittenViews,
}

/// <summary>A member of an agency's 민원조정위원회 (Decree §38②: chair, department heads, the audit head, outside experts).</summary>
public sealed class CommitteeMember
{
    public long Id { get; set; }

    public int AgencyId { get; set; }

    public required string Name { get; set; }

    /// <summary>e.g. 위원장, 민원실장, 감사담당관, 외부 변호사.</summary>
    public required string Position { get; set; }

    public bool IsChair { get; set; }

    /// <summary>From outside the agency (a lawyer or expert, Decree §38②).</summary>
    public bool IsExternal { get; set; }

    public DateOnly AppointedOn { get; set; }

    /// <summary>The day the member left the committee; null while serving.</summary>
    public DateOnly? LeftOn { get; set; }
}

/// <summary>A meeting of an agency's committee: when and where, who attended, and its minutes once issued.</summary>
public sealed class CommitteeMeeting
{
    public long Id { get; set; }

    public int AgencyId { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }

    public required string Place { get; set; }

    /// <summary>Members present, by id (recorded when the minutes are issued).</summary>
    public List<long> AttendeeIds { get; set; } = [];

    /// <summary>The minutes rendered from templates/committee/minutes.html.sbn; never re-rendered once issued.</summary>
    public string? MinutesHtml { get; set; }

    public DateTimeOffset? MinutesIssuedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One matter put before the committee, with the petition it concerns when it concerns one.</summary>
public sealed class CommitteeAgendaItem
{
    public long Id { get; set; }

    public int AgencyId { get; set; }

    public CommitteeSubject Subject { get; set; }

    public long? PetitionId { get; set; }

    public required string Title { get; set; }

    public string? Note { get; set; }

    /// <summary>The meeting it is put on; null while waiting.</summary>
    public long? MeetingId { get; set; }

    /// <summary>The notice asking the petitioner to attend or submit views (Decree §38); one per item.</summary>
    public long? HearingNoticeId { get; set; }

    public HearingMode? HearingMode { get; set; }

    public Guid? CreatedById { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The committee's recorded decision on one agenda item, at one meeting.</summary>
public sealed class CommitteeDecision
{
    public long Id { get; set; }

    public long AgendaItemId { get; set; }

    public long MeetingId { get; set; }

    public CommitteeResolution Resolution { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset DecidedAt { get; set; }

    public Guid? RecordedById { get; set; }

    public required string RecordedByName { get; set; }
}
