using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;
using static Treatment.Web.Tests.Jobs.MilestonePetitions;

namespace Treatment.Web.Tests.Faults;

/// <summary>A calendar change locks what it moves, waits out a concurrent writer, and refuses a preview that no longer holds.</summary>
[Collection(JobsCollection.Name)]
public sealed class CalendarChangeConflictTests(JobsApp jobs)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private readonly TreatmentApp _app = jobs.App;

    [Fact]
    public async Task Apply_AffectedSetChangedAfterApprovedPreview_RefusedAndNothingWritten()
    {
        // Arrange: the admin previews with one affected petition
        var first = await CreateAsync(_app, _app.Time.GetUtcNow());
        var request = new CalendarChangeRequest(HolidayBefore(first.DueAt!.Value), "미리보기 시험 임시공휴일", true, "국무회의 의결");
        await using var scope = _app.Services.CreateAsyncScope();
        var applier = scope.ServiceProvider.GetRequiredService<CalendarChangeApplier>();
        var approved = await applier.FingerprintAsync(request, CancellationToken.None);

        // Act: another petition becomes affected before the apply
        var second = await CreateAsync(_app, _app.Time.GetUtcNow());
        var refused = await Record.ExceptionAsync(() => applier.ApplyAsync(request with { ApprovedPreview = approved }, CancellationToken.None));

        // Assert
        Assert.IsType<CalendarPreviewOutdatedException>(refused);
        await using var db = _app.CreateDbContext();
        Assert.False(await db.CalendarChanges.AnyAsync(c => c.NameKo == request.NameKo));
        Assert.Equal(first.DueAt, (await ReloadAsync(_app, first.Id)).DueAt);
        Assert.False(_app.Services.GetRequiredService<LiveHolidayCalendar>().Current.IsHoliday(request.Date));

        // A new preview is applied.
        var again = await applier.FingerprintAsync(request, CancellationToken.None);
        var outcome = await applier.ApplyAsync(request with { ApprovedPreview = again }, CancellationToken.None);
        Assert.Contains(outcome.Changes, c => c.PetitionId == first.Id);
        Assert.Contains(outcome.Changes, c => c.PetitionId == second.Id);
    }

    [Fact]
    public async Task Apply_AffectedPetitionLockedByAnotherWriter_RetriedUntilReleasedAndAppliedOnce()
    {
        // Arrange: a concurrent writer holds an affected petition's row
        var petition = await CreateAsync(_app, _app.Time.GetUtcNow());
        var request = new CalendarChangeRequest(HolidayBefore(petition.DueAt!.Value), "잠금 시험 임시공휴일", true, "국무회의 의결");
        await using var dataSource = NpgsqlDataSource.Create(_app.ConnectionString);
        await using var writer = await dataSource.OpenConnectionAsync();
        await using var held = await writer.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"select id from petitions where id = {petition.Id} for update", writer, held))
        {
            await lockRow.ExecuteScalarAsync();
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var applier = scope.ServiceProvider.GetRequiredService<CalendarChangeApplier>();
        applier.LockTimeout = TimeSpan.FromMilliseconds(200);

        // Act
        var applying = applier.ApplyAsync(request, CancellationToken.None);
        await Task.Delay(1500);
        var waited = !applying.IsCompleted;
        await held.CommitAsync();
        var outcome = await applying;

        // Assert
        Assert.True(waited, "the change did not wait for the locked petition");
        Assert.Contains(outcome.Changes, c => c.PetitionId == petition.Id);
        var events = await EventsAsync(_app, petition.Id);
        Assert.Single(events, e => e.Type == MilestoneEventTypes.DueRecomputed);
        await using var db = _app.CreateDbContext();
        Assert.Equal(1, await db.CalendarChanges.CountAsync(c => c.NameKo == request.NameKo));

        // Run again (a job re-run after a crash): recorded once, nothing moves twice.
        var rerun = await applier.ApplyAsync(request, CancellationToken.None);
        Assert.Equal(outcome.ChangeId, rerun.ChangeId);
        Assert.Empty(rerun.Changes);
        Assert.Single(await EventsAsync(_app, petition.Id), e => e.Type == MilestoneEventTypes.DueRecomputed);
    }

    /// <summary>The last working day before the due (KST) that is after today: designating it moves the due.</summary>
    private DateOnly HolidayBefore(DateTimeOffset due)
    {
        var calendar = _app.Services.GetRequiredService<IHolidayCalendar>();
        var today = DateOnly.FromDateTime(_app.Time.GetUtcNow().ToOffset(Kst).DateTime);
        var day = DateOnly.FromDateTime(due.ToOffset(Kst).DateTime).AddDays(-1);
        while (!calendar.IsWorkingDay(day) && day > today)
        {
            day = day.AddDays(-1);
        }

        Assert.True(day > today, "no working day between today and the due");
        return day;
    }
}
