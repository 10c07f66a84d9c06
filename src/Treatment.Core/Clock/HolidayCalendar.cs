using System.Globalization;

namespace Treatment.Core.Clock;

/// <summary>
/// The holiday calendar of government offices built from rules (Holiday Reg. §2, §3) and dated data entries, with a
/// working-day index over the whole range computed once, so every lookup is O(1).
/// </summary>
public sealed class HolidayCalendar : IHolidayCalendar
{
    public const int DefaultFirstYear = 2014;

    /// <summary>KoreanLunisolarCalendar ends on 2051-02-10, so 2050 is the last year whose lunar days can be computed.</summary>
    public const int DefaultLastYear = 2050;

    private const string SubstituteName = "대체공휴일";
    private const string SubstituteNameEn = "Substitute holiday";
    private static readonly KoreanLunisolarCalendar Lunar = new();

    private readonly int _firstDayNumber;
    private readonly Holiday[]?[] _holidaysByDay;
    private readonly bool[] _working;
    private readonly int[] _workingBefore;
    private readonly int[] _workingDayNumbers;
    private readonly Dictionary<int, IReadOnlyList<Holiday>> _byYear = [];

    public HolidayCalendar(IEnumerable<HolidayRule> rules, IEnumerable<HolidayDataEntry> entries, int firstYear = DefaultFirstYear, int lastYear = DefaultLastYear)
    {
        if (firstYear > lastYear || lastYear > DefaultLastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(lastYear), $"calendar years must be ordered and end by {DefaultLastYear}");
        }

        Rules = rules.ToList();
        Entries = entries.ToList();
        FirstDate = new DateOnly(firstYear, 1, 1);
        LastDate = new DateOnly(lastYear, 12, 31);
        _firstDayNumber = FirstDate.DayNumber;
        var dayCount = LastDate.DayNumber - _firstDayNumber + 1;
        _holidaysByDay = new Holiday[]?[dayCount];
        _working = new bool[dayCount];
        _workingBefore = new int[dayCount + 1];

        for (var year = firstYear; year <= lastYear; year++)
        {
            var holidays = BuildYear(year);
            foreach (var group in holidays.GroupBy(h => h.Date))
            {
                _holidaysByDay[group.Key.DayNumber - _firstDayNumber] = group.ToArray();
            }

            _byYear[year] = holidays.Where(h => h.Date.Year == year).ToList();
        }

        var workingDays = new List<int>(dayCount * 5 / 7 + 8);
        for (var i = 0; i < dayCount; i++)
        {
            var date = DateOnly.FromDayNumber(_firstDayNumber + i);
            _working[i] = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && _holidaysByDay[i] is null;
            _workingBefore[i + 1] = _workingBefore[i] + (_working[i] ? 1 : 0);
            if (_working[i])
            {
                workingDays.Add(_firstDayNumber + i);
            }
        }

        _workingDayNumbers = workingDays.ToArray();
    }

    public IReadOnlyList<HolidayRule> Rules { get; }

    public IReadOnlyList<HolidayDataEntry> Entries { get; }

    public DateOnly FirstDate { get; }

    public DateOnly LastDate { get; }

    public int WorkingDayCount => _workingDayNumbers.Length;

    public bool IsHoliday(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday || _holidaysByDay[Index(date)] is not null;

    public bool IsHoliday(DateOnly date, out IReadOnlyList<Holiday> holidays)
    {
        var listed = _holidaysByDay[Index(date)];
        if (listed is not null)
        {
            holidays = listed;
            return true;
        }

        if (date.DayOfWeek == DayOfWeek.Sunday)
        {
            holidays = [new Holiday(date, "일요일", "Sunday", HolidayKind.Sunday, "Holiday Reg. §2(1)")];
            return true;
        }

        holidays = [];
        return false;
    }

    public bool IsWorkingDay(DateOnly date) => _working[Index(date)];

    public IReadOnlyList<Holiday> Holidays(int year) =>
        _byYear.TryGetValue(year, out var list)
            ? list
            : throw new CalendarRangeException($"{year}", FirstDate, LastDate);

    public int WorkingDaysBefore(DateOnly date)
    {
        var i = date.DayNumber - _firstDayNumber;
        if ((uint)i > (uint)_working.Length)
        {
            throw new CalendarRangeException(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), FirstDate, LastDate);
        }

        return _workingBefore[i];
    }

    public DateOnly WorkingDayAt(int ordinal)
    {
        if ((uint)ordinal >= (uint)_workingDayNumbers.Length)
        {
            throw new CalendarRangeException($"working day #{ordinal}", FirstDate, LastDate);
        }

        return DateOnly.FromDayNumber(_workingDayNumbers[ordinal]);
    }

    private int Index(DateOnly date)
    {
        var i = date.DayNumber - _firstDayNumber;
        if ((uint)i >= (uint)_working.Length)
        {
            throw new CalendarRangeException(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), FirstDate, LastDate);
        }

        return i;
    }

    /// <summary>Rules, then data (corrections override rules), then substitutes (Holiday Reg. §3), then corrections of substitutes.</summary>
    private List<Holiday> BuildYear(int year)
    {
        var holidays = new List<Holiday>();
        var occurrences = new List<(Holiday Holiday, DateOnly BlockEnd, SubstituteTriggers Triggers)>();
        foreach (var rule in Rules)
        {
            var main = rule.Lunar ? LunarToSolar(year, rule.Month, rule.Day) : new DateOnly(year, rule.Month, rule.Day);
            var blockEnd = main.AddDays(rule.Days.Max(d => d.Offset));
            foreach (var day in rule.Days)
            {
                var date = main.AddDays(day.Offset);
                if (!rule.IsInForceOn(date))
                {
                    continue;
                }

                var holiday = new Holiday(date, day.Name, day.NameEn, rule.Kind, rule.Basis);
                holidays.Add(holiday);
                occurrences.Add((holiday, blockEnd, rule.TriggersOn(date)));
            }
        }

        var entries = Entries.Where(e => e.Date.Year == year).ToList();
        foreach (var removal in entries.Where(e => e.Action == HolidayEntryAction.Remove))
        {
            holidays.RemoveAll(h => h.Date == removal.Date && Matches(h, removal.Name));
        }

        foreach (var addition in entries.Where(e => e.Action == HolidayEntryAction.Add))
        {
            holidays.Add(new Holiday(addition.Date, addition.Name, addition.NameEn, addition.Kind, addition.Basis));
        }

        var taken = holidays.Select(h => h.Date).ToHashSet();
        var present = holidays.ToHashSet(ReferenceEqualityComparer.Instance);
        var overlapDates = occurrences
            .Where(o => present.Contains(o.Holiday) && Triggers(o.Holiday, o.Triggers, holidays))
            .GroupBy(o => o.Holiday.Date)
            .OrderBy(g => g.Key);
        foreach (var overlap in overlapDates)
        {
            // One substitute per overlap date, placed after the whole block (설·추석) — rulebook §11.1, 2025-05-05 practice.
            var names = overlap.Select(o => BaseName(o.Holiday)).Distinct().ToList();
            var namesEn = overlap.Select(o => BaseNameEn(o.Holiday)).Distinct().ToList();
            var day = overlap.Max(o => o.BlockEnd).AddDays(1);
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            holidays.Add(new Holiday(
                day,
                $"{SubstituteName}({string.Join("·", names)})",
                $"{SubstituteNameEn} ({string.Join(", ", namesEn)})",
                HolidayKind.Substitute,
                "Holiday Reg. §3"));
        }

        foreach (var removal in entries.Where(e => e.Action == HolidayEntryAction.Remove))
        {
            holidays.RemoveAll(h => h.Date == removal.Date && h.Kind == HolidayKind.Substitute && Matches(h, removal.Name));
        }

        // Stable sort keeps rule order for two holidays on one date (어린이날 · 부처님오신날).
        return holidays.OrderBy(h => h.Date).ToList();
    }

    private static bool Triggers(Holiday holiday, SubstituteTriggers triggers, List<Holiday> all) =>
        (triggers.HasFlag(SubstituteTriggers.Saturday) && holiday.Date.DayOfWeek == DayOfWeek.Saturday)
        || (triggers.HasFlag(SubstituteTriggers.Sunday) && holiday.Date.DayOfWeek == DayOfWeek.Sunday)
        || (triggers.HasFlag(SubstituteTriggers.OtherHoliday) && all.Any(h => h.Date == holiday.Date && !ReferenceEquals(h, holiday)));

    private static bool Matches(Holiday holiday, string name) =>
        name is "" or "*" || holiday.Name == name || holiday.Name.StartsWith(name + "(", StringComparison.Ordinal);

    /// <summary>설날 전날 / 설날 다음날 → 설날: a substitute names the holiday, not the day of its block.</summary>
    private static string BaseName(Holiday holiday) =>
        holiday.Name.Replace(" 전날", "", StringComparison.Ordinal).Replace(" 다음날", "", StringComparison.Ordinal);

    private static string BaseNameEn(Holiday holiday) =>
        holiday.NameEn.Replace(" (eve)", "", StringComparison.Ordinal).Replace(" (day after)", "", StringComparison.Ordinal);

    /// <summary>Lunar month/day of the lunar year that starts in the given solar year; the leap month shifts the index (rulebook §11.1).</summary>
    internal static DateOnly LunarToSolar(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = month + (leap > 0 && month >= leap ? 1 : 0);
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}
