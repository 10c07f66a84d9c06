namespace Treatment.Core.Clock;

/// <summary>A date outside the years the holiday calendar covers; the calculator turns it into a <see cref="ClockError"/>.</summary>
public sealed class CalendarRangeException(string what, DateOnly first, DateOnly last)
    : Exception($"{what} is outside the holiday calendar ({first:yyyy-MM-dd} … {last:yyyy-MM-dd})")
{
    public DateOnly First { get; } = first;

    public DateOnly Last { get; } = last;
}
