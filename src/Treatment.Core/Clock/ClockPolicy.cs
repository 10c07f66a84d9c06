namespace Treatment.Core.Clock;

/// <summary>Who the period belongs to: the agency (Act §19, first day counted) or the petitioner (Civil Act §§156–161, first day excluded).</summary>
public enum CountingMode
{
    Statutory,
    Civil,
}

/// <summary>How excluded periods (rulebook §3.1) remove time from the clock.</summary>
public enum ExclusionReading
{
    /// <summary>Every date of an excluded span, both ends included, is treated as a non-working day (interp., rulebook §3.1).</summary>
    LiteralDays,
}

/// <summary>How the 10-day objection decision period (Decree §40, rulebook §8) is counted.</summary>
public enum ObjectionDecisionCounting
{
    /// <summary>Act §19②: working days, first day counted (the objection is itself a petition) — the default (interp.).</summary>
    WorkingDays,

    /// <summary>Civil Act: calendar days, first day excluded, last day rolled forward.</summary>
    CalendarDays,
}

/// <summary>The interpretive settings of the clock, named so that a report can say which reading produced a due (rulebook §13).</summary>
public sealed record ClockPolicy(
    string Name,
    WorkingTimePolicy WorkingTime,
    ExclusionReading ExclusionReading,
    ObjectionDecisionCounting ObjectionDecisionCounting,
    int ObjectionDecisionDays,
    TimeOnly EndOfDay)
{
    /// <summary>The defaults of docs/decisions/003-statutory-clock.md.</summary>
    public static ClockPolicy Default { get; } = new(
        "statutory-default",
        WorkingTimePolicy.GovernmentOffice,
        ExclusionReading.LiteralDays,
        ObjectionDecisionCounting.WorkingDays,
        ObjectionDecisionDays: 10,
        EndOfDay: new TimeOnly(23, 59, 59));
}
