namespace Treatment.Core.Clock;

/// <summary>
/// A computed due: the instant, the date, how it is shown, and (built on first use) the full explanation.
/// For day and calendar counts the instant is the end of the day (<see cref="ClockPolicy.EndOfDay"/>).
/// </summary>
public sealed class Deadline
{
    private readonly WorkingTimeline _timeline;
    private readonly StepCore[] _steps;
    private DeadlineExplanation? _explanation;

    internal Deadline(DeadlineRequest request, ClockPolicy policy, WorkingTimeline timeline, StepCore[] steps)
    {
        Request = request;
        Policy = policy;
        _timeline = timeline;
        _steps = steps;
    }

    public DeadlineRequest Request { get; }

    public ClockPolicy Policy { get; }

    public DateTimeOffset Due => _steps[^1].Due;

    public DateOnly DueDate => _steps[^1].DueDate;

    /// <summary>How the last step was counted (an extension may count differently from the original period).</summary>
    public CountingBasis Basis => _steps[^1].Basis;

    /// <summary>True when the due has a time of day (counted in hours), false when it is a whole day.</summary>
    public bool HasTimeOfDay => Basis is CountingBasis.WorkingHours or CountingBasis.ElapsedHours;

    /// <summary>YYYY-MM-DDTHH:MM+09:00 when counted in hours, YYYY-MM-DD otherwise (the CLI's first line).</summary>
    public string DueText => HasTimeOfDay
        ? Due.ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture)
        : DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public DeadlineExplanation Explanation => _explanation ??= Explain();

    private DeadlineExplanation Explain()
    {
        var steps = _steps.Select(s => new ClockStep(
            s.Number,
            s.Period,
            s.Basis,
            s.UnitReason,
            s.CountFrom,
            s.NormalizedStart,
            s.StartReason,
            s.Basis == CountingBasis.WorkingHours ? TimeSpan.FromTicks(s.BudgetTicks) : s.Basis == CountingBasis.ElapsedHours ? TimeSpan.FromTicks(s.BudgetTicks) : null,
            s.FirstCountedDay,
            s.CalendarEnd,
            s.DueDate,
            s.Due,
            s.Consent,
            Skipped(s))).ToList();
        return new DeadlineExplanation(Request.Received, Request.Counting, Policy.Name, Policy.WorkingTime, Request.Exclusions, steps, Due, DueText, HasTimeOfDay);
    }

    private List<SkippedDate> Skipped(StepCore step)
    {
        var skipped = new List<SkippedDate>();
        switch (step.Basis)
        {
            case CountingBasis.WorkingHours or CountingBasis.WorkingDays:
                for (var d = step.ScanFrom; d < step.DueDate; d = d.AddDays(1))
                {
                    if (!_timeline.IsWorking(d))
                    {
                        skipped.Add(Classify(d));
                    }
                }

                break;
            case CountingBasis.CalendarDays:
                var excludedEnd = step.ExcludedEnd ?? step.DueDate;
                for (var d = step.ScanFrom; d <= excludedEnd; d = d.AddDays(1))
                {
                    if (_timeline.IsExcluded(d))
                    {
                        skipped.Add(Excluded(d));
                    }
                }

                // Civil Act §161: a last day on a Saturday or holiday moves to the next day.
                for (var d = excludedEnd; d < step.DueDate; d = d.AddDays(1))
                {
                    if (!_timeline.IsWorking(d) && !_timeline.IsExcluded(d))
                    {
                        skipped.Add(Classify(d));
                    }
                }

                break;
        }

        return skipped;
    }

    private SkippedDate Classify(DateOnly date)
    {
        if (_timeline.Calendar.IsHoliday(date, out var holidays) && holidays[0].Kind != HolidayKind.Sunday)
        {
            return new SkippedDate(date, SkipReason.Holiday, string.Join(" · ", holidays.Select(h => h.Name)), string.Join(" · ", holidays.Select(h => h.NameEn)));
        }

        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => new SkippedDate(date, SkipReason.Saturday, "토요일", "Saturday"),
            DayOfWeek.Sunday => new SkippedDate(date, SkipReason.Sunday, "일요일", "Sunday"),
            _ => Excluded(date),
        };
    }

    private SkippedDate Excluded(DateOnly date)
    {
        var type = Request.Exclusions.FirstOrDefault(e => e.From <= date && date <= e.To).Type;
        return new SkippedDate(date, SkipReason.Excluded, $"처리기간 제외({ExclusionNames.Korean(type)})", $"excluded period ({ExclusionNames.English(type)})");
    }
}

/// <summary>The internal record of one counting step; the public <see cref="ClockStep"/> is built from it on demand.</summary>
internal readonly record struct StepCore(
    int Number,
    TreatmentPeriod Period,
    CountingBasis Basis,
    UnitReason UnitReason,
    DateTimeOffset CountFrom,
    DateOnly ScanFrom,
    DateTimeOffset? NormalizedStart,
    StartReason? StartReason,
    long BudgetTicks,
    DateOnly? FirstCountedDay,
    DateOnly? CalendarEnd,
    DateOnly? ExcludedEnd,
    DateOnly DueDate,
    DateTimeOffset Due,
    bool Consent);
