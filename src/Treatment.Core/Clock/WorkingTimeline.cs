namespace Treatment.Core.Clock;

/// <summary>
/// The calendar's working days minus the excluded spans (literal-days reading, rulebook §3.1). All moves use the
/// calendar's working-day index and jump over spans, so the cost grows with the number of spans, not of days.
/// </summary>
internal sealed class WorkingTimeline
{
    private readonly DateOnly[] _from;
    private readonly DateOnly[] _to;

    public WorkingTimeline(IHolidayCalendar calendar, IReadOnlyList<ExcludedSpan> exclusions)
    {
        Calendar = calendar;
        if (exclusions.Count == 0)
        {
            _from = [];
            _to = [];
            return;
        }

        var sorted = exclusions.OrderBy(e => e.From).ToArray();
        var from = new List<DateOnly>(sorted.Length);
        var to = new List<DateOnly>(sorted.Length);
        foreach (var span in sorted)
        {
            if (from.Count > 0 && span.From.DayNumber <= to[^1].DayNumber + 1)
            {
                if (span.To > to[^1])
                {
                    to[^1] = span.To;
                }
            }
            else
            {
                from.Add(span.From);
                to.Add(span.To);
            }
        }

        _from = from.ToArray();
        _to = to.ToArray();
    }

    public IHolidayCalendar Calendar { get; }

    public bool IsExcluded(DateOnly date)
    {
        for (var i = 0; i < _from.Length; i++)
        {
            if (date < _from[i])
            {
                return false;
            }

            if (date <= _to[i])
            {
                return true;
            }
        }

        return false;
    }

    public bool IsWorking(DateOnly date) => Calendar.IsWorkingDay(date) && !IsExcluded(date);

    /// <summary>The first working, not excluded day on or after the date (also Civil Act §161 roll-forward).</summary>
    public DateOnly FirstWorkingOnOrAfter(DateOnly date)
    {
        var span = 0;
        while (true)
        {
            var day = Calendar.WorkingDayAt(Calendar.WorkingDaysBefore(date));
            while (span < _from.Length && _to[span] < day)
            {
                span++;
            }

            if (span < _from.Length && _from[span] <= day)
            {
                date = _to[span].AddDays(1);
                continue;
            }

            return day;
        }
    }

    /// <summary>The n-th working, not excluded day counting <paramref name="firstDay"/> (itself working) as day 1.</summary>
    public DateOnly AddWorkingDays(DateOnly firstDay, int n)
    {
        var cursor = firstDay;
        var remaining = n;
        var span = 0;
        while (true)
        {
            var ordinal = Calendar.WorkingDaysBefore(cursor);
            var candidate = Calendar.WorkingDayAt(ordinal + remaining - 1);
            while (span < _from.Length && _to[span] < cursor)
            {
                span++;
            }

            if (span < _from.Length && _from[span] <= candidate)
            {
                remaining -= Calendar.WorkingDaysBefore(_from[span]) - ordinal;
                cursor = FirstWorkingOnOrAfter(_to[span].AddDays(1));
                continue;
            }

            return candidate;
        }
    }

    /// <summary>The count-th calendar day that is not excluded, counting <paramref name="start"/> as day 1 (calendar periods).</summary>
    public DateOnly AddCalendarDays(DateOnly start, int count)
    {
        var cursor = start;
        var remaining = count;
        for (var i = 0; i < _from.Length; i++)
        {
            if (_to[i] < cursor)
            {
                continue;
            }

            var last = cursor.AddDays(remaining - 1);
            if (_from[i] > last)
            {
                break;
            }

            if (_from[i] > cursor)
            {
                remaining -= _from[i].DayNumber - cursor.DayNumber;
            }

            cursor = _to[i].AddDays(1);
        }

        return cursor.AddDays(remaining - 1);
    }
}
