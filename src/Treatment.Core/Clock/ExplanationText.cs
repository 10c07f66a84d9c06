using System.Globalization;
using System.Text;

namespace Treatment.Core.Clock;

/// <summary>Renders a <see cref="DeadlineExplanation"/> as plain text in Korean or English.</summary>
internal static class ExplanationText
{
    private static readonly string[] KoreanWeekdays = ["일", "월", "화", "수", "목", "금", "토"];

    public static string Render(DeadlineExplanation e, bool english)
    {
        var text = new StringBuilder();
        var dueLine = e.HasTimeOfDay ? Instant(e.Due, english) : $"{Day(DateOnly.FromDateTime(e.Due.DateTime), english)}";
        text.AppendLine(english
            ? $"Due: {dueLine}{(e.HasTimeOfDay ? "" : $" (end of day; overdue after {e.Due.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} KST)")}"
            : $"처리기한: {dueLine}{(e.HasTimeOfDay ? "" : $" (그날 끝까지, {e.Due.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} 이후 기한 경과)")}");
        text.AppendLine(english ? $"Received: {Instant(e.Received, english)}" : $"접수: {Instant(e.Received, english)}");
        text.AppendLine(english
            ? $"Counting: {(e.Counting == CountingMode.Statutory ? "statutory (Act §19, first day counted)" : "civil (Civil Act §§156–161, first day excluded)")}; policy {e.PolicyName}, working time {Segments(e.WorkingTime)}"
            : $"계산 방식: {(e.Counting == CountingMode.Statutory ? "민원처리법 §19 (초일 산입)" : "민법 §§156–161 (초일 불산입)")}; 정책 {e.PolicyName}, 근무시간 {Segments(e.WorkingTime)}");
        foreach (var span in e.Exclusions)
        {
            text.AppendLine(english
                ? $"Excluded period: {Format(span.From)} … {Format(span.To)} ({ExclusionNames.English(span.Type)}; every date of the span is not counted)"
                : $"처리기간 제외: {Format(span.From)} … {Format(span.To)} ({ExclusionNames.Korean(span.Type)}; 그 기간의 날은 모두 세지 않음)");
        }

        foreach (var step in e.Steps)
        {
            AppendStep(text, step, english);
        }

        return text.ToString();
    }

    private static void AppendStep(StringBuilder text, ClockStep step, bool english)
    {
        var title = step.Number == 0
            ? (english ? $"Period {Period(step.Period, true)}" : $"처리기간 {Period(step.Period, false)}")
            : (english
                ? $"Extension {step.Number}: {Period(step.Period, true)}{(step.PetitionerConsent ? ", with the petitioner's consent" : "")} (Decree §21)"
                : $"연장 {step.Number}: {Period(step.Period, false)}{(step.PetitionerConsent ? ", 민원인 동의" : "")} (시행령 §21)");
        text.AppendLine($"{title} — {Reason(step.UnitReason, english)}");
        if (step.NormalizedStart is { } start && step.StartReason is { } why)
        {
            text.AppendLine(english
                ? $"  Counting starts {Instant(start, true)}: {StartReasonText(why, true)}"
                : $"  기산 시각 {Instant(start, false)}: {StartReasonText(why, false)}");
        }

        if (step.WorkingTime is { } budget)
        {
            text.AppendLine(english ? $"  Time counted: {Hours(budget)} h" : $"  계산한 시간: {Hours(budget)}시간");
        }

        if (step.Basis == CountingBasis.WorkingDays && step.FirstCountedDay is { } first)
        {
            text.AppendLine(english ? $"  Day 1: {Day(first, true)}" : $"  첫째 날: {Day(first, false)}");
        }

        if (step.Basis == CountingBasis.CalendarDays && step.CalendarEnd is { } end)
        {
            text.AppendLine(english
                ? $"  Counted from {Day(step.FirstCountedDay ?? end, true)}; the period ends on {Day(end, true)} by the calendar"
                : $"  {Day(step.FirstCountedDay ?? end, false)}부터 계산, 역법상 만료일 {Day(end, false)}");
        }

        var weekends = step.SkippedDates.Where(s => s.Reason is SkipReason.Saturday or SkipReason.Sunday).ToList();
        foreach (var skipped in step.SkippedDates.Where(s => s.Reason is SkipReason.Holiday or SkipReason.Excluded))
        {
            text.AppendLine($"  {(english ? "Not counted" : "제외")}: {Format(skipped.Date)} {(english ? skipped.NameEn : skipped.Name)}");
        }

        if (weekends.Count > 0)
        {
            var dates = string.Join(", ", weekends.Select(w => w.Date.ToString("MM-dd", CultureInfo.InvariantCulture)));
            text.AppendLine(english ? $"  Not counted (weekend, {weekends.Count} days): {dates}" : $"  제외(토·일요일 {weekends.Count}일): {dates}");
        }

        text.AppendLine(english
            ? $"  → {(step.Basis is CountingBasis.WorkingHours or CountingBasis.ElapsedHours ? Instant(step.Due, true) : Day(step.DueDate, true))}"
            : $"  → {(step.Basis is CountingBasis.WorkingHours or CountingBasis.ElapsedHours ? Instant(step.Due, false) : Day(step.DueDate, false))}");
    }

    private static string Reason(UnitReason reason, bool english) => (reason, english) switch
    {
        (UnitReason.ImmediateIsThreeWorkingHours, false) => "즉시 = 근무시간 3시간 이내 (시행령 §19)",
        (UnitReason.ImmediateIsThreeWorkingHours, true) => "immediately = within 3 working hours (Decree §19)",
        (UnitReason.HoursAreWorkingHours, false) => "시간 단위: 접수 시각부터 근무시간으로 계산 (법 §19①)",
        (UnitReason.HoursAreWorkingHours, true) => "hours: working hours from the receipt instant (Act §19①)",
        (UnitReason.UpToFiveDaysAsWorkingHours, false) => "5일 이하이므로 시간 단위로 계산, 1일 = 근무시간 8시간 (법 §19①)",
        (UnitReason.UpToFiveDaysAsWorkingHours, true) => "5 days or less, so counted in hours, 1 day = 8 working hours (Act §19①)",
        (UnitReason.SixDaysOrMoreAsWorkingDays, false) => "6일 이상이므로 일 단위로 계산, 초일 산입, 토요일·공휴일 제외 (법 §19②)",
        (UnitReason.SixDaysOrMoreAsWorkingDays, true) => "6 days or more, so counted in days, first day counted, Saturdays and holidays not counted (Act §19②)",
        (UnitReason.WeeksMonthsYearsByCalendar, false) => "주·월·년은 역(曆)에 따라 계산, 초일 산입, 말일이 토요일·공휴일이면 다음 날 (법 §19③, 민법 §§159–161)",
        (UnitReason.WeeksMonthsYearsByCalendar, true) => "weeks, months, years by the calendar, first day counted, a last day on a Saturday or holiday moves to the next day (Act §19③, Civil Act §§159–161)",
        (UnitReason.CivilFirstDayExcluded, false) => "민법에 따라 초일 불산입, 말일이 토요일·공휴일이면 다음 날 (민법 §§157, 159–161)",
        (UnitReason.CivilFirstDayExcluded, true) => "Civil Act: first day not counted, a last day on a Saturday or holiday moves to the next day (Civil Act §§157, 159–161)",
        (UnitReason.CivilFromMidnight, false) => "0시부터 시작하므로 초일 산입 (민법 §157 단서)",
        (UnitReason.CivilFromMidnight, true) => "starts at 00:00, so the first day is counted (Civil Act §157 proviso)",
        (UnitReason.CivilHoursFromInstant, false) => "시간 단위: 그 시각부터 즉시 기산 (민법 §156)",
        _ => "hours from the instant (Civil Act §156)",
    };

    private static string StartReasonText(StartReason reason, bool english) => (reason, english) switch
    {
        (StartReason.InWorkingHours, false) => "근무시간 중 접수",
        (StartReason.InWorkingHours, true) => "received during working hours",
        (StartReason.LunchBreak, false) => "점심시간 접수 → 13:00부터",
        (StartReason.LunchBreak, true) => "received during the lunch break → from 13:00",
        (StartReason.BeforeWorkingHours, false) => "근무시간 전 접수 → 09:00부터",
        (StartReason.BeforeWorkingHours, true) => "received before working hours → from 09:00",
        (StartReason.AfterWorkingHours, false) => "근무시간 후 접수 → 다음 근무일 09:00부터",
        (StartReason.AfterWorkingHours, true) => "received after working hours → next working day 09:00",
        (StartReason.NonWorkingDay, false) => "토요일·공휴일·제외일 접수 → 다음 근무일 09:00부터",
        _ => "received on a Saturday, holiday or excluded day → next working day 09:00",
    };

    private static string Period(TreatmentPeriod period, bool english) => (period.Unit, english) switch
    {
        (PeriodUnit.Immediate, false) => "즉시",
        (PeriodUnit.Immediate, true) => "immediately",
        (PeriodUnit.Hours, false) => $"{period.Value}시간",
        (PeriodUnit.Hours, true) => $"{period.Value} h",
        (PeriodUnit.Days, false) => $"{period.Value}일",
        (PeriodUnit.Days, true) => $"{period.Value} days",
        (PeriodUnit.Weeks, false) => $"{period.Value}주",
        (PeriodUnit.Weeks, true) => $"{period.Value} weeks",
        (PeriodUnit.Months, false) => $"{period.Value}개월",
        (PeriodUnit.Months, true) => $"{period.Value} months",
        (_, false) => $"{period.Value}년",
        _ => $"{period.Value} years",
    };

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Segments(WorkingTimePolicy policy) =>
        string.Join(", ", policy.Segments.Select(s => $"{s.Start:HH\\:mm}–{s.End:HH\\:mm}"));

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly date, bool english) =>
        english
            ? $"{Format(date)} ({date.DayOfWeek.ToString()[..3]})"
            : $"{Format(date)} ({KoreanWeekdays[(int)date.DayOfWeek]})";

    private static string Instant(DateTimeOffset instant, bool english)
    {
        var kst = instant.ToOffset(DeadlineCalculator.KstOffset);
        return $"{Day(DateOnly.FromDateTime(kst.DateTime), english)} {kst.ToString("HH:mm", CultureInfo.InvariantCulture)} KST";
    }
}
