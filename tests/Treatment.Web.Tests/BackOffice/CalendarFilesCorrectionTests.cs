using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Hosting;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>A correction of workflows/calendar/rules.yaml: detected by its digest, previewed and applied through the calendar applier.</summary>
[Collection(AdminCollection.Name)]
public sealed class CalendarFilesCorrectionTests(TreatmentApp app)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    [Fact]
    public async Task ChangedRule_PreviewFlagsTheDueMovingEarlierAndApplyingMovesItAndRecordsTheFiles()
    {
        // Arrange: the dues were counted on rules that held one more fixed holiday inside the petition's period
        var folder = Path.Combine(app.Services.GetRequiredService<TreatmentFolders>().Workflows, "calendar");
        var now = CalendarFiles.Read(folder);
        var petition = await MilestonePetitions.CreateAsync(app, app.Time.GetUtcNow());
        var counted = await MilestonePetitions.ReloadAsync(app, petition.Id);
        var live = app.Services.GetRequiredService<IHolidayCalendar>();
        var ruleDay = LastWorkingDayBefore(live, counted.DueAt!.Value);
        var old = new SortedDictionary<string, string>(now, StringComparer.Ordinal)
        {
            ["rules.yaml"] = now["rules.yaml"].TrimEnd() + $"\n\n  - name: 정정 전 시험 공휴일\n    name_en: Holiday before the correction\n    kind: fixed\n    solar: {ruleDay.ToString("MM-dd", CultureInfo.InvariantCulture)}\n    from: {ruleDay.Year}-01-01\n    basis: test\n",
        };
        await using (var db = app.CreateDbContext())
        {
            var changes = await db.CalendarChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            var oldCalendar = LiveHolidayCalendar.WithChanges(CalendarFiles.Build(old, HolidayCalendar.DefaultFirstYear, HolidayCalendar.DefaultLastYear), changes);
            Assert.False(oldCalendar.IsWorkingDay(ruleDay));
            var oldDue = new DeadlineCalculator(oldCalendar).Compute(counted.ReceivedAt, counted.Period).Value!.Due;
            Assert.True(oldDue > counted.DueAt);
            await db.Petitions.Where(p => p.Id == petition.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DueAt, oldDue.ToUniversalTime()));
            db.CalendarFileVersions.Add(new CalendarFileVersion { Digest = CalendarFiles.Digest(old), Files = CalendarFiles.ToJson(old), AppliedAt = app.Time.GetUtcNow(), Reason = "files before the correction" });
            await db.SaveChangesAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CalendarFilesCorrection>();
        var admin = await BackOfficeSession.ActorAsync(scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>(), "mois.admin");

        // Act
        var status = await files.StatusAsync(CancellationToken.None);
        var preview = await files.PreviewAsync(admin, CancellationToken.None);
        var outcome = await files.ApplyAsync(admin, "노동절 규칙 정정 시험", preview!.Outcome.Fingerprint, CancellationToken.None);

        // Assert
        Assert.True(status.Pending);
        Assert.True(preview.MayApply);
        Assert.Contains(ruleDay, preview.Outcome.ChangedDates);
        var previewed = Assert.Single(preview.Outcome.Changes, c => c.PetitionId == petition.Id);
        Assert.True(previewed.To < previewed.From);
        Assert.Equal(counted.DueAt, previewed.To);
        Assert.Contains(outcome.Changes, c => c.PetitionId == petition.Id);
        var after = await MilestonePetitions.ReloadAsync(app, petition.Id);
        Assert.Equal(counted.DueAt, after.DueAt);
        Assert.Contains(await MilestonePetitions.EventsAsync(app, petition.Id), e => e.Type == MilestoneEventTypes.DueRecomputed && e.ActorId == admin.UserId);
        await using var check = app.CreateDbContext();
        Assert.True(await check.UserNotifications.AnyAsync(n => n.PetitionId == petition.Id && n.Kind == CalendarChangeApplier.DueMovedEarlierKind));
        var recorded = await check.CalendarFileVersions.OrderByDescending(v => v.Id).FirstAsync();
        Assert.Equal((CalendarFiles.Digest(now), admin.UserId, "노동절 규칙 정정 시험"), (recorded.Digest, recorded.AppliedById, recorded.Reason));
        Assert.False((await files.StatusAsync(CancellationToken.None)).Pending);
        Assert.Null(await files.PreviewAsync(admin, CancellationToken.None));
    }

    [Theory]
    [InlineData("jongno.admin")]
    public async Task Apply_DistrictAdmin_IsRefused(string userName)
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var actor = await BackOfficeSession.ActorAsync(scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>(), userName);

        // Act
        var apply = scope.ServiceProvider.GetRequiredService<CalendarFilesCorrection>().ApplyAsync(actor, "정정", null, CancellationToken.None);

        // Assert
        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => apply);
    }

    private static DateOnly LastWorkingDayBefore(IHolidayCalendar calendar, DateTimeOffset due)
    {
        var date = DateOnly.FromDateTime(due.ToOffset(Kst).DateTime).AddDays(-1);
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}
