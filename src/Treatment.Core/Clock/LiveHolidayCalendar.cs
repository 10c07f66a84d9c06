namespace Treatment.Core.Clock;

/// <summary>
/// The calendar every clock in the process counts on: the rule- and file-built calendar plus the holiday changes
/// applied in the database since (temporary holidays designated after start-up). Swapped atomically when a change is
/// applied, and rebuilt from the database at start-up, so no due is ever counted on a calendar that forgot a change.
/// </summary>
public sealed class LiveHolidayCalendar(HolidayCalendar initial) : IHolidayCalendar
{
    private HolidayCalendar _current = initial;
    private int _changesFromDatabase;

    private HolidayCalendar _baseline = initial;

    /// <summary>The calendar built from rules and files alone.</summary>
    public HolidayCalendar Baseline => Volatile.Read(ref _baseline);

    /// <summary>A correction of the calendar files applied while running: the new files under the database's changes.</summary>
    public void ReplaceBaseline(HolidayCalendar baseline, IReadOnlyList<CalendarChange> changesInOrder)
    {
        Volatile.Write(ref _baseline, baseline);
        Replace(WithChanges(baseline, changesInOrder));
        Volatile.Write(ref _changesFromDatabase, changesInOrder.Count);
    }

    public HolidayCalendar Current => Volatile.Read(ref _current);

    public void Replace(HolidayCalendar next) => Volatile.Write(ref _current, next);

    /// <summary>Rebuilds from the baseline and the changes recorded in the database, when their number differs from the last rebuild.</summary>
    public void ReplaceWithChanges(IReadOnlyList<CalendarChange> changesInOrder)
    {
        if (changesInOrder.Count != Volatile.Read(ref _changesFromDatabase))
        {
            Replace(WithChanges(Baseline, changesInOrder));
            Volatile.Write(ref _changesFromDatabase, changesInOrder.Count);
        }
    }

    /// <summary>The calendar with the given changes on top (in the order applied); later changes of a date win.</summary>
    public static HolidayCalendar WithChanges(HolidayCalendar calendar, IEnumerable<CalendarChange> changes)
    {
        // The calendar applies every removal before every addition, so a withdrawal also drops the additions it follows.
        var entries = new List<HolidayDataEntry>(calendar.Entries);
        var any = false;
        foreach (var c in changes)
        {
            any = true;
            if (c.IsHoliday)
            {
                entries.Add(new HolidayDataEntry(c.Date, HolidayKind.Temporary, HolidayEntryAction.Add, c.NameKo, c.NameKo, c.LegalBasis));
                continue;
            }

            entries.RemoveAll(e => e.Action == HolidayEntryAction.Add && e.Date == c.Date && (c.NameKo is "" or "*" || e.Name == c.NameKo));
            entries.Add(new HolidayDataEntry(c.Date, HolidayKind.Correction, HolidayEntryAction.Remove, c.NameKo, c.NameKo, c.LegalBasis));
        }

        return any ? new HolidayCalendar(calendar.Rules, entries, calendar.FirstDate.Year, calendar.LastDate.Year) : calendar;
    }

    public DateOnly FirstDate => Current.FirstDate;

    public DateOnly LastDate => Current.LastDate;

    public int WorkingDayCount => Current.WorkingDayCount;

    public bool IsHoliday(DateOnly date) => Current.IsHoliday(date);

    public bool IsHoliday(DateOnly date, out IReadOnlyList<Holiday> holidays) => Current.IsHoliday(date, out holidays);

    public bool IsWorkingDay(DateOnly date) => Current.IsWorkingDay(date);

    public IReadOnlyList<Holiday> Holidays(int year) => Current.Holidays(year);

    public int WorkingDaysBefore(DateOnly date) => Current.WorkingDaysBefore(date);

    public DateOnly WorkingDayAt(int ordinal) => Current.WorkingDayAt(ordinal);
}
