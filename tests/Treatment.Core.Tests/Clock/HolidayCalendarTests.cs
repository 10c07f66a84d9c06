using Treatment.Core.Clock;

namespace Treatment.Core.Tests.Clock;

public sealed class HolidayCalendarTests
{
    private static string Table(int year) => string.Join("\n", TestCalendar.Repository.Holidays(year)
        .GroupBy(h => h.Date)
        .Select(g => $"{g.Key:yyyy-MM-dd} {string.Join(" · ", g.Select(h => h.Name))}"));

    [Fact]
    public void Holidays_2025_MatchRulebookTable()
    {
        // Rulebook §11.2: 17 weekday holidays, 244 working days.
        var expected = """
            2025-01-01 신정
            2025-01-27 임시공휴일
            2025-01-28 설날 전날
            2025-01-29 설날
            2025-01-30 설날 다음날
            2025-03-01 3·1절
            2025-03-03 대체공휴일(3·1절)
            2025-05-05 어린이날 · 부처님오신날
            2025-05-06 대체공휴일(어린이날·부처님오신날)
            2025-06-03 제21대 대통령선거
            2025-06-06 현충일
            2025-08-15 광복절
            2025-10-03 개천절
            2025-10-05 추석 전날
            2025-10-06 추석
            2025-10-07 추석 다음날
            2025-10-08 대체공휴일(추석)
            2025-10-09 한글날
            2025-12-25 기독탄신일
            """.ReplaceLineEndings("\n");

        var table = Table(2025);

        Assert.Equal(expected, table);
        Assert.Equal(244, WorkingDays(2025));
        Assert.Equal(17, WeekdayHolidayDates(2025));
    }

    [Fact]
    public void Holidays_2026_MatchRulebookTable()
    {
        // Rulebook §11.3: 16 weekday holidays, 245 working days (노동절 and 제헌절 are the ⚠ [3P] rows).
        var expected = """
            2026-01-01 신정
            2026-02-16 설날 전날
            2026-02-17 설날
            2026-02-18 설날 다음날
            2026-03-01 3·1절
            2026-03-02 대체공휴일(3·1절)
            2026-05-01 노동절
            2026-05-05 어린이날
            2026-05-24 부처님오신날
            2026-05-25 대체공휴일(부처님오신날)
            2026-06-03 제9회 전국동시지방선거
            2026-06-06 현충일
            2026-07-17 제헌절
            2026-08-15 광복절
            2026-08-17 대체공휴일(광복절)
            2026-09-24 추석 전날
            2026-09-25 추석
            2026-09-26 추석 다음날
            2026-10-03 개천절
            2026-10-05 대체공휴일(개천절)
            2026-10-09 한글날
            2026-12-25 기독탄신일
            """.ReplaceLineEndings("\n");

        var table = Table(2026);

        Assert.Equal(expected, table);
        Assert.Equal(245, WorkingDays(2026));
        Assert.Equal(16, WeekdayHolidayDates(2026));
    }

    [Theory]
    [InlineData("2014-09-10")]
    [InlineData("2015-09-29")]
    [InlineData("2016-02-10")]
    [InlineData("2017-01-30")]
    [InlineData("2017-10-06")]
    [InlineData("2018-05-07")]
    [InlineData("2018-09-26")]
    [InlineData("2019-05-06")]
    [InlineData("2020-01-27")]
    [InlineData("2021-08-16")]
    [InlineData("2021-10-04")]
    [InlineData("2021-10-11")]
    [InlineData("2022-10-10")]
    [InlineData("2023-01-24")]
    [InlineData("2023-05-29")]
    [InlineData("2024-02-12")]
    [InlineData("2024-05-06")]
    public void Holidays_PastSubstituteDay_IsSubstituteHoliday(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var isHoliday = TestCalendar.Repository.IsHoliday(day, out var holidays);

        Assert.True(isHoliday);
        Assert.Equal(HolidayKind.Substitute, holidays[0].Kind);
    }

    [Theory]
    [InlineData("2019-05-13")] // 부처님오신날 2019-05-12 on a Sunday: its substitutes start 2023-05-04
    [InlineData("2022-12-26")] // 기독탄신일 2022-12-25 on a Sunday: its substitutes start 2023-05-04
    [InlineData("2016-10-10")] // 한글날 2016-10-09 on a Sunday: national days get substitutes from 2021-08-04
    [InlineData("2015-08-17")] // 광복절 2015-08-15 on a Saturday: same
    public void IsWorkingDay_DayAfterHolidayBeforeSubstituteRuleTookEffect_IsWorkingDay(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var working = TestCalendar.Repository.IsWorkingDay(day);

        Assert.True(working);
    }

    [Fact]
    public void Holidays_2026_ChuseokOnSaturdayOnly_GetsNoSubstitute()
    {
        var holidays = TestCalendar.Repository.Holidays(2026);

        Assert.DoesNotContain(holidays, h => h.Kind == HolidayKind.Substitute && h.Name.Contains("추석", StringComparison.Ordinal));
    }

    [Fact]
    public void Holidays_LeapMonthYear_ChuseokUsesShiftedMonthIndex()
    {
        // 2025 has a leap 6th month at index 7: the 8th lunar month is index 9 (rulebook §11.1).
        var chuseok = HolidayCalendar.LunarToSolar(2025, 8, 15);

        Assert.Equal(new DateOnly(2025, 10, 6), chuseok);
    }

    [Fact]
    public void Holidays_OrdinarySunday_NotListedButIsHoliday()
    {
        var sunday = new DateOnly(2025, 7, 13);

        var isHoliday = TestCalendar.Repository.IsHoliday(sunday, out var names);

        Assert.True(isHoliday);
        Assert.Equal("일요일", names[0].Name);
        Assert.False(TestCalendar.Repository.IsWorkingDay(sunday));
        Assert.DoesNotContain(TestCalendar.Repository.Holidays(2025), h => h.Date == sunday);
    }

    [Fact]
    public void Holidays_Saturday_IsNotHolidayButNotWorkingDay()
    {
        var saturday = new DateOnly(2025, 7, 12);

        Assert.False(TestCalendar.Repository.IsHoliday(saturday));
        Assert.False(TestCalendar.Repository.IsWorkingDay(saturday));
    }

    [Theory]
    [InlineData(2015)]
    [InlineData(2030)]
    [InlineData(2050)]
    public void Holidays_AnyYearUpTo2050_HasAllRegularHolidays(int year)
    {
        var names = TestCalendar.Repository.Holidays(year).Select(h => h.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "신정", "설날 전날", "설날", "설날 다음날", "3·1절", "어린이날", "부처님오신날", "현충일", "광복절", "추석", "개천절", "한글날", "기독탄신일" }, names);
    }

    [Fact]
    public void Holidays_EveryYear2015To2050_BlocksCompleteAndSubstitutesOnFreeWeekdays()
    {
        var calendar = TestCalendar.Repository;
        for (var year = 2015; year <= 2050; year++)
        {
            var holidays = calendar.Holidays(year);
            Assert.Equal(3, holidays.Count(h => h.Name.StartsWith("설날", StringComparison.Ordinal)));
            Assert.Equal(3, holidays.Count(h => h.Name.StartsWith("추석", StringComparison.Ordinal)));
            foreach (var substitute in holidays.Where(h => h.Kind == HolidayKind.Substitute))
            {
                Assert.True(substitute.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{substitute.Date} falls on a weekend");
                Assert.Single(holidays, h => h.Date == substitute.Date);
            }

            var days = calendar.WorkingDaysBefore(new DateOnly(year + 1, 1, 1)) - calendar.WorkingDaysBefore(new DateOnly(year, 1, 1));
            Assert.InRange(days, 240, 252);
        }
    }

    [Fact]
    public void WorkingDayIndex_OrdinalRoundTrip_ReturnsSameDay()
    {
        var calendar = TestCalendar.Repository;
        var day = new DateOnly(2025, 10, 10);

        var ordinal = calendar.WorkingDaysBefore(day);

        Assert.Equal(day, calendar.WorkingDayAt(ordinal));
        Assert.Equal(new DateOnly(2025, 10, 2), calendar.WorkingDayAt(ordinal - 1));
    }

    [Fact]
    public void Constructor_CorrectionRemovesRuleDay_DateBecomesWorkingDay()
    {
        var rules = new[] { HolidayRule.Solar("한글날", "Hangul Day", HolidayKind.National, 10, 9, "Holiday Reg. §2(2)") };
        var removal = new HolidayDataEntry(new DateOnly(2025, 10, 9), HolidayKind.Correction, HolidayEntryAction.Remove, "한글날", "한글날", "test correction");

        var calendar = new HolidayCalendar(rules, [removal], 2025, 2025);

        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 10, 9)));
        Assert.True(new HolidayCalendar(rules, [], 2025, 2025).IsHoliday(new DateOnly(2025, 10, 9)));
    }

    [Fact]
    public void Constructor_TemporaryHolidayAdded_DateIsHolidayWithBasis()
    {
        var temporary = new HolidayDataEntry(new DateOnly(2025, 10, 10), HolidayKind.Temporary, HolidayEntryAction.Add, "임시공휴일", "Temporary holiday", "Holiday Reg. §2(11)");

        var calendar = new HolidayCalendar([], [temporary], 2025, 2025);

        Assert.True(calendar.IsHoliday(new DateOnly(2025, 10, 10), out var holidays));
        Assert.Equal("Holiday Reg. §2(11)", holidays[0].Basis);
    }

    [Fact]
    public void Parse_UnknownKind_ReportsFileAndLine()
    {
        var yaml = "days:\n  - date: 2025-10-10\n    kind: vacation\n    name: x\n    name_en: x\n    basis: y\n";

        var error = Assert.Throws<CalendarFileException>(() => HolidayCalendarLoader.Parse(yaml, "holidays.yaml"));

        Assert.Equal("holidays.yaml", error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("vacation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDate_ReportsFileAndLine()
    {
        var yaml = "days:\n  - date: 2025-13-40\n    kind: temporary\n    name: x\n    name_en: x\n    basis: y\n";

        var error = Assert.Throws<CalendarFileException>(() => HolidayCalendarLoader.Parse(yaml, "extra.yaml"));

        Assert.StartsWith("extra.yaml:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenYaml_ReportsFileAndLine()
    {
        var yaml = "days:\n  - date: [2025-10-10\n";

        var error = Assert.Throws<CalendarFileException>(() => HolidayCalendarLoader.Parse(yaml, "broken.yaml"));

        Assert.Equal("broken.yaml", error.File);
        Assert.True(error.Line >= 2);
    }

    private static int WorkingDays(int year)
    {
        var calendar = TestCalendar.Repository;
        return calendar.WorkingDaysBefore(new DateOnly(year + 1, 1, 1)) - calendar.WorkingDaysBefore(new DateOnly(year, 1, 1));
    }

    private static int WeekdayHolidayDates(int year) => TestCalendar.Repository.Holidays(year)
        .Select(h => h.Date)
        .Distinct()
        .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
}
