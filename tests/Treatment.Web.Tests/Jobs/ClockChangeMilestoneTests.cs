using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Jobs.MilestonePetitions;

namespace Treatment.Web.Tests.Jobs;

/// <summary>Every clock change moves the due and the next milestone with it; a milestone of an older clock generation never fires.</summary>
[Collection(JobsCollection.Name)]
public sealed class ClockChangeMilestoneTests(JobsApp jobs)
{
    private readonly TreatmentApp _app = jobs.App;

    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    private IHolidayCalendar Calendar => _app.Services.GetRequiredService<IHolidayCalendar>();

    [Fact]
    public async Task PauseAndResume_SupplementationOverThreeWorkingDays_DueAndNextMilestoneMoveThreeWorkingDays()
    {
        var (petition, originalDue) = await ReceiveAndSweepToDueAsync();

        // Paused for supplementation from Monday to Wednesday (rulebook §3.1: the three days are excluded).
        var pauseDay = DateOnly.FromDateTime(originalDue.ToOffset(Kst).DateTime).AddDays(-1);
        MoveTo(pauseDay, 9);
        await ChangeClockAsync(petition.Id, p => p.Exclusions = [new ClockSpan(ExclusionType.Supplement, pauseDay, null)]);
        var paused = await ReloadAsync(_app, petition.Id);
        Assert.Equal(ClockState.Paused, paused.ClockState);
        Assert.NotEqual("due", paused.NextMilestone);

        MoveTo(pauseDay.AddDays(2), 15);
        await Sweep(_app).DrainAsync(CancellationToken.None);
        await ChangeClockAsync(petition.Id, p => p.Exclusions = [new ClockSpan(ExclusionType.Supplement, pauseDay, pauseDay.AddDays(2))]);

        var resumed = await ReloadAsync(_app, petition.Id);
        Assert.Equal(3, WorkingDaysBetween(originalDue, resumed.DueAt!.Value));
        Assert.Equal(originalDue.ToOffset(Kst).TimeOfDay, resumed.DueAt!.Value.ToOffset(Kst).TimeOfDay);
        Assert.Equal("due", resumed.NextMilestone);
        Assert.Equal(resumed.DueAt, resumed.NextMilestoneAt);
        Assert.DoesNotContain(await EventsAsync(_app, petition.Id), e => e.Type == MilestoneEventTypes.Overdue);

        _app.Time.SetUtcNow(resumed.DueAt!.Value.AddMinutes(1));
        await Sweep(_app).DrainAsync(CancellationToken.None);
        await Sweep(_app).DrainAsync(CancellationToken.None);
        Assert.Single(await EventsAsync(_app, petition.Id), e => e.Type == MilestoneEventTypes.Overdue);
    }

    [Fact]
    public async Task Extension_FiveDays_DueAndNextMilestoneMoveFiveWorkingDays()
    {
        var (petition, originalDue) = await ReceiveAndSweepToDueAsync();
        _app.Time.SetUtcNow(originalDue.AddHours(-2));

        await ChangeClockAsync(petition.Id, p => p.Extensions = [new GrantedExtension(TreatmentPeriod.Days(5), false, "현장 확인 필요", _app.Time.GetUtcNow())]);

        var extended = await ReloadAsync(_app, petition.Id);
        Assert.Equal(5, WorkingDaysBetween(originalDue, extended.DueAt!.Value));
        Assert.Equal("due", extended.NextMilestone);
        Assert.Equal(extended.DueAt, extended.NextMilestoneAt);

        _app.Time.SetUtcNow(originalDue.AddMinutes(1));
        await Sweep(_app).DrainAsync(CancellationToken.None);
        Assert.DoesNotContain(await EventsAsync(_app, petition.Id), e => e.Type == MilestoneEventTypes.Overdue);
    }

    [Fact]
    public async Task Sweep_MilestoneOfOlderGeneration_NeverApplied()
    {
        var (petition, originalDue) = await ReceiveAndSweepToDueAsync();
        var generation = (await ReloadAsync(_app, petition.Id)).ClockGeneration;

        // The clock changes (an extension) after the due milestone was planned under the old generation.
        await ChangeClockAsync(petition.Id, p => p.Extensions = [new GrantedExtension(TreatmentPeriod.Days(3), false, "추가 검토", _app.Time.GetUtcNow())]);
        _app.Time.SetUtcNow(originalDue.AddHours(2));
        await Sweep(_app).DrainAsync(CancellationToken.None);

        await using var db = _app.CreateDbContext();
        Assert.False(await db.MilestoneFirings.AnyAsync(f => f.PetitionId == petition.Id && f.Milestone == "due" && f.ClockGeneration == generation));
        Assert.False(await db.MilestoneFirings.AnyAsync(f => f.PetitionId == petition.Id && f.Milestone == "due"));
        Assert.False((await ReloadAsync(_app, petition.Id)).Overdue);

        var extended = await ReloadAsync(_app, petition.Id);
        _app.Time.SetUtcNow(extended.DueAt!.Value.AddMinutes(1));
        await Sweep(_app).DrainAsync(CancellationToken.None);
        var firings = await db.MilestoneFirings.Where(f => f.PetitionId == petition.Id && f.Milestone == "due").ToListAsync();
        Assert.Equal(generation + 1, Assert.Single(firings).ClockGeneration);
    }

    [Fact]
    public async Task ApplyCalendarChange_TemporaryHolidayBeforeDue_DueMovesOneWorkingDayAndGenerationBumps()
    {
        var (petition, originalDue) = await ReceiveAndSweepToDueAsync();
        var before = await ReloadAsync(_app, petition.Id);
        var holiday = DateOnly.FromDateTime(originalDue.ToOffset(Kst).DateTime).AddDays(-1);
        while (!Calendar.IsWorkingDay(holiday))
        {
            holiday = holiday.AddDays(-1);
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CalendarChangeApplier>()
            .ApplyAsync(new CalendarChangeRequest(holiday, "임시공휴일", true, "국무회의 의결 (관공서의 공휴일에 관한 규정 §2(11))"), CancellationToken.None);

        Assert.Contains(outcome.Changes, c => c.PetitionId == petition.Id);
        var after = await ReloadAsync(_app, petition.Id);
        Assert.Equal(1, WorkingDaysBetween(originalDue, after.DueAt!.Value));
        Assert.Equal(before.ClockGeneration + 1, after.ClockGeneration);
        Assert.Equal("due", after.NextMilestone);
        Assert.Equal(after.DueAt, after.NextMilestoneAt);
        var events = await EventsAsync(_app, petition.Id);
        Assert.Single(events, e => e.Type == MilestoneEventTypes.DueRecomputed);
        await using var db = _app.CreateDbContext();
        var change = await db.CalendarChanges.SingleAsync(c => c.Id == outcome.ChangeId);
        Assert.Equal(outcome.Changes.Count, change.PetitionsRecomputed);
    }

    /// <summary>A grievance petition received at the next Monday 10:00 KST, swept until its next milestone is the due.</summary>
    private async Task<(Petition Petition, DateTimeOffset Due)> ReceiveAndSweepToDueAsync()
    {
        var today = DateOnly.FromDateTime(_app.Time.GetUtcNow().ToOffset(Kst).DateTime).AddDays(1);
        while (today.DayOfWeek != DayOfWeek.Monday || !Calendar.IsWorkingDay(today) || !Calendar.IsWorkingDay(today.AddDays(7)))
        {
            today = today.AddDays(1);
        }

        MoveTo(today, 10);
        var petition = await CreateAsync(_app, _app.Time.GetUtcNow());
        var due = petition.DueAt!.Value;

        // Past the halfway reminder, before the due.
        _app.Time.SetUtcNow(due.AddDays(-1));
        await Sweep(_app).DrainAsync(CancellationToken.None);
        var stored = await ReloadAsync(_app, petition.Id);
        Assert.Equal("due", stored.NextMilestone);
        Assert.Equal(due, stored.NextMilestoneAt);
        return (stored, due);
    }

    private void MoveTo(DateOnly day, int hourKst)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(hourKst, 0)), Kst);
        if (target > _app.Time.GetUtcNow())
        {
            _app.Time.SetUtcNow(target.ToUniversalTime());
        }
    }

    private async Task ChangeClockAsync(long id, Action<Petition> change)
    {
        await using var db = _app.CreateDbContext();
        var petition = await db.Petitions.SingleAsync(p => p.Id == id);
        change(petition);
        ApplyClockChange(_app, petition);
        await db.SaveChangesAsync();
    }

    private int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        Calendar.WorkingDaysBefore(DateOnly.FromDateTime(to.ToOffset(Kst).DateTime)) - Calendar.WorkingDaysBefore(DateOnly.FromDateTime(from.ToOffset(Kst).DateTime));
}
