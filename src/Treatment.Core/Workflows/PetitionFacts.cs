using Treatment.Core.Clock;

namespace Treatment.Core.Workflows;

/// <summary>
/// A read-only view of one petition, as guards see it. The service fills it from the stored petition; dates that
/// need the clock (such as the objection filing deadline) are computed by the clock and passed in.
/// </summary>
public sealed record PetitionFacts
{
    public required string WorkflowId { get; init; }

    public required int WorkflowVersion { get; init; }

    public required string State { get; init; }

    /// <summary>e.g. statute / procedure for inquisitive petitions.</summary>
    public string? SubKind { get; init; }

    /// <summary>The period fixed at receipt (statute or affairs catalogue), before any extension.</summary>
    public required TreatmentPeriod OriginalPeriod { get; init; }

    public int ExtensionCount { get; init; }

    /// <summary>Petitioner's requests to extend a supplementation period so far (Decree §24①: at most 2).</summary>
    public int SupplementExtensionCount { get; init; }

    /// <summary>The supplementation period fixed in the request has passed without supplementation.</summary>
    public bool SupplementPeriodLapsed { get; init; }

    /// <summary>Supplementation requests returned undelivered because the address was unclear (Decree §25).</summary>
    public int UndeliveredSupplementRequests { get; init; }

    /// <summary>Filings on the same matter, this one included (Act §23①).</summary>
    public int FilingsOnSameMatter { get; init; } = 1;

    /// <summary>Result notices already sent on the same matter (Act §23①).</summary>
    public int ResultNoticesOnSameMatter { get; init; }

    public int SignerCount { get; init; } = 1;

    public int HouseholdCount { get; init; } = 1;

    /// <summary>A recorded 민원조정위원회 decision approved closing this many-person petition as repeated (Decree §26, §38).</summary>
    public bool CommitteeReviewed { get; init; }

    /// <summary>The affair's period is immediate and it allows automatic issuance on receipt.</summary>
    public bool AffairAllowsImmediateIssuance { get; init; }

    public DateOnly? RefusalReceivedOn { get; init; }

    /// <summary>Last day to file an objection, computed by the clock: refusal receipt + 60 days, Civil Act (Act §35①).</summary>
    public DateOnly? ObjectionFilingDeadline { get; init; }

    public int ObjectionExtensionCount { get; init; }

    public int FieldInvestigationExtensionCount { get; init; }

    /// <summary>The last day of the current state's own limit (field investigation, collection period); null: none.</summary>
    public DateOnly? StateEndsOn { get; init; }

    /// <summary>The petitioner consented, through a channel, after the first extension (Decree §21②).</summary>
    public bool PetitionerConsentedToSecondExtension { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The date of <see cref="Now"/> in KST.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, KoreaTime).DateTime);

    public bool IsManyPerson => ManyPersonPetition.Qualifies(SignerCount, HouseholdCount);

    private static readonly TimeZoneInfo KoreaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
}
