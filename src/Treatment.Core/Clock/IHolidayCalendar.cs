namespace Treatment.Core.Clock;

/// <summary>
/// The public holidays of government offices (rulebook §11) with a precomputed working-day index, so that period
/// arithmetic never walks day by day.
/// </summary>
/// <remarks>Dates outside <see cref="FirstDate"/> … <see cref="LastDate"/> throw <see cref="CalendarRangeException"/>.</remarks>
public interface IHolidayCalendar
{
    /// <summary>First date the calendar covers (1 January of its first year).</summary>
    DateOnly FirstDate { get; }

    /// <summary>Last date the calendar covers (31 December of its last year).</summary>
    DateOnly LastDate { get; }

    /// <summary>True when the date is a public holiday (Sundays included; Saturdays are not holidays).</summary>
    bool IsHoliday(DateOnly date);

    /// <summary>True when the date is a public holiday; <paramref name="holidays"/> names it (a plain Sunday gives 일요일).</summary>
    bool IsHoliday(DateOnly date, out IReadOnlyList<Holiday> holidays);

    /// <summary>Monday to Friday and not a public holiday (Act §19).</summary>
    bool IsWorkingDay(DateOnly date);

    /// <summary>Every holiday of the year except ordinary Sundays, sorted by date (two on one date keep rule order).</summary>
    IReadOnlyList<Holiday> Holidays(int year);

    /// <summary>Number of working days in [FirstDate, date): the working-day ordinal of the first working day on or after the date.</summary>
    int WorkingDaysBefore(DateOnly date);

    /// <summary>The working day with the given ordinal (0 = first working day of the calendar).</summary>
    DateOnly WorkingDayAt(int ordinal);

    /// <summary>Total number of working days the calendar covers.</summary>
    int WorkingDayCount { get; }
}
