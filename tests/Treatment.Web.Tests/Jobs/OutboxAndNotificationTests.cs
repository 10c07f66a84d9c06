using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Jobs.MilestonePetitions;

namespace Treatment.Web.Tests.Jobs;

/// <summary>Effects that leave the database go through the outbox; people see theirs as in-app notifications.</summary>
[Collection(JobsCollection.Name)]
public sealed class OutboxAndNotificationTests(JobsApp jobs)
{
    private readonly TreatmentApp _app = jobs.App;

    [Fact]
    public async Task Sweep_ExaminerReminder_QueuesOneMailToTheDepartmentHeadInKorean()
    {
        var petition = await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-25));

        await Sweep(_app).DrainAsync(CancellationToken.None);
        await Sweep(_app).DrainAsync(CancellationToken.None);

        await using var db = _app.CreateDbContext();
        var mail = await db.OutboxMessages.Where(m => m.PetitionId == petition.Id && m.Subject.StartsWith("[독촉장]")).ToListAsync();
        var message = Assert.Single(mail);
        Assert.Equal("jongno.supervisor@demo.treatment.local", message.Recipient);
        Assert.Contains("시행령 제28조②", message.Body);
    }

    [Fact]
    public async Task Sweep_ExaminerReminder_CountsInTheReportRollupOncePerReminder()
    {
        // Arrange
        await using var db = _app.CreateDbContext();
        var lastEventBefore = await db.PetitionEvents.MaxAsync(e => (long?)e.Id) ?? 0;
        var factsBefore = await ExaminerReminderFactsAsync(db);
        await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-25));

        // Act
        await Sweep(_app).DrainAsync(CancellationToken.None);
        await Sweep(_app).DrainAsync(CancellationToken.None);

        // Assert
        var escalations = await db.PetitionEvents.AsNoTracking().Where(e => e.Id > lastEventBefore && e.Type == MilestoneEventTypes.Escalation).ToListAsync();
        var reminders = escalations.Count(Treatment.Core.Reports.ReportFactMap.IsExaminerReminder);
        Assert.True(reminders >= 1, "the sweep wrote no examiner reminder");
        Assert.Equal(factsBefore + reminders, await ExaminerReminderFactsAsync(db));
    }

    private static async Task<long> ExaminerReminderFactsAsync(Treatment.Core.Persistence.TreatmentDbContext db) =>
        await db.PetitionRollups.Where(r => r.Measure == Treatment.Core.Reports.RollupMeasures.ExaminerReminder).SumAsync(r => r.Count)
        + await db.PetitionRollupDeltas.Where(r => r.Measure == Treatment.Core.Reports.RollupMeasures.ExaminerReminder).SumAsync(r => r.Count);

    [Fact]
    public async Task Deliver_LogSenderWithFolder_WritesEachMessageOnceAndMarksItSent()
    {
        var folder = Directory.CreateTempSubdirectory("outbox-").FullName;
        var id = await AddMessageAsync("담당자@demo.treatment.local", "처리기한 안내", "민원 처리기한이 지났습니다.");
        var settings = new OutboxSettings { Folder = folder };
        var delivery = Delivery(new LogOutboxSender(settings, NullLogger<LogOutboxSender>.Instance), settings);

        await delivery.DeliverAsync(CancellationToken.None);
        await delivery.DeliverAsync(CancellationToken.None);

        var file = Path.Combine(folder, $"outbox-{id:D10}.eml");
        Assert.Contains("민원 처리기한이 지났습니다.", await File.ReadAllTextAsync(file));
        await using var db = _app.CreateDbContext();
        var stored = await db.OutboxMessages.SingleAsync(m => m.Id == id);
        Assert.NotNull(stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Deliver_SenderFails_MessageStaysUnsentWithAttemptAndError()
    {
        var id = await AddMessageAsync("nobody@invalid", "실패 테스트", "본문");
        var settings = new OutboxSettings();
        var failing = new FailingSender(id);

        await Delivery(failing, settings).DeliverAsync(CancellationToken.None);

        await using var db = _app.CreateDbContext();
        var stored = await db.OutboxMessages.SingleAsync(m => m.Id == id);
        Assert.Null(stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal("메일 서버 응답 없음", stored.LastError);

        // Tried again once its back-off has passed.
        _app.Time.Advance(settings.FirstRetryDelay);
        await Delivery(new FailingSender(-1), settings).DeliverAsync(CancellationToken.None);
        await using var again = _app.CreateDbContext();
        Assert.NotNull((await again.OutboxMessages.SingleAsync(m => m.Id == id)).SentAt);
    }

    [Fact]
    public async Task UnreadCount_AfterOverdueSweepAndMarkRead_CountsOnlyUnread()
    {
        var supervisor = await UserIdAsync("jongno.supervisor");
        var petition = await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-25));
        await Sweep(_app).DrainAsync(CancellationToken.None);

        await using var scope = _app.Services.CreateAsyncScope();
        var notifications = scope.ServiceProvider.GetRequiredService<UserNotifications>();
        var before = await notifications.UnreadCountAsync(supervisor, CancellationToken.None);
        var latest = await notifications.LatestAsync(supervisor, 100, CancellationToken.None);
        var forPetition = latest.Where(n => n.PetitionId == petition.Id).Select(n => n.Id).ToList();
        Assert.Contains(latest, n => n.PetitionId == petition.Id && n.Kind == "overdue" && n.MessageKo.Contains("처리기한을 넘겼습니다"));

        var marked = await notifications.MarkReadAsync(supervisor, forPetition, CancellationToken.None);

        Assert.Equal(forPetition.Count, marked);
        Assert.Equal(before - forPetition.Count, await notifications.UnreadCountAsync(supervisor, CancellationToken.None));
    }

    [Fact]
    public async Task MonthlyCheck_RunTwice_StoresOneCheckPerAgencyWithTheMonthsFigures()
    {
        await using var dataSource = NpgsqlDataSource.Create(_app.ConnectionString);
        var check = new MonthlyStatusCheck(dataSource, _app.Time);
        await using var db = _app.CreateDbContext();
        var agencies = await db.Agencies.CountAsync();

        var first = await check.RunAsync(2025, 5, CancellationToken.None);
        var second = await check.RunAsync(2025, 5, CancellationToken.None);

        Assert.Equal(agencies, first);
        Assert.Equal(0, second);
        var stored = await db.MonthlyChecks.Where(m => m.Year == 2025 && m.Month == 5).ToListAsync();
        Assert.Equal(agencies, stored.Count);
        Assert.All(stored, m => Assert.Contains("\"openAtMonthEnd\"", m.Content));
    }

    private OutboxDelivery Delivery(IOutboxSender sender, OutboxSettings settings) =>
        new(_app.Services.GetRequiredService<NpgsqlDataSource>(), sender, settings, _app.Time, NullLogger<OutboxDelivery>.Instance);

    [Fact]
    public async Task OutboxIds_BlocksGivenToTheServiceAndSqlDefaults_NeverMeet()
    {
        // Arrange: the service takes ids in blocks from the column's identity sequence; the sweep's SQL takes the default.
        var (serviceIds, sqlIds) = (new List<long>(), new List<long>());
        await using var connection = await _app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

        // Act: both kinds of insert, interleaved over more than two blocks.
        for (var i = 0; i < OutboxIdBlock.Size * 2 + 5; i++)
        {
            serviceIds.Add(await AddMessageAsync("블록@demo.treatment.local", "아이디 블록", $"본문 {i}"));
            await using var insert = new NpgsqlCommand(
                "insert into outbox_messages (created_at, kind, recipient, subject, body, attempts) values (now(), 'email', 'sql@demo.treatment.local', '기본값', '본문', 0) returning id", connection);
            sqlIds.Add((long)(await insert.ExecuteScalarAsync())!);
        }

        // Assert: no id twice, and the service's ids run on within a block despite the SQL inserts between them
        var all = serviceIds.Concat(sqlIds).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Contains(serviceIds.Zip(serviceIds.Skip(1)), pair => pair.Second == pair.First + 1);
        await using var increment = new NpgsqlCommand($"select increment_by from pg_sequences where sequencename = '{OutboxIdBlock.SequenceName}'", connection);
        Assert.Equal(OutboxIdBlock.Size, (long)(await increment.ExecuteScalarAsync())!);
    }

    private async Task<long> AddMessageAsync(string recipient, string subject, string body)
    {
        await using var db = _app.CreateDbContext();
        var message = new OutboxMessage { CreatedAt = _app.Time.GetUtcNow(), Kind = "email", Recipient = recipient, Subject = subject, Body = body };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        await using var db = _app.CreateDbContext();
        return await db.Set<AppUser>().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A sender whose mail server refuses one message.</summary>
    private sealed class FailingSender(long failingId) : IOutboxSender
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            message.Id == failingId ? throw new InvalidOperationException("메일 서버 응답 없음") : Task.CompletedTask;
    }
}
