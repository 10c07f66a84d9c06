using Treatment.Core.Clock;
using static Treatment.Core.Tests.Clock.TestCalendar;

namespace Treatment.Core.Tests.Clock;

public sealed class CalendarChangePreviewTests
{
    private static OpenPetitionClock Petition(long id, DateTimeOffset received, TreatmentPeriod period, HolidayCalendar calendar)
    {
        var due = new DeadlineCalculator(calendar).Compute(received, period).Value!.Due;
        return new OpenPetitionClock(id, received, period, [], [], CountingMode.Statutory, due);
    }

    [Fact]
    public void Preview_TemporaryHolidayAdded_ListsOnlyPetitionsWhoseDueMoves()
    {
        var old = Repository;
        var temporary = new HolidayDataEntry(new DateOnly(2025, 10, 10), HolidayKind.Temporary, HolidayEntryAction.Add, "임시공휴일", "Temporary holiday", "Holiday Reg. §2(11)");
        var updated = new HolidayCalendar(old.Rules, [.. old.Entries, temporary], 2024, 2026);
        var crossing = Petition(1, Kst(2025, 10, 1, 10), TreatmentPeriod.Days(14), old);
        var before = Petition(2, Kst(2025, 7, 7, 10), TreatmentPeriod.Days(14), old);
        var hours = Petition(3, Kst(2025, 10, 2, 16), TreatmentPeriod.Days(1), old);

        var preview = CalendarChangePreview.Preview([crossing, before, hours], old, updated);

        Assert.Equal([1L, 3L], preview.Changes.Select(c => c.PetitionId).ToList());
        Assert.Equal("2025-10-27", preview.Changes[0].FromText);
        Assert.Equal("2025-10-28", preview.Changes[0].ToText);
        Assert.Equal("2025-10-10T16:00+09:00", preview.Changes[1].FromText);
        Assert.Equal("2025-10-13T16:00+09:00", preview.Changes[1].ToText);
        Assert.All(preview.Changes, c => Assert.True(c.StoredDueMatchedOldCalendar));
        Assert.Empty(preview.Failures);
    }

    [Fact]
    public void WithChanges_DesignatedThenWithdrawn_DayIsWorkingAgainAndDuesMoveBackEarlier()
    {
        var date = new DateOnly(2025, 10, 10);
        CalendarChange Change(bool holiday) => new() { Date = date, NameKo = "임시공휴일", IsHoliday = holiday, LegalBasis = "test" };
        var designated = LiveHolidayCalendar.WithChanges(Repository, [Change(true)]);
        var withdrawn = LiveHolidayCalendar.WithChanges(Repository, [Change(true), Change(false)]);
        var crossing = Petition(1, Kst(2025, 10, 1, 10), TreatmentPeriod.Days(14), designated);

        var preview = CalendarChangePreview.Preview([crossing], designated, withdrawn);

        Assert.False(designated.IsWorkingDay(date));
        Assert.True(withdrawn.IsWorkingDay(date));
        var moved = Assert.Single(preview.Changes);
        Assert.Equal(("2025-10-28", "2025-10-27"), (moved.FromText, moved.ToText));
        Assert.True(moved.To < moved.From);
    }

    [Fact]
    public void WithChanges_RuleHolidayWithdrawnThenDesignatedAgain_LaterChangeWins()
    {
        var hangul = new DateOnly(2025, 10, 9);
        CalendarChange Change(bool holiday) => new() { Date = hangul, NameKo = "한글날", IsHoliday = holiday, LegalBasis = "test" };

        Assert.True(LiveHolidayCalendar.WithChanges(Repository, [Change(false)]).IsWorkingDay(hangul));
        Assert.False(LiveHolidayCalendar.WithChanges(Repository, [Change(false), Change(true)]).IsWorkingDay(hangul));
    }

    [Fact]
    public void Preview_StoredDueDiffersFromOldCalendar_FlagsIt()
    {
        var stale = Petition(7, Kst(2025, 7, 7, 10), TreatmentPeriod.Days(14), Repository) with { CurrentDue = Kst(2025, 7, 20, 10) };

        var preview = CalendarChangePreview.Preview([stale], Repository, Repository);

        var change = Assert.Single(preview.Changes);
        Assert.False(change.StoredDueMatchedOldCalendar);
        Assert.Equal("2025-07-24", change.ToText);
    }
}
