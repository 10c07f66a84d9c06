using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>
/// The command line counts on the same live calendar as the web host: a temporary holiday applied through the admin
/// service moves the due that `treatment deadline` and `treatment workflows migrate --dry-run` print.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class CliLiveCalendarTests(TreatmentApp app)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    [Fact]
    public async Task DeadlineAndMigrateDryRun_AfterAdminAppliesHoliday_CountOnIt()
    {
        // Arrange: a petition on other v1 received at 17:00 today, and the next working day (inside a 14-day period,
        // and where other v2's short period ends).
        var today = app.Time.GetUtcNow().ToOffset(Kst);
        var received = new DateTimeOffset(today.Year, today.Month, today.Day, 17, 0, 0, Kst);
        var receivedText = received.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
        var calendar = app.Services.GetRequiredService<IHolidayCalendar>();
        var holiday = Enumerable.Range(1, 10).Select(d => DateOnly.FromDateTime(received.Date).AddDays(d)).First(calendar.IsWorkingDay);
        var receipt = await CreateFourteenDayPetitionAsync(received);
        var deadlineArgs = new[] { "deadline", "--received", receivedText, "--period", "14d" };
        var migrateArgs = new[] { "workflows", "migrate", "other", "--from", "1", "--to", "2", "--dry-run" };
        var deadlineBefore = await CliRunner.RunAsync(app.ConnectionString, "", deadlineArgs);
        var migrateBefore = await CliRunner.RunAsync(app.ConnectionString, "", migrateArgs);

        // Act
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = await BackOfficeSession.ActorAsync(scope.ServiceProvider.GetRequiredService<TreatmentDbContext>(), "mois.admin");
            await scope.ServiceProvider.GetRequiredService<AdminService>()
                .ApplyTemporaryHolidayAsync(admin, holiday, "명령줄확인휴일", "국무회의 의결 (관공서의 공휴일에 관한 규정 §2(11))", CancellationToken.None);
        }

        var deadlineAfter = await CliRunner.RunAsync(app.ConnectionString, "", deadlineArgs);
        var migrateAfter = await CliRunner.RunAsync(app.ConnectionString, "", migrateArgs);

        // Assert: the command line's due is the web host's, one working day later than before, and says why.
        var hostDue = app.Services.GetRequiredService<DeadlineCalculator>()
            .Compute(new DeadlineRequest(received, TreatmentPeriod.Days(14), [], CountingMode.Statutory, [])).Value!;
        Assert.True(deadlineBefore.Code == 0, deadlineBefore.Error);
        Assert.True(deadlineAfter.Code == 0, deadlineAfter.Error);
        Assert.Equal(hostDue.DueText, deadlineAfter.Output.Split('\n')[0]);
        Assert.NotEqual(deadlineBefore.Output.Split('\n')[0], deadlineAfter.Output.Split('\n')[0]);
        Assert.Contains("명령줄확인휴일", deadlineAfter.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("명령줄확인휴일", deadlineBefore.Output, StringComparison.Ordinal);

        var lineBefore = migrateBefore.Output.Split('\n').Single(l => l.StartsWith(receipt + "\t", StringComparison.Ordinal));
        var lineAfter = migrateAfter.Output.Split('\n').Single(l => l.StartsWith(receipt + "\t", StringComparison.Ordinal));
        var hostMigration = await HostDryRunAsync(receipt);
        var hostDueInstant = hostMigration.DueAfter!.Value.ToOffset(Kst).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
        Assert.True(lineAfter.Split('\t')[3].EndsWith($"-> {hostDueInstant}", StringComparison.Ordinal), $"{lineBefore} | {lineAfter}");
        Assert.False(lineBefore.Split('\t')[3].EndsWith($"-> {hostDueInstant}", StringComparison.Ordinal), $"{lineBefore} | {lineAfter}");
        Assert.Contains("dry run", migrateAfter.Output, StringComparison.Ordinal);
    }

    /// <summary>The web host's own dry run for the petition, on its live calendar.</summary>
    private async Task<PetitionMigrationReport> HostDryRunAsync(string receipt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reports = await scope.ServiceProvider.GetRequiredService<WorkflowMigrationService>()
            .RunAsync("other", 1, 2, new Dictionary<string, string>(), apply: false, Actor.System, CancellationToken.None);
        return reports.Single(r => r.ReceiptNumber == receipt);
    }

    private async Task<string> CreateFourteenDayPetitionAsync(DateTimeOffset received)
    {
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, title: "명령줄 달력 확인");
        petition.ReceivedAt = received.ToUniversalTime();
        petition.ArrivedAt = received.ToUniversalTime();
        petition.PeriodUnit = PeriodUnit.Days;
        petition.PeriodValue = 14;
        petition.DueAt = received.AddDays(20).ToUniversalTime();
        await db.SaveChangesAsync();
        return petition.ReceiptNumber;
    }
}
