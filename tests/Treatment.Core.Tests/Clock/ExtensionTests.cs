using Treatment.Core.Clock;
using static Treatment.Core.Tests.Clock.TestCalendar;

namespace Treatment.Core.Tests.Clock;

/// <summary>Extensions (Decree §21, rulebook §4) and the objection decision (Decree §40, rulebook §8).</summary>
public sealed class ExtensionTests
{
    private static readonly DateTimeOffset Received = Kst(2025, 7, 7, 10);

    [Fact]
    public void Extend_Vector19_FourteenDaysResumeDayAfterDue()
    {
        var original = Calculator.Compute(Received, TreatmentPeriod.Days(14)).Value!;

        var extended = Calculator.Extend(original, new ClockExtension(TreatmentPeriod.Days(14)));

        Assert.True(extended.IsSuccess);
        Assert.Equal(new DateOnly(2025, 8, 13), extended.Value!.DueDate);
        Assert.Equal(new DateOnly(2025, 7, 25), extended.Value.Explanation.Steps[1].FirstCountedDay);
    }

    [Fact]
    public void Extend_Vector21_LongerThanOriginal_Rejected()
    {
        var original = Calculator.Compute(Received, TreatmentPeriod.Days(14)).Value!;

        var extended = Calculator.Extend(original, new ClockExtension(TreatmentPeriod.Days(20)));

        Assert.False(extended.IsSuccess);
        Assert.Equal(ClockErrorCode.ExtensionLongerThanOriginal, extended.Error!.Code);
        Assert.Contains("시행령 §21", extended.Error.MessageKo, StringComparison.Ordinal);
        Assert.Contains("Decree §21", extended.Error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Extend_Vector21_ThirdExtension_Rejected()
    {
        var request = new DeadlineRequest(Received, TreatmentPeriod.Days(14), [], CountingMode.Statutory,
            [new ClockExtension(TreatmentPeriod.Days(14)), new ClockExtension(TreatmentPeriod.Days(14), true)]);
        var twice = Calculator.Compute(request).Value!;

        var third = Calculator.Extend(twice, new ClockExtension(TreatmentPeriod.Days(7), true));

        Assert.Equal(ClockErrorCode.TooManyExtensions, third.Error!.Code);
    }

    [Fact]
    public void Extend_SecondWithoutConsent_Rejected()
    {
        var once = Calculator.Extend(Calculator.Compute(Received, TreatmentPeriod.Days(14)).Value!, new ClockExtension(TreatmentPeriod.Days(14))).Value!;

        var second = Calculator.Extend(once, new ClockExtension(TreatmentPeriod.Days(14), PetitionerConsent: false));

        Assert.Equal(ClockErrorCode.SecondExtensionNeedsConsent, second.Error!.Code);
    }

    [Fact]
    public void Extend_SecondWithConsent_ContinuesAfterFirstExtension()
    {
        var once = Calculator.Extend(Calculator.Compute(Received, TreatmentPeriod.Days(14)).Value!, new ClockExtension(TreatmentPeriod.Days(14))).Value!;

        var second = Calculator.Extend(once, new ClockExtension(TreatmentPeriod.Days(7), PetitionerConsent: true));

        // 08-14 (1), 08-15 광복절 skipped, 08-18..08-22 (2–6), 08-25 (7).
        Assert.Equal(new DateOnly(2025, 8, 25), second.Value!.DueDate);
    }

    [Fact]
    public void Extend_HourBased_ContinuesFromDueInstant()
    {
        var original = Calculator.Compute(Kst(2025, 7, 7, 10), TreatmentPeriod.Days(3)).Value!;

        var extended = Calculator.Extend(original, new ClockExtension(TreatmentPeriod.Days(2)));

        Assert.Equal("2025-07-14T10:00+09:00", extended.Value!.DueText);
    }

    [Fact]
    public void Extend_MonthsExtendedByDays_UnitMismatchRejected()
    {
        var original = Calculator.Compute(Received, new TreatmentPeriod(PeriodUnit.Months, 1)).Value!;

        var extended = Calculator.Extend(original, new ClockExtension(TreatmentPeriod.Days(10)));

        Assert.Equal(ClockErrorCode.ExtensionUnitMismatch, extended.Error!.Code);
    }

    [Fact]
    public void ObjectionDecision_Vector29_WorkingDaysThenExtension()
    {
        var received = Kst(2026, 6, 1, 10);

        var decision = Calculator.ObjectionDecision(received).Value!;
        var extended = Calculator.ObjectionDecision(received, extensions: [new ClockExtension(TreatmentPeriod.Days(10))]).Value!;

        Assert.Equal(new DateOnly(2026, 6, 15), decision.DueDate);
        Assert.Equal(new DateOnly(2026, 6, 29), extended.DueDate);
    }

    [Fact]
    public void ObjectionDecision_CalendarDaysPolicy_Vector29Variant()
    {
        var policy = ClockPolicy.Default with { Name = "objection-calendar-days", ObjectionDecisionCounting = ObjectionDecisionCounting.CalendarDays };
        var calculator = new DeadlineCalculator(Repository, policy);

        var decision = calculator.ObjectionDecision(Kst(2026, 6, 1, 10)).Value!;

        Assert.Equal(new DateOnly(2026, 6, 11), decision.DueDate);
    }
}
