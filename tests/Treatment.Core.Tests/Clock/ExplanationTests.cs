using Treatment.Core.Clock;
using static Treatment.Core.Tests.Clock.TestCalendar;

namespace Treatment.Core.Tests.Clock;

public sealed class ExplanationTests
{
    [Fact]
    public void Explanation_HoursAcrossChuseok_ListsEachSkippedHolidayWithName()
    {
        var deadline = Calculator.Compute(Kst(2025, 10, 2, 15), TreatmentPeriod.Days(2)).Value!;

        var skipped = deadline.Explanation.Steps[0].SkippedDates;

        Assert.Contains(skipped, s => s.Date == new DateOnly(2025, 10, 6) && s.Reason == SkipReason.Holiday && s.Name == "추석");
        Assert.Contains(skipped, s => s.Date == new DateOnly(2025, 10, 8) && s.Name == "대체공휴일(추석)");
        Assert.Contains(skipped, s => s.Date == new DateOnly(2025, 10, 4) && s.Reason == SkipReason.Saturday);
        Assert.Contains("2025-10-06 추석", deadline.Explanation.ToText("ko"), StringComparison.Ordinal);
        Assert.Contains("2025-10-06 Chuseok", deadline.Explanation.ToText("en"), StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_ShortDays_SaysCountedInHoursAndWhy()
    {
        var deadline = Calculator.Compute(Kst(2025, 7, 7, 12, 30), TreatmentPeriod.Days(2)).Value!;

        var step = deadline.Explanation.Steps[0];

        Assert.Equal(UnitReason.UpToFiveDaysAsWorkingHours, step.UnitReason);
        Assert.Equal(StartReason.LunchBreak, step.StartReason);
        Assert.Equal(Kst(2025, 7, 7, 13), step.NormalizedStart);
        Assert.Equal(TimeSpan.FromHours(16), step.WorkingTime);
        Assert.Contains("5일 이하", deadline.Explanation.ToText(), StringComparison.Ordinal);
        Assert.Contains("lunch break", deadline.Explanation.ToText("en"), StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_ExcludedSpan_ListedAsExcludedWithType()
    {
        var supplement = new ExcludedSpan(ExclusionType.Supplement, new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 16));

        var deadline = Calculator.Compute(Kst(2026, 3, 9, 10), TreatmentPeriod.Days(10), [supplement]).Value!;

        var excluded = deadline.Explanation.Steps[0].SkippedDates.Where(s => s.Reason == SkipReason.Excluded).Select(s => s.Date).ToList();
        Assert.Equal([new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 16)], excluded);
        Assert.Contains("처리기간 제외(보완)", deadline.Explanation.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_Extension_IsSecondStepWithDecreeReference()
    {
        var original = Calculator.Compute(Kst(2025, 7, 7, 10), TreatmentPeriod.Days(14)).Value!;
        var extended = Calculator.Extend(original, new ClockExtension(TreatmentPeriod.Days(14))).Value!;

        var text = extended.Explanation.ToText("en");

        Assert.Equal(2, extended.Explanation.Steps.Count);
        Assert.Contains("Extension 1: 14 days", text, StringComparison.Ordinal);
        Assert.Contains("2025-08-13", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_CalendarRollForward_ListsRolledOverDays()
    {
        var deadline = Calculator.Compute(Kst(2025, 9, 30, 15), TreatmentPeriod.Days(7), counting: CountingMode.Civil).Value!;

        var skipped = deadline.Explanation.Steps[0].SkippedDates.Select(s => s.Date).ToList();

        Assert.Equal([new DateOnly(2025, 10, 7), new DateOnly(2025, 10, 8), new DateOnly(2025, 10, 9)], skipped);
    }
}
