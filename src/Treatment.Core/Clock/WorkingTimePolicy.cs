namespace Treatment.Core.Clock;

/// <summary>One span of working time on a working day, e.g. 09:00–12:00.</summary>
public sealed record WorkingSegment(TimeOnly Start, TimeOnly End);

/// <summary>Where a receipt instant lies relative to working time, i.e. why the clock starts where it does (rulebook §2.2).</summary>
public enum StartReason
{
    InWorkingHours,
    LunchBreak,
    BeforeWorkingHours,
    AfterWorkingHours,
    NonWorkingDay,
}

/// <summary>
/// Working time of government offices: 09:00–12:00 and 13:00–18:00 KST on working days (rulebook §2.2, 국가공무원
/// 복무규정); a named policy so an agency with other posted hours can be given its own.
/// </summary>
public sealed class WorkingTimePolicy
{
    private readonly long[] _startTicks;
    private readonly long[] _endTicks;
    private readonly long[] _before;

    public WorkingTimePolicy(string name, IReadOnlyList<WorkingSegment> segments)
    {
        if (segments.Count == 0)
        {
            throw new ArgumentException("a working-time policy needs at least one segment", nameof(segments));
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].End <= segments[i].Start || (i > 0 && segments[i].Start < segments[i - 1].End))
            {
                throw new ArgumentException("working segments must be non-empty, ordered and must not overlap", nameof(segments));
            }
        }

        Name = name;
        Segments = segments;
        _startTicks = segments.Select(s => s.Start.Ticks).ToArray();
        _endTicks = segments.Select(s => s.End.Ticks).ToArray();
        _before = new long[segments.Count + 1];
        for (var i = 0; i < segments.Count; i++)
        {
            _before[i + 1] = _before[i] + _endTicks[i] - _startTicks[i];
        }

        DayLength = TimeSpan.FromTicks(_before[^1]);
    }

    /// <summary>09:00–12:00 and 13:00–18:00: 8 working hours a day (Act §19① "1 day = 8 working hours").</summary>
    public static WorkingTimePolicy GovernmentOffice { get; } = new(
        "government-office",
        [new WorkingSegment(new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkingSegment(new TimeOnly(13, 0), new TimeOnly(18, 0))]);

    public string Name { get; }

    public IReadOnlyList<WorkingSegment> Segments { get; }

    public TimeSpan DayLength { get; }

    internal long DayTicks => _before[^1];

    /// <summary>
    /// Working time already elapsed on a working day at the given clock time (rulebook §2.2 Normalize): inside a
    /// segment → as is; lunch → start of the next segment; before → 0; after the last segment → the next working day.
    /// </summary>
    internal (long Position, StartReason Reason, bool NextDay) Locate(TimeOnly time)
    {
        var t = time.Ticks;
        if (t < _startTicks[0])
        {
            return (0, StartReason.BeforeWorkingHours, false);
        }

        for (var i = 0; i < _startTicks.Length; i++)
        {
            if (t < _startTicks[i])
            {
                return (_before[i], StartReason.LunchBreak, false);
            }

            if (t < _endTicks[i])
            {
                return (_before[i] + t - _startTicks[i], StartReason.InWorkingHours, false);
            }
        }

        return (0, StartReason.AfterWorkingHours, true);
    }

    /// <summary>Clock time at a working-time position in (0, DayTicks]; a position at a segment end stays at that end (rulebook §2.2).</summary>
    internal TimeOnly TimeAt(long position)
    {
        for (var i = 0; i < _startTicks.Length; i++)
        {
            if (position <= _before[i + 1])
            {
                return new TimeOnly(_startTicks[i] + position - _before[i]);
            }
        }

        return new TimeOnly(_endTicks[^1]);
    }
}
