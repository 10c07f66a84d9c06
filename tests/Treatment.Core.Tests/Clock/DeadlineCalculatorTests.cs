using Treatment.Core.Clock;
using static Treatment.Core.Tests.Clock.TestCalendar;

namespace Treatment.Core.Tests.Clock;

/// <summary>The clock test vectors of rulebook §14 (numbers as there).</summary>
public sealed class DeadlineCalculatorTests
{
    private static Deadline Due(DateTimeOffset received, string period, IReadOnlyList<ExcludedSpan>? exclusions = null, CountingMode counting = CountingMode.Statutory)
    {
        Assert.True(TreatmentPeriod.TryParse(period, out var p));
        var result = Calculator.Compute(received, p, exclusions, counting);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value!;
    }

    [Theory]
    [InlineData(1, "2025-07-07T10:00", "immediate", "2025-07-07T14:00+09:00")]
    [InlineData(2, "2025-07-11T16:30", "immediate", "2025-07-14T10:30+09:00")]
    [InlineData(3, "2025-07-07T10:00", "3d", "2025-07-10T10:00+09:00")]
    [InlineData(4, "2025-12-24T15:00", "1d", "2025-12-26T15:00+09:00")]
    [InlineData(6, "2025-03-01T11:00", "2d", "2025-03-05T18:00+09:00")]
    [InlineData(7, "2025-07-07T12:30", "2d", "2025-07-09T12:00+09:00")]
    [InlineData(8, "2025-07-08T07:45", "1d", "2025-07-08T18:00+09:00")]
    [InlineData(9, "2025-07-08T19:10", "1d", "2025-07-09T18:00+09:00")]
    [InlineData(25, "2025-08-14T16:00", "8h", "2025-08-18T16:00+09:00")]
    [InlineData(26, "2025-07-08T11:30", "1h", "2025-07-08T13:30+09:00")]
    [InlineData(27, "2026-07-16T17:00", "8h", "2026-07-20T17:00+09:00")]
    [InlineData(30, "2026-04-30T10:00", "3d", "2026-05-07T10:00+09:00")]
    [InlineData(34, "2025-06-02T14:00", "3d", "2025-06-09T14:00+09:00")]
    public void Compute_HourBasedVector_MatchesRulebook(int vector, string receivedKst, string period, string expected)
    {
        var received = DateTimeOffset.Parse(receivedKst + "+09:00", System.Globalization.CultureInfo.InvariantCulture);

        var deadline = Due(received, period);

        Assert.True(deadline.HasTimeOfDay, $"vector #{vector} is counted in working hours");
        Assert.Equal(expected, deadline.DueText);
    }

    [Theory]
    [InlineData(10, "2025-07-07", "14d", "2025-07-24")]
    [InlineData(11, "2025-07-07", "7d", "2025-07-15")]
    [InlineData(13, "2025-05-28", "7d", "2025-06-09")]
    [InlineData(14, "2025-02-01", "10d", "2025-02-14")]
    [InlineData(15, "2025-03-10", "1mo", "2025-04-09")]
    [InlineData(18, "2026-02-11", "2w", "2026-02-24")]
    [InlineData(35, "2026-07-13", "7d", "2026-07-22")]
    public void Compute_DayBasedVector_MatchesRulebook(int vector, string receivedDate, string period, string expected)
    {
        var received = DateTimeOffset.Parse(receivedDate + "T10:00+09:00", System.Globalization.CultureInfo.InvariantCulture);

        var deadline = Due(received, period);

        Assert.False(deadline.HasTimeOfDay, $"vector #{vector} is counted in days");
        Assert.Equal(expected, deadline.DueText);
    }

    [Theory]
    [InlineData("노동절", "2026-04-30T10:00", "3d", "2026-05-06T10:00+09:00")] // vector #30 without 05-01
    [InlineData("제헌절", "2026-07-16T17:00", "8h", "2026-07-17T17:00+09:00")] // vector #27 without 07-17 (the rulebook says 16:00, but 1 h Thu + 7 h Fri ends 17:00)
    public void Compute_Uncertain2026RuleRemovedFromData_GivesAlternativeDue(string rule, string receivedKst, string period, string expected)
    {
        // The ⚠ [3P] rows are data: dropping one (as a correction would) gives the alternative the rulebook names.
        var calendar = new HolidayCalendar(Repository.Rules.Where(r => r.Name != rule), Repository.Entries, 2025, 2027);
        var received = DateTimeOffset.Parse(receivedKst + "+09:00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(TreatmentPeriod.TryParse(period, out var p));

        var deadline = new DeadlineCalculator(calendar).Compute(received, p).Value!;

        Assert.Equal(expected, deadline.DueText);
    }

    [Fact]
    public void Compute_Vector22_SupplementSpanIncludingBothEnds_IsNotCounted()
    {
        var supplement = new ExcludedSpan(ExclusionType.Supplement, new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 16));

        var deadline = Due(Kst(2026, 3, 9, 10), "10d", [supplement]);

        Assert.Equal(new DateOnly(2026, 3, 26), deadline.DueDate);
    }

    [Fact]
    public void Compute_Vector23_CivilSevenDays_FirstDayExcludedAndRolledForward()
    {
        var deadline = Due(Kst(2025, 9, 30, 15), "7d", counting: CountingMode.Civil);

        Assert.Equal("2025-10-10", deadline.DueText);
        Assert.Equal(UnitReason.CivilFirstDayExcluded, deadline.Explanation.Steps[0].UnitReason);
    }

    [Fact]
    public void ObjectionFilingDeadline_SixtyDaysCivil_FirstDayExcluded()
    {
        // Refusal received 2025-08-01 (Fri): day 60 counted from 08-02 is 2025-09-30 (Tue), a working day.
        var deadline = Calculator.ObjectionFilingDeadline(Kst(2025, 8, 1, 11)).Value!;

        Assert.Equal(new DateOnly(2025, 9, 30), deadline.DueDate);
        Assert.Equal(CountingMode.Civil, deadline.Request.Counting);
    }

    [Fact]
    public void ObjectionFilingDeadline_SixtiethDayOnHolidays_RollsToNextWorkingDay()
    {
        // Refusal received 2025-08-09: day 60 is 2025-10-08 (대체공휴일), 10-09 한글날 → 2025-10-10 (Civil Act §161).
        var deadline = Calculator.ObjectionFilingDeadline(Kst(2025, 8, 9, 11)).Value!;

        Assert.Equal(new DateOnly(2025, 10, 10), deadline.DueDate);
    }

    [Fact]
    public void Compute_CivilStartingAtMidnight_CountsFirstDay()
    {
        var deadline = Due(Kst(2025, 9, 29, 0), "7d", counting: CountingMode.Civil);

        Assert.Equal(UnitReason.CivilFromMidnight, deadline.Explanation.Steps[0].UnitReason);
        Assert.Equal(new DateOnly(2025, 10, 10), deadline.DueDate); // 10-05 is day 7, holidays to 10-09
    }

    [Fact]
    public void Compute_MonthFromLastDayOfLongMonth_EndsOnLastDayOfShortMonth()
    {
        // Civil Act §160③ applied through Act §19③: no 31st in the last month.
        var deadline = Due(Kst(2027, 1, 31, 10), "1mo");

        Assert.Equal(new DateOnly(2027, 3, 2), deadline.DueDate); // 2027-02-28 is a Sunday, 03-01 3·1절
        Assert.Equal(new DateOnly(2027, 2, 28), deadline.Explanation.Steps[0].CalendarEnd);
    }

    [Fact]
    public void Compute_DayBasedDue_InstantIsEndOfDayKst()
    {
        var deadline = Due(Kst(2025, 7, 7, 10), "14d");

        Assert.Equal(new DateTimeOffset(2025, 7, 24, 23, 59, 59, TimeSpan.FromHours(9)), deadline.Due);
    }

    [Fact]
    public void Compute_ReceivedInUtc_CountsInKst()
    {
        // 2025-07-07 01:00Z = 10:00 KST (vector #1).
        var deadline = Due(new DateTimeOffset(2025, 7, 7, 1, 0, 0, TimeSpan.Zero), "immediate");

        Assert.Equal("2025-07-07T14:00+09:00", deadline.DueText);
    }

    [Fact]
    public void Compute_HourBasedWithExcludedDay_SkipsExcludedDate()
    {
        var transit = new ExcludedSpan(ExclusionType.Transit, new DateOnly(2025, 7, 8), new DateOnly(2025, 7, 8));

        var deadline = Due(Kst(2025, 7, 7, 10), "3d", [transit]);

        Assert.Equal("2025-07-11T10:00+09:00", deadline.DueText);
    }

    [Fact]
    public void Compute_MonthWithExclusion_PushesEndByExcludedCalendarDays()
    {
        var expert = new ExcludedSpan(ExclusionType.ExpertProcedure, new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 24));

        var deadline = Due(Kst(2025, 3, 10, 10), "1mo", [expert]);

        Assert.Equal(new DateOnly(2025, 4, 14), deadline.DueDate); // 04-09 + 5 days = 04-14 (Mon)
    }

    [Fact]
    public void Compute_ImmediateWithCivilCounting_ReturnsTypedError()
    {
        var result = Calculator.Compute(Kst(2025, 7, 7, 10), TreatmentPeriod.Immediate, counting: CountingMode.Civil);

        Assert.False(result.IsSuccess);
        Assert.Equal(ClockErrorCode.ImmediateNotCivil, result.Error!.Code);
    }

    [Fact]
    public void Compute_ReversedExclusion_ReturnsTypedError()
    {
        var reversed = new ExcludedSpan(ExclusionType.Supplement, new DateOnly(2025, 7, 9), new DateOnly(2025, 7, 8));

        var result = Calculator.Compute(Kst(2025, 7, 7, 10), TreatmentPeriod.Days(10), [reversed]);

        Assert.Equal(ClockErrorCode.ExclusionReversed, result.Error!.Code);
    }

    [Fact]
    public void Compute_BeyondCalendar_ReturnsOutsideCalendarError()
    {
        var result = Calculator.Compute(Kst(2050, 12, 1, 10), new TreatmentPeriod(PeriodUnit.Years, 1));

        Assert.Equal(ClockErrorCode.OutsideCalendar, result.Error!.Code);
        Assert.Contains("2050-12-31", result.Error.MessageEn, StringComparison.Ordinal);
    }
}
