using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Treatment.Core.Clock;

namespace Treatment.Core.Tests.Clock;

/// <summary>A random clock input: receipt 2015–2049 (so a year's period stays inside the calendar), period, optional exclusion.</summary>
public sealed record ClockCase(DateTimeOffset Received, TreatmentPeriod Period, CountingMode Counting, ExcludedSpan Exclusion)
{
    public override string ToString() => $"{Received:yyyy-MM-ddTHH:mmzzz} {Period} {Counting} exclude {Exclusion.From:yyyy-MM-dd}..{Exclusion.To:yyyy-MM-dd}";
}

public static class ClockArbitraries
{
    public static Arbitrary<ClockCase> Cases()
    {
        var first = new DateOnly(2015, 1, 1).DayNumber;
        var last = new DateOnly(2049, 6, 30).DayNumber;
        var periods = Gen.OneOf(
            Gen.Constant(TreatmentPeriod.Immediate),
            Gen.Choose(1, 40).Select(n => new TreatmentPeriod(PeriodUnit.Hours, n)),
            Gen.Choose(1, 5).Select(TreatmentPeriod.Days),
            Gen.Choose(6, 90).Select(TreatmentPeriod.Days),
            Gen.Choose(1, 8).Select(n => new TreatmentPeriod(PeriodUnit.Weeks, n)),
            Gen.Choose(1, 12).Select(n => new TreatmentPeriod(PeriodUnit.Months, n)),
            Gen.Constant(new TreatmentPeriod(PeriodUnit.Years, 1)));
        var cases =
            from day in Gen.Choose(first, last)
            from minute in Gen.Choose(0, (24 * 60) - 1)
            from period in periods
            from civil in Gen.Elements(false, false, false, true)
            from offset in Gen.Choose(-5, 60)
            from length in Gen.Choose(0, 10)
            let received = new DateTimeOffset(DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue).AddMinutes(minute), TimeSpan.FromHours(9))
            let spanStart = DateOnly.FromDayNumber(day + offset)
            select new ClockCase(
                received,
                period,
                civil && period.Unit != PeriodUnit.Immediate ? CountingMode.Civil : CountingMode.Statutory,
                new ExcludedSpan(ExclusionType.Supplement, spanStart, spanStart.AddDays(length)));
        return cases.ToArbitrary();
    }
}

public sealed class ClockPropertyTests
{
    private static Deadline Compute(ClockCase c, bool withExclusion)
    {
        var result = TestCalendar.Calculator.Compute(c.Received, c.Period, withExclusion ? [c.Exclusion] : [], c.Counting);
        return result.Value ?? throw new InvalidOperationException($"{c}: {result.Error}");
    }

    [Property(Arbitrary = [typeof(ClockArbitraries)], MaxTest = 2000)]
    public bool Compute_AnyReceipt_DueNeverBeforeReceipt(ClockCase c) =>
        Compute(c, withExclusion: false).Due >= c.Received && Compute(c, withExclusion: true).Due >= c.Received;

    [Property(Arbitrary = [typeof(ClockArbitraries)], MaxTest = 2000)]
    public bool Compute_DayCounted_DueIsWorkingNonExcludedDay(ClockCase c)
    {
        var deadline = Compute(c, withExclusion: true);
        if (deadline.HasTimeOfDay)
        {
            return true;
        }

        return TestCalendar.Repository.IsWorkingDay(deadline.DueDate)
            && (deadline.DueDate < c.Exclusion.From || deadline.DueDate > c.Exclusion.To);
    }

    [Property(Arbitrary = [typeof(ClockArbitraries)], MaxTest = 2000)]
    public bool Compute_AddingExclusion_NeverMakesDueEarlier(ClockCase c) =>
        Compute(c, withExclusion: true).Due >= Compute(c, withExclusion: false).Due;

    [Property(Arbitrary = [typeof(ClockArbitraries)], MaxTest = 2000)]
    public bool Compute_HourCounted_DueInsideWorkingSegmentOrAtItsEnd(ClockCase c)
    {
        var deadline = Compute(c, withExclusion: true);
        if (deadline.Basis != CountingBasis.WorkingHours)
        {
            return true;
        }

        var time = TimeOnly.FromDateTime(deadline.Due.DateTime);
        var inSegment = WorkingTimePolicy.GovernmentOffice.Segments.Any(s => time > s.Start && time <= s.End);
        var excluded = deadline.DueDate >= c.Exclusion.From && deadline.DueDate <= c.Exclusion.To;
        return inSegment && !excluded && TestCalendar.Repository.IsWorkingDay(deadline.DueDate) && deadline.Due.Offset == TimeSpan.FromHours(9);
    }

    [Property(Arbitrary = [typeof(ClockArbitraries)], MaxTest = 500)]
    public bool Compute_WorkingDays_EqualsDayByDayCount(ClockCase c)
    {
        // Cross-check of the index arithmetic against a naive walk (Act §19②, first day counted).
        if (c.Counting != CountingMode.Statutory || c.Period.Unit != PeriodUnit.Days || c.Period.Value < 6)
        {
            return true;
        }

        var deadline = Compute(c, withExclusion: true);
        var day = DateOnly.FromDateTime(c.Received.DateTime);
        var counted = 0;
        while (true)
        {
            var excluded = day >= c.Exclusion.From && day <= c.Exclusion.To;
            if (TestCalendar.Repository.IsWorkingDay(day) && !excluded && ++counted == c.Period.Value)
            {
                return day == deadline.DueDate;
            }

            day = day.AddDays(1);
        }
    }

    [Property(Arbitrary = [typeof(ClockArbitraries)], MaxTest = 300)]
    public bool Compute_WorkingHours_EqualsMinuteByMinuteCount(ClockCase c)
    {
        // Cross-check of Normalize + AddWorkingMinutes (rulebook §2.2) against a naive minute walk.
        if (c.Counting != CountingMode.Statutory || c.Period.Unit is not (PeriodUnit.Immediate or PeriodUnit.Hours or PeriodUnit.Days) || (c.Period.Unit == PeriodUnit.Days && c.Period.Value > 5))
        {
            return true;
        }

        var deadline = Compute(c, withExclusion: true);
        var remaining = c.Period.Unit switch
        {
            PeriodUnit.Immediate => 180,
            PeriodUnit.Hours => c.Period.Value * 60,
            _ => c.Period.Value * 480,
        };
        var t = c.Received;
        while (true)
        {
            var day = DateOnly.FromDateTime(t.DateTime);
            var time = TimeOnly.FromDateTime(t.DateTime);
            var working = TestCalendar.Repository.IsWorkingDay(day)
                && (day < c.Exclusion.From || day > c.Exclusion.To)
                && WorkingTimePolicy.GovernmentOffice.Segments.Any(s => time >= s.Start && time < s.End);
            t = t.AddMinutes(1);
            if (working && --remaining == 0)
            {
                return t == deadline.Due;
            }
        }
    }
}
