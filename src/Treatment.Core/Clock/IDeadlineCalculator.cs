namespace Treatment.Core.Clock;

/// <summary>The statutory clock as a service (rulebook §2.5): dues, extensions, objection periods, each with its explanation.</summary>
public interface IDeadlineCalculator
{
    IHolidayCalendar Calendar { get; }

    ClockPolicy Policy { get; }

    /// <summary>The due of a request (period, exclusions, counting mode, extensions so far).</summary>
    ClockResult<Deadline> Compute(DeadlineRequest request);

    /// <summary>The due after one more extension (Decree §21).</summary>
    ClockResult<Deadline> Extend(Deadline current, ClockExtension extension);

    /// <summary>The objection decision due (Decree §40: 10 days, counted as the policy says).</summary>
    ClockResult<Deadline> ObjectionDecision(DateTimeOffset objectionReceived, IReadOnlyList<ExcludedSpan>? exclusions = null, IReadOnlyList<ClockExtension>? extensions = null);

    /// <summary>The last day to file an objection: 60 days from receipt of the refusal, Civil Act counting (Act §35①, rulebook §8).</summary>
    ClockResult<Deadline> ObjectionFilingDeadline(DateTimeOffset refusalReceived);
}
