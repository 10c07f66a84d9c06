using System.Globalization;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

public enum DueLevel
{
    /// <summary>No due (clock stopped, not yet registered).</summary>
    None,
    OnTrack,

    /// <summary>Due by the end of the next working day.</summary>
    AtRisk,
    Overdue,

    /// <summary>The clock is paused (an excluded period, rulebook §3.1).</summary>
    Paused,
}

/// <summary>What the inbox shows next to a due: a D-day, or the remaining working hours for periods counted in hours.</summary>
public sealed record DueBadge(DueLevel Level, string Ko, string En)
{
    public string Text(bool english) => english ? En : Ko;
}

/// <summary>
/// Computes due badges and the at-risk boundary from the holiday calendar. At risk means due no later than the end of
/// the next working day (KST): the supervisor still has a working day to act.
/// </summary>
public sealed class DueBadges(IHolidayCalendar calendar)
{
    private static readonly TimeZoneInfo Kst = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    /// <summary>Dues at or before this instant are at risk (or overdue).</summary>
    public DateTimeOffset AtRiskBoundary(DateTimeOffset now)
    {
        var today = KstDate(now);
        var first = NextWorkingOnOrAfter(today);
        var second = NextWorkingOnOrAfter(first.AddDays(1));
        return new DateTimeOffset(second.ToDateTime(new TimeOnly(23, 59, 59)), DeadlineCalculator.KstOffset).ToUniversalTime();
    }

    public DueBadge For(DateTimeOffset? due, DueUnit? unit, ClockState clock, DateTimeOffset now)
    {
        if (clock == ClockState.Paused)
        {
            return new DueBadge(DueLevel.Paused, "정지", "paused");
        }

        if (due is not { } dueAt || clock == ClockState.Stopped)
        {
            return new DueBadge(DueLevel.None, "", "");
        }

        if (dueAt < now)
        {
            var late = KstDate(now).DayNumber - KstDate(dueAt).DayNumber;
            return late == 0
                ? new DueBadge(DueLevel.Overdue, "기한 경과", "overdue")
                : new DueBadge(DueLevel.Overdue, Invariant($"D+{late}"), Invariant($"D+{late}"));
        }

        var level = dueAt <= AtRiskBoundary(now) ? DueLevel.AtRisk : DueLevel.OnTrack;
        if (unit == DueUnit.Hours)
        {
            var hours = RemainingWorkingHours(now, dueAt);
            return new DueBadge(level, Invariant($"{hours:0.#}근무시간 남음"), Invariant($"{hours:0.#} working h left"));
        }

        var days = KstDate(dueAt).DayNumber - KstDate(now).DayNumber;
        return new DueBadge(level, days == 0 ? "D-day" : Invariant($"D-{days}"), days == 0 ? "D-day" : Invariant($"D-{days}"));
    }

    /// <summary>Working time (09–12, 13–18 on working days, Act §19①) between two instants, in hours.</summary>
    public double RemainingWorkingHours(DateTimeOffset from, DateTimeOffset to)
    {
        var start = TimeZoneInfo.ConvertTime(from, Kst);
        var end = TimeZoneInfo.ConvertTime(to, Kst);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start.DateTime); day <= DateOnly.FromDateTime(end.DateTime) && total < TimeSpan.FromDays(30); day = day.AddDays(1))
        {
            if (day < calendar.FirstDate || day > calendar.LastDate || !calendar.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var segment in WorkingTimePolicy.GovernmentOffice.Segments)
            {
                var segmentStart = day.ToDateTime(segment.Start);
                var segmentEnd = day.ToDateTime(segment.End);
                var overlapStart = segmentStart > start.DateTime ? segmentStart : start.DateTime;
                var overlapEnd = segmentEnd < end.DateTime ? segmentEnd : end.DateTime;
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }

        return total.TotalHours;
    }

    public static DateOnly KstDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Kst).DateTime);

    private DateOnly NextWorkingOnOrAfter(DateOnly date)
    {
        var d = date;
        while (d < calendar.LastDate && !calendar.IsWorkingDay(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
