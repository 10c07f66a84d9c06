using System.Globalization;

namespace Treatment.Core.Clock;

/// <summary>
/// Turns a receipt instant and a period into a due, counted as the Act counts it (rulebook §2–§4, §8): pure, no I/O,
/// no clock reading. Refusals come back as a <see cref="ClockError"/>, never as an exception.
/// </summary>
public sealed class DeadlineCalculator(IHolidayCalendar calendar, ClockPolicy? policy = null) : IDeadlineCalculator
{
    /// <summary>KST has had no daylight saving time since 1988, so a fixed offset is exact for the calendar's years.</summary>
    public static readonly TimeSpan KstOffset = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul").BaseUtcOffset;

    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const int MaxExtensions = 2;

    /// <summary>Act §35①: an objection may be filed within 60 days of receiving the refusal (not 90).</summary>
    private const int ObjectionFilingDays = 60;

    public IHolidayCalendar Calendar { get; } = calendar;

    public ClockPolicy Policy { get; } = policy ?? ClockPolicy.Default;

    public ClockResult<Deadline> Compute(DateTimeOffset received, TreatmentPeriod period, IReadOnlyList<ExcludedSpan>? exclusions = null, CountingMode counting = CountingMode.Statutory) =>
        Compute(new DeadlineRequest(received, period, exclusions ?? [], counting, []));

    public ClockResult<Deadline> Compute(DeadlineRequest request)
    {
        if (Validate(request) is { } error)
        {
            return error;
        }

        try
        {
            var timeline = new WorkingTimeline(Calendar, request.Exclusions);
            var received = request.Received.ToOffset(KstOffset);
            var steps = new StepCore[1 + request.Extensions.Count];
            var start = DateOnly.FromDateTime(received.DateTime);
            if (request.Counting == CountingMode.Civil && received.TimeOfDay != TimeSpan.Zero)
            {
                start = start.AddDays(1);
            }

            steps[0] = Count(timeline, 0, request.Period, request.Counting, received, start, consent: false, civilFromMidnight: request.Counting == CountingMode.Civil && received.TimeOfDay == TimeSpan.Zero);
            for (var i = 0; i < request.Extensions.Count; i++)
            {
                // Rulebook §4 (interp.): an extension continues from the day after the current due, or from the due instant.
                var previous = steps[i];
                var extension = request.Extensions[i];
                steps[i + 1] = Count(timeline, i + 1, extension.Length, request.Counting, previous.Due, previous.DueDate.AddDays(1), extension.PetitionerConsent, civilFromMidnight: false);
            }

            return new Deadline(request, Policy, timeline, steps);
        }
        catch (CalendarRangeException ex)
        {
            return new ClockError(
                ClockErrorCode.OutsideCalendar,
                $"공휴일 달력의 범위({ex.First:yyyy-MM-dd} … {ex.Last:yyyy-MM-dd})를 벗어나 기한을 계산할 수 없습니다.",
                $"the due falls outside the holiday calendar ({ex.First:yyyy-MM-dd} … {ex.Last:yyyy-MM-dd})");
        }
    }

    /// <summary>Adds one extension to a computed due (Decree §21): each ≤ the original period, at most two, the second only with consent.</summary>
    public ClockResult<Deadline> Extend(Deadline current, ClockExtension extension) =>
        Compute(current.Request with { Extensions = [.. current.Request.Extensions, extension] });

    /// <summary>The objection decision due (Act §35, Decree §40: 10 days), counted as <see cref="ClockPolicy.ObjectionDecisionCounting"/> says.</summary>
    public ClockResult<Deadline> ObjectionDecision(DateTimeOffset objectionReceived, IReadOnlyList<ExcludedSpan>? exclusions = null, IReadOnlyList<ClockExtension>? extensions = null)
    {
        var counting = Policy.ObjectionDecisionCounting == ObjectionDecisionCounting.WorkingDays ? CountingMode.Statutory : CountingMode.Civil;
        return Compute(new DeadlineRequest(objectionReceived, TreatmentPeriod.Days(Policy.ObjectionDecisionDays), exclusions ?? [], counting, extensions ?? []));
    }

    public ClockResult<Deadline> ObjectionFilingDeadline(DateTimeOffset refusalReceived) =>
        Compute(refusalReceived, TreatmentPeriod.Days(ObjectionFilingDays), counting: CountingMode.Civil);

    /// <summary>Checks the request against rulebook §4 and the period rules; null when it can be counted.</summary>
    public static ClockError? Validate(DeadlineRequest request)
    {
        if (request.Period.Unit != PeriodUnit.Immediate && request.Period.Value <= 0)
        {
            return new ClockError(ClockErrorCode.InvalidPeriod, $"처리기간 '{request.Period}'은(는) 0보다 커야 합니다.", $"period '{request.Period}' must be greater than zero");
        }

        if (request.Counting == CountingMode.Civil && request.Period.Unit == PeriodUnit.Immediate)
        {
            return new ClockError(ClockErrorCode.ImmediateNotCivil, "'즉시'는 민법 방식(civil)으로 계산할 수 없습니다.", "'immediate' has no meaning under civil counting");
        }

        foreach (var span in request.Exclusions)
        {
            if (span.From > span.To)
            {
                return new ClockError(ClockErrorCode.ExclusionReversed, $"제외 기간 {span.From:yyyy-MM-dd}..{span.To:yyyy-MM-dd}의 시작일이 종료일보다 늦습니다.", $"excluded span {span.From:yyyy-MM-dd}..{span.To:yyyy-MM-dd} ends before it starts");
            }
        }

        if (request.Extensions.Count > MaxExtensions)
        {
            return new ClockError(ClockErrorCode.TooManyExtensions, "처리기간은 두 번까지만 연장할 수 있습니다(시행령 §21).", "a treatment period can be extended at most twice (Decree §21)");
        }

        for (var i = 0; i < request.Extensions.Count; i++)
        {
            var extension = request.Extensions[i];
            if (extension.Length.Unit != PeriodUnit.Immediate && extension.Length.Value <= 0)
            {
                return new ClockError(ClockErrorCode.InvalidPeriod, $"연장 기간 '{extension.Length}'은(는) 0보다 커야 합니다.", $"extension '{extension.Length}' must be greater than zero");
            }

            if (i == 1 && !extension.PetitionerConsent)
            {
                return new ClockError(ClockErrorCode.SecondExtensionNeedsConsent, "두 번째 연장은 민원인의 동의가 있어야 합니다(시행령 §21②).", "the second extension needs the petitioner's consent (Decree §21②)");
            }

            var original = Measure(request.Period);
            var length = Measure(extension.Length);
            if (original.Scale != length.Scale)
            {
                return new ClockError(ClockErrorCode.ExtensionUnitMismatch, $"연장 기간 '{extension.Length}'을(를) 처리기간 '{request.Period}'과(와) 비교할 수 없습니다. 같은 단위로 적어 주십시오.", $"extension '{extension.Length}' cannot be compared with the period '{request.Period}'; state it in the same unit");
            }

            if (length.Amount > original.Amount)
            {
                return new ClockError(ClockErrorCode.ExtensionLongerThanOriginal, $"연장 기간 '{extension.Length}'은(는) 처리기간 '{request.Period}'을(를) 넘을 수 없습니다(시행령 §21①).", $"extension '{extension.Length}' exceeds the original period '{request.Period}' (Decree §21①)");
            }
        }

        return null;
    }

    /// <summary>Comparable length: working minutes for hours and days (1 day = 8 h, Act §19①; 1 week = 7 days), months for months and years.</summary>
    private static (int Scale, long Amount) Measure(TreatmentPeriod period) => period.Unit switch
    {
        PeriodUnit.Immediate => (0, 180),
        PeriodUnit.Hours => (0, period.Value * 60L),
        PeriodUnit.Days => (0, period.Value * 480L),
        PeriodUnit.Weeks => (0, period.Value * 7L * 480L),
        PeriodUnit.Months => (1, period.Value),
        _ => (1, period.Value * 12L),
    };

    private StepCore Count(WorkingTimeline timeline, int number, TreatmentPeriod period, CountingMode counting, DateTimeOffset from, DateOnly startDate, bool consent, bool civilFromMidnight)
    {
        if (counting == CountingMode.Civil)
        {
            var reason = civilFromMidnight ? UnitReason.CivilFromMidnight : UnitReason.CivilFirstDayExcluded;
            return period.Unit switch
            {
                PeriodUnit.Hours => ElapsedHours(number, period, from, consent),
                PeriodUnit.Days => ByCalendar(timeline, number, period, reason, from, startDate, startDate.AddDays(period.Value - 1), consent),
                PeriodUnit.Weeks => ByCalendar(timeline, number, period, reason, from, startDate, startDate.AddDays((7 * period.Value) - 1), consent),
                _ => ByCalendar(timeline, number, period, reason, from, startDate, MonthEnd(startDate, period), consent),
            };
        }

        // Statutory: an extension's start date is the day after the due; the original's is the receipt date (first day counted).
        var statutoryStart = number == 0 ? DateOnly.FromDateTime(from.DateTime) : startDate;
        return period.Unit switch
        {
            PeriodUnit.Immediate => WorkingHours(timeline, number, period, UnitReason.ImmediateIsThreeWorkingHours, from, 180 * TicksPerMinute, consent),
            PeriodUnit.Hours => WorkingHours(timeline, number, period, UnitReason.HoursAreWorkingHours, from, period.Value * 60L * TicksPerMinute, consent),
            PeriodUnit.Days when period.Value <= 5 => WorkingHours(timeline, number, period, UnitReason.UpToFiveDaysAsWorkingHours, from, period.Value * 480L * TicksPerMinute, consent),
            PeriodUnit.Days => WorkingDays(timeline, number, period, from, statutoryStart, consent),
            PeriodUnit.Weeks => ByCalendar(timeline, number, period, UnitReason.WeeksMonthsYearsByCalendar, from, statutoryStart, statutoryStart.AddDays((7 * period.Value) - 1), consent),
            _ => ByCalendar(timeline, number, period, UnitReason.WeeksMonthsYearsByCalendar, from, statutoryStart, MonthEnd(statutoryStart, period), consent),
        };
    }

    /// <summary>Civil Act §160: the day before the corresponding day, or the last day of the month when there is none.</summary>
    private static DateOnly MonthEnd(DateOnly start, TreatmentPeriod period)
    {
        var months = period.Unit == PeriodUnit.Years ? 12 * period.Value : period.Value;
        var corresponding = start.AddMonths(months);
        return corresponding.Day == start.Day ? corresponding.AddDays(-1) : corresponding;
    }

    private StepCore WorkingHours(WorkingTimeline timeline, int number, TreatmentPeriod period, UnitReason reason, DateTimeOffset from, long budget, bool consent)
    {
        var workingTime = Policy.WorkingTime;
        var date = DateOnly.FromDateTime(from.DateTime);
        long position;
        StartReason startReason;
        DateOnly day;
        if (!timeline.IsWorking(date))
        {
            (day, position, startReason) = (timeline.FirstWorkingOnOrAfter(date.AddDays(1)), 0, StartReason.NonWorkingDay);
        }
        else
        {
            var located = workingTime.Locate(TimeOnly.FromTimeSpan(from.TimeOfDay));
            (day, position, startReason) = located.NextDay
                ? (timeline.FirstWorkingOnOrAfter(date.AddDays(1)), 0L, located.Reason)
                : (date, located.Position, located.Reason);
        }

        var normalized = startReason == StartReason.InWorkingHours
            ? from
            : At(day, startReason == StartReason.LunchBreak ? NextSegmentStart(workingTime, from) : workingTime.Segments[0].Start);

        var total = position + budget;
        var dayTicks = workingTime.DayTicks;
        var extraDays = (int)((total - 1) / dayTicks);
        var dueDay = extraDays == 0 ? day : timeline.AddWorkingDays(day, extraDays + 1);
        var due = At(dueDay, workingTime.TimeAt(total - (extraDays * dayTicks)));
        return new StepCore(number, period, CountingBasis.WorkingHours, reason, from, DateOnly.FromDateTime(from.DateTime), normalized, startReason, budget, day, null, null, dueDay, due, consent);
    }

    private static TimeOnly NextSegmentStart(WorkingTimePolicy workingTime, DateTimeOffset from)
    {
        var time = TimeOnly.FromTimeSpan(from.TimeOfDay);
        foreach (var segment in workingTime.Segments)
        {
            if (segment.Start > time)
            {
                return segment.Start;
            }
        }

        return workingTime.Segments[0].Start;
    }

    private StepCore WorkingDays(WorkingTimeline timeline, int number, TreatmentPeriod period, DateTimeOffset from, DateOnly startDate, bool consent)
    {
        var firstDay = timeline.FirstWorkingOnOrAfter(startDate);
        var dueDate = timeline.AddWorkingDays(firstDay, period.Value);
        return new StepCore(number, period, CountingBasis.WorkingDays, UnitReason.SixDaysOrMoreAsWorkingDays, from, startDate, null, null, 0, firstDay, null, null, dueDate, EndOf(dueDate), consent);
    }

    private StepCore ByCalendar(WorkingTimeline timeline, int number, TreatmentPeriod period, UnitReason reason, DateTimeOffset from, DateOnly startDate, DateOnly calendarEnd, bool consent)
    {
        // Excluded dates inside the period push its end by as many calendar days (literal-days reading, rulebook §3.1).
        var excludedEnd = timeline.AddCalendarDays(startDate, calendarEnd.DayNumber - startDate.DayNumber + 1);
        var dueDate = timeline.FirstWorkingOnOrAfter(excludedEnd);
        return new StepCore(number, period, CountingBasis.CalendarDays, reason, from, startDate, null, null, 0, startDate, calendarEnd, excludedEnd, dueDate, EndOf(dueDate), consent);
    }

    private StepCore ElapsedHours(int number, TreatmentPeriod period, DateTimeOffset from, bool consent)
    {
        var budget = period.Value * 60L * TicksPerMinute;
        var due = from.AddTicks(budget);
        var dueDate = DateOnly.FromDateTime(due.DateTime);
        return new StepCore(number, period, CountingBasis.ElapsedHours, UnitReason.CivilHoursFromInstant, from, DateOnly.FromDateTime(from.DateTime), null, null, budget, null, null, null, dueDate, due, consent);
    }

    private DateTimeOffset EndOf(DateOnly date) => At(date, Policy.EndOfDay);

    private static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), KstOffset);

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
