using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;

namespace Treatment.Core.Petitions;

/// <summary>A civil petition under treatment. Changed only through the petition service (one transaction per change).</summary>
public sealed class Petition
{
    public long Id { get; set; }

    /// <summary>Unique per agency and year, e.g. "2025-SEOUL-JONGNO-000123".</summary>
    public required string ReceiptNumber { get; set; }

    public int ReceiptYear { get; set; }

    public int ReceiptSequence { get; set; }

    public PetitionKind Kind { get; set; }

    /// <summary>Inquisitive petitions: "statute" or "procedure".</summary>
    public string? SubKind { get; set; }

    public int? AffairId { get; set; }

    public CivilAffair? Affair { get; set; }

    public Channel Channel { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public required string PetitionerName { get; set; }

    public string? PetitionerPhone { get; set; }

    public string? PetitionerEmail { get; set; }

    public string? PetitionerAddress { get; set; }

    /// <summary>How the petitioner chose to receive notices (<see cref="Notices.NoticeChannels"/>): email, sms, alimtalk, paper or in-person.</summary>
    public string? NoticeChannel { get; set; }

    /// <summary>Resident registration number, encrypted (AES-GCM); only where the affair's law requires it.</summary>
    public byte[]? PetitionerRrnCipher { get; set; }

    /// <summary>Which personal-data key encrypted <see cref="PetitionerRrnCipher"/> (its fingerprint); none: a key from before key ids.</summary>
    public string? PetitionerRrnKeyId { get; set; }

    /// <summary>Masked form safe for screens and logs, e.g. "900101-1******".</summary>
    public string? PetitionerRrnMasked { get; set; }

    /// <summary>The citizen's status lookup code (<see cref="StatusLookupCodes"/>), encrypted like the resident number; shown only at receipt.</summary>
    public byte[]? LookupCodeCipher { get; set; }

    /// <summary>Arrival at the agency's e-window (Decree §6⑦); the clock runs from ReceivedAt (Act §19①).</summary>
    public DateTimeOffset ArrivedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public int? DepartmentId { get; set; }

    public Department? Department { get; set; }

    public Guid? AssigneeId { get; set; }

    public AppUser? Assignee { get; set; }

    /// <summary>When the current assignee got the petition (the inbox's "new since the last visit").</summary>
    public DateTimeOffset? AssignedAt { get; set; }

    public required string WorkflowId { get; set; }

    public int WorkflowVersion { get; set; }

    public required string State { get; set; }

    public bool IsOpen { get; set; } = true;

    public ClockState ClockState { get; set; }

    public PeriodUnit PeriodUnit { get; set; }

    public int PeriodValue { get; set; }

    public TreatmentPeriod Period => new(PeriodUnit, PeriodValue);

    public DateTimeOffset? DueAt { get; set; }

    public DueUnit? DueUnit { get; set; }

    public int ExtensionCount { get; set; }

    /// <summary>Excluded spans so far (rulebook §3.1); the open one has no end yet.</summary>
    public List<ClockSpan> Exclusions { get; set; } = [];

    /// <summary>Extensions granted (Decree §21), in order.</summary>
    public List<GrantedExtension> Extensions { get; set; } = [];

    public bool Overdue { get; set; }

    public int EscalationLevel { get; set; }

    /// <summary>The next milestone to apply and when; indexed (partial, open petitions only) for the sweep.</summary>
    public DateTimeOffset? NextMilestoneAt { get; set; }

    public string? NextMilestone { get; set; }

    /// <summary>Bumped on every clock change so that a milestone computed before the change is never applied.</summary>
    public int ClockGeneration { get; set; }

    /// <summary>Result notices sent on the same matter (Act §23 repeated petitions).</summary>
    public int ResultNoticesSent { get; set; }

    /// <summary>When the current count started: the receipt, or a restart such as an objection (Decree §40).</summary>
    public DateTimeOffset? ClockStartedAt { get; set; }

    /// <summary>The definition limit that gives the period after a restart (e.g. objectionDecision); null for the original period.</summary>
    public string? ClockLimit { get; set; }

    /// <summary>Last day of the supplementation period fixed in the request (Decree §24①).</summary>
    public DateOnly? SupplementDueOn { get; set; }

    /// <summary>Petitioner's requests to extend the supplementation period (Decree §24①: at most 2).</summary>
    public int SupplementExtensionCount { get; set; }

    /// <summary>Supplementation requests returned undelivered (Decree §25).</summary>
    public int UndeliveredSupplementRequests { get; set; }

    /// <summary>Filings on the same matter, this one included (Act §23①).</summary>
    public int FilingsOnSameMatter { get; set; } = 1;

    /// <summary>Result notices sent on the earlier filings an official confirmed as the same matter (Act §23①).</summary>
    public int ResultNoticesOnEarlierFilings { get; set; }

    /// <summary>
    /// The recorded 민원조정위원회 decision that approved closing this many-person petition as repeated (Decree §26);
    /// set only when that decision is recorded (<see cref="Committee.CommitteeService"/>), never by a flag.
    /// </summary>
    public long? CommitteeClosureDecisionId { get; set; }

    /// <summary>The day the petitioner received the refusal; the 60-day objection period runs from it (Act §35①).</summary>
    public DateOnly? RefusalReceivedOn { get; set; }

    public int ObjectionExtensionCount { get; set; }

    public int FieldInvestigationExtensionCount { get; set; }

    /// <summary>
    /// The last day of the current state's own limit (a field investigation's days, Decree §17④⑤; a certificate's
    /// collection period, Decree §25④); the sweep ends the state when the day after it begins.
    /// </summary>
    public DateOnly? StateEndsOn { get; set; }

    /// <summary>When the petitioner consented, through a channel, to a second extension (Decree §21②).</summary>
    public DateTimeOffset? ExtensionConsentAt { get; set; }

    public int SignerCount { get; set; } = 1;

    public int HouseholdCount { get; set; } = 1;

    /// <summary>When the original signature roster was received (Act §24①: a many-person petition comes with it).</summary>
    public DateTimeOffset? RosterReceivedAt { get; set; }

    /// <summary>Merged on receipt into this treated petition (Decree §6⑥); closed at the merge, it follows that petition's outcome.</summary>
    public long? MergedIntoPetitionId { get; set; }

    public string? Outcome { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public long? TransferredFromPetitionId { get; set; }

    /// <summary>The prior examination (사전심사청구, Act §30) this formal petition follows, at the same agency.</summary>
    public long? PriorExaminationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; set; }
}

/// <summary>An excluded period on a petition's clock; To is null while it is still open.</summary>
public sealed record ClockSpan(ExclusionType Type, DateOnly From, DateOnly? To);

/// <summary>A granted extension of the treatment period (Decree §21).</summary>
public sealed record GrantedExtension(TreatmentPeriod Length, bool Consent, string Reason, DateTimeOffset GrantedAt);
