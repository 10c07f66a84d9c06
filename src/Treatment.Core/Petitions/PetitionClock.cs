using Treatment.Core.Clock;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>Turns a stored petition into clock requests and guard facts; pure, so the service and the screens agree.</summary>
public static class PetitionClock
{
    /// <summary>The limit whose restart begins the objection decision period (Decree §40①).</summary>
    public const string ObjectionDecisionLimit = "objectionDecision";

    private static readonly TimeZoneInfo KoreaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static DateOnly KoreanDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, KoreaTime).DateTime);

    /// <summary>
    /// The due of the current count: the original period from receipt, or after a restart the limit's period from the
    /// restart. Closed excluded spans are left out of the count; extensions granted since the count began are added.
    /// </summary>
    public static ClockResult<Deadline> Due(Petition petition, WorkflowDefinition definition, IDeadlineCalculator clock, IReadOnlyList<GrantedExtension>? extensions = null)
    {
        var start = petition.ClockStartedAt ?? petition.ReceivedAt;
        var exclusions = petition.Exclusions
            .Where(s => s.To is not null)
            .Select(s => new ExcludedSpan(s.Type, s.From, s.To!.Value))
            .ToList();
        var granted = (extensions ?? petition.Extensions)
            .Where(e => e.GrantedAt >= start)
            .Select(e => new ClockExtension(e.Length, e.Consent))
            .ToList();
        if (petition.ClockLimit == ObjectionDecisionLimit)
        {
            return clock.ObjectionDecision(start, exclusions, granted);
        }

        if (petition.ClockLimit is { } limitName && definition.Limits.TryGetValue(limitName, out var limit))
        {
            var counting = limit.Counting == MilestoneCounting.Calendar ? CountingMode.Civil : CountingMode.Statutory;
            return clock.Compute(new DeadlineRequest(start, limit.Period, exclusions, counting, granted));
        }

        return clock.Compute(new DeadlineRequest(start, petition.Period, exclusions, CountingMode.Statutory, granted));
    }

    public static DueUnit UnitOf(Deadline deadline) => deadline.Basis switch
    {
        CountingBasis.WorkingHours or CountingBasis.ElapsedHours => DueUnit.Hours,
        CountingBasis.WorkingDays => DueUnit.Days,
        _ => DueUnit.Calendar,
    };

    /// <summary>
    /// Immediate affairs handed in electronically (online portal, kiosk) are issued automatically on receipt (Act §19①,
    /// interp.: only electronic channels can issue without an official).
    /// </summary>
    public static bool AllowsImmediateIssuance(Petition petition) =>
        petition.Kind == PetitionKind.Legal
        && petition.PeriodUnit == PeriodUnit.Immediate
        && petition.Channel is Channel.OnlinePortal or Channel.Kiosk;

    /// <summary>
    /// The length of an extension of the original period (Decree §21): in days, or, for a period of weeks, months or
    /// years, in the period's own unit (policy <c>extension-in-period-unit</c>: the extension input counts those units),
    /// so the clock compares it with the original period and counts it by the calendar.
    /// </summary>
    public static TreatmentPeriod ExtensionLength(TreatmentPeriod original, int value) =>
        original.Unit is PeriodUnit.Months or PeriodUnit.Years ? new TreatmentPeriod(original.Unit, value) : TreatmentPeriod.Days(value);

    /// <summary>What the guards see of a petition at <paramref name="now"/>.</summary>
    public static PetitionFacts Facts(Petition petition, IDeadlineCalculator clock, DateTimeOffset now)
    {
        DateOnly? objectionDeadline = null;
        if (petition.RefusalReceivedOn is { } refusal)
        {
            // Received during the day: the Civil Act leaves the first day out (Act §35①, Civil Act §157).
            var instant = new DateTimeOffset(refusal.ToDateTime(new TimeOnly(12, 0)), DeadlineCalculator.KstOffset);
            objectionDeadline = clock.ObjectionFilingDeadline(instant).Value?.DueDate;
        }

        return new PetitionFacts
        {
            WorkflowId = petition.WorkflowId,
            WorkflowVersion = petition.WorkflowVersion,
            State = petition.State,
            SubKind = petition.SubKind,
            OriginalPeriod = petition.Period,
            ExtensionCount = petition.ExtensionCount,
            SupplementExtensionCount = petition.SupplementExtensionCount,
            SupplementPeriodLapsed = petition.SupplementDueOn is { } due && KoreanDate(now) > due,
            UndeliveredSupplementRequests = petition.UndeliveredSupplementRequests,
            FilingsOnSameMatter = petition.FilingsOnSameMatter,
            ResultNoticesOnSameMatter = petition.ResultNoticesSent + petition.ResultNoticesOnEarlierFilings,
            SignerCount = petition.SignerCount,
            HouseholdCount = petition.HouseholdCount,
            CommitteeReviewed = petition.CommitteeClosureDecisionId is not null,
            AffairAllowsImmediateIssuance = AllowsImmediateIssuance(petition),
            RefusalReceivedOn = petition.RefusalReceivedOn,
            ObjectionFilingDeadline = objectionDeadline,
            ObjectionExtensionCount = petition.ObjectionExtensionCount,
            FieldInvestigationExtensionCount = petition.FieldInvestigationExtensionCount,
            StateEndsOn = petition.StateEndsOn,
            PetitionerConsentedToSecondExtension = ConsentedSinceFirstExtension(petition),
            Now = now,
        };
    }

    /// <summary>The petitioner's recorded consent counts for the second extension only if given after the first (Decree §21②).</summary>
    public static bool ConsentedSinceFirstExtension(Petition petition) =>
        petition.ExtensionConsentAt is { } consented
        && petition.ExtensionCount == 1
        && petition.Extensions.Any(e => e.GrantedAt <= consented);

    /// <summary>Back-office roles as the workflow knows them; channel systems act for the petitioner.</summary>
    public static IReadOnlyCollection<WorkflowRole> WorkflowRoles(Actor actor)
    {
        var roles = new List<WorkflowRole>();
        foreach (var role in actor.Roles)
        {
            if (Enum.TryParse<WorkflowRole>(role, ignoreCase: false, out var r) && Enum.IsDefined(r))
            {
                roles.Add(r);
            }
        }

        return roles;
    }
}
