namespace Treatment.Core.Clock;

/// <summary>How a step of the clock was counted.</summary>
public enum CountingBasis
{
    /// <summary>Working time 09–12, 13–18 on working days (Act §19①).</summary>
    WorkingHours,

    /// <summary>Working days, first day counted (Act §19②).</summary>
    WorkingDays,

    /// <summary>Calendar days with roll-forward of a last day on a Saturday or holiday (Act §19③, Civil Act §§159–161).</summary>
    CalendarDays,

    /// <summary>Hours from the instant, weekends included (Civil Act §156).</summary>
    ElapsedHours,
}

/// <summary>Why the period was counted in the unit it was.</summary>
public enum UnitReason
{
    /// <summary>즉시 = within 3 working hours (Decree §19).</summary>
    ImmediateIsThreeWorkingHours,

    /// <summary>A period in hours counts working hours from the receipt instant (Act §19①).</summary>
    HoursAreWorkingHours,

    /// <summary>5 days or less: counted in hours from the receipt instant, 1 day = 8 working hours (Act §19①).</summary>
    UpToFiveDaysAsWorkingHours,

    /// <summary>6 days or more: counted in days, first day counted, Saturdays and holidays not counted (Act §19②).</summary>
    SixDaysOrMoreAsWorkingDays,

    /// <summary>Weeks, months, years: by the calendar, first day counted (Act §19③, Civil Act §§159–161).</summary>
    WeeksMonthsYearsByCalendar,

    /// <summary>Petitioner-side period: the first day is not counted (Civil Act §157).</summary>
    CivilFirstDayExcluded,

    /// <summary>Petitioner-side period starting at 00:00: the first day is counted (Civil Act §157 proviso).</summary>
    CivilFromMidnight,

    /// <summary>Petitioner-side period in hours: from the instant (Civil Act §156).</summary>
    CivilHoursFromInstant,
}

/// <summary>Why a date was not counted.</summary>
public enum SkipReason
{
    Saturday,
    Sunday,
    Holiday,
    Excluded,
}

/// <summary>A date the clock did not count, with its reason (e.g. 2025-10-06 추석).</summary>
public sealed record SkippedDate(DateOnly Date, SkipReason Reason, string Name, string NameEn);

/// <summary>One counting step: the original period (number 0) or an extension (1, 2).</summary>
public sealed record ClockStep(
    int Number,
    TreatmentPeriod Period,
    CountingBasis Basis,
    UnitReason UnitReason,
    DateTimeOffset CountFrom,
    DateTimeOffset? NormalizedStart,
    StartReason? StartReason,
    TimeSpan? WorkingTime,
    DateOnly? FirstCountedDay,
    DateOnly? CalendarEnd,
    DateOnly DueDate,
    DateTimeOffset Due,
    bool PetitionerConsent,
    IReadOnlyList<SkippedDate> SkippedDates);

/// <summary>The derivation of a due, as data; <see cref="ToText"/> renders it in Korean or English.</summary>
public sealed record DeadlineExplanation(
    DateTimeOffset Received,
    CountingMode Counting,
    string PolicyName,
    WorkingTimePolicy WorkingTime,
    IReadOnlyList<ExcludedSpan> Exclusions,
    IReadOnlyList<ClockStep> Steps,
    DateTimeOffset Due,
    string DueText,
    bool HasTimeOfDay)
{
    /// <param name="language">"ko" (default) or "en"</param>
    public string ToText(string language = "ko") => ExplanationText.Render(this, language == "en");
}
