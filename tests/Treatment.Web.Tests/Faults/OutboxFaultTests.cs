using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Treatment.Core.BackOffice;
using Treatment.Core.Faults;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;

namespace Treatment.Web.Tests.Faults;

/// <summary>The outbox under a failing mail server: back-off per message, dead letters with a resend, a stable Message-ID.</summary>
[Collection(JobsCollection.Name)]
public sealed class OutboxFaultTests(JobsApp jobs)
{
    private readonly TreatmentApp _app = jobs.App;

    [Fact]
    public void After_ConsecutiveFailures_DoublesInItsUpperHalfAndStopsAtTheCap()
    {
        var settings = new OutboxSettings { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(10) };
        var random = new Random(7);

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var ceiling = Math.Min(30 * Math.Pow(2, attempt - 1), 600);
            var waits = Enumerable.Range(0, 50).Select(_ => OutboxBackoff.After(attempt, settings, random).TotalSeconds).ToList();
            Assert.All(waits, w => Assert.InRange(w, ceiling / 2, ceiling));
            Assert.True(waits.Distinct().Count() > 40, "jitter spreads the waits");
        }
    }

    [Fact]
    public async Task Deliver_SenderFails_NotTriedAgainBeforeItsBackoffThenDelivered()
    {
        var settings = new OutboxSettings { FirstRetryDelay = TimeSpan.FromMinutes(2) };
        var id = await AddMessageAsync("백오프 시험");
        var sender = new SwitchableSender { Failing = true };

        await Delivery(sender, settings).DeliverAsync(CancellationToken.None);
        var failed = await MessageAsync(id);
        var wait = failed.NextAttemptAt!.Value - _app.Time.GetUtcNow();
        Assert.InRange(wait.TotalSeconds, 60, 120);
        Assert.Equal(1, failed.Attempts);

        sender.Failing = false;
        _app.Time.Advance(wait - TimeSpan.FromSeconds(1));
        await Delivery(sender, settings).DeliverAsync(CancellationToken.None);
        Assert.DoesNotContain(id, sender.Sent);

        _app.Time.Advance(TimeSpan.FromSeconds(2));
        await Delivery(sender, settings).DeliverAsync(CancellationToken.None);
        Assert.Contains(id, sender.Sent);
        var sent = await MessageAsync(id);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task Deliver_AttemptsRunOut_DeadLetteredOperatorsToldAndResendDeliversOnce()
    {
        // Arrange
        var settings = new OutboxSettings { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromMinutes(1) };
        var id = await AddMessageAsync("데드레터 시험");
        var sender = new SwitchableSender { Failing = true };
        await using var db = _app.CreateDbContext();
        var admin = await BackOfficeSession.ActorAsync(db, "mois.admin");

        // Act: three failures, then a long wait
        for (var i = 0; i < 3; i++)
        {
            await Delivery(sender, settings).DeliverAsync(CancellationToken.None);
            _app.Time.Advance(TimeSpan.FromMinutes(2));
        }

        sender.Failing = false;
        _app.Time.Advance(TimeSpan.FromDays(1));
        await Delivery(sender, settings).DeliverAsync(CancellationToken.None);

        // Assert: dead, untouched, operators told
        var dead = await MessageAsync(id);
        Assert.NotNull(dead.DeadAt);
        Assert.Null(dead.SentAt);
        Assert.Equal(3, dead.Attempts);
        Assert.DoesNotContain(id, sender.Sent);
        var alerts = await db.UserNotifications.AsNoTracking().Where(n => n.Kind == OperatorAlertKinds.DeadLetter && n.MessageKo.Contains($"#{id}(")).ToListAsync();
        Assert.Contains(alerts, n => n.UserId == admin.UserId);
        Assert.All(alerts, n => Assert.Contains("다시 보낼 수 있습니다", n.MessageKo));

        // Act: resend from the admin page's service
        await using var scope = _app.Services.CreateAsyncScope();
        var faults = scope.ServiceProvider.GetRequiredService<FaultAdminService>();
        Assert.Contains(await faults.DeadLettersAsync(admin, CancellationToken.None), m => m.Id == id);
        Assert.True(await faults.ResendAsync(admin, id, CancellationToken.None));
        await Delivery(sender, settings).DeliverAsync(CancellationToken.None);
        await Delivery(sender, settings).DeliverAsync(CancellationToken.None);

        // Assert
        Assert.Single(sender.Sent, s => s == id);
        var resent = await MessageAsync(id);
        Assert.NotNull(resent.SentAt);
        Assert.Null(resent.DeadAt);
    }

    [Fact]
    public async Task DeadLetters_ByRole_AdminOfScopeOnly()
    {
        var settings = new OutboxSettings { MaxAttempts = 1 };
        var id = await AddMessageAsync("범위 시험");
        await Delivery(new SwitchableSender { Failing = true }, settings).DeliverAsync(CancellationToken.None);
        await using var db = _app.CreateDbContext();
        await using var scope = _app.Services.CreateAsyncScope();
        var faults = scope.ServiceProvider.GetRequiredService<FaultAdminService>();

        foreach (var user in new[] { "jongno.official", "jongno.supervisor", "jongno.examiner", "mois.analyst" })
        {
            var actor = await BackOfficeSession.ActorAsync(db, user);
            await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => faults.DeadLettersAsync(actor, CancellationToken.None));
            await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => faults.ResendAsync(actor, id, CancellationToken.None));
        }

        // A message tied to no petition belongs to the central agencies' admins, not to a district's.
        var district = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        Assert.DoesNotContain(await faults.DeadLettersAsync(district, CancellationToken.None), m => m.Id == id);
        Assert.False(await faults.ResendAsync(district, id, CancellationToken.None));
        var central = await BackOfficeSession.ActorAsync(db, "mois.admin");
        Assert.Contains(await faults.DeadLettersAsync(central, CancellationToken.None), m => m.Id == id);
    }

    [Theory]
    [InlineData("jongno.official", System.Net.HttpStatusCode.Forbidden)]
    [InlineData("jongno.supervisor", System.Net.HttpStatusCode.Forbidden)]
    [InlineData("mois.analyst", System.Net.HttpStatusCode.Forbidden)]
    [InlineData("jongno.admin", System.Net.HttpStatusCode.OK)]
    public async Task FaultsPage_ByRole_OnlyAdminsInKoreanFirst(string user, System.Net.HttpStatusCode expected)
    {
        var session = await BackOfficeSession.SignInAsync(_app, user, "Demo!2345");

        var response = await session.Client.GetAsync("/Admin/Faults");

        // The sign-in cookie answers a refused page with a redirect to its access-denied page.
        var refused = response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/Account/Denied", StringComparison.Ordinal) == true;
        Assert.Equal(expected, refused ? System.Net.HttpStatusCode.Forbidden : response.StatusCode);
        if (expected == System.Net.HttpStatusCode.OK)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("보내지 못한 메시지", html);
            Assert.Contains("기한 점검에서 격리된 민원", html);
        }
    }

    [Fact]
    public async Task SmtpSender_CrashBetweenSendAndMark_SentAgainWithTheSameMessageIdAndReceiverKeepsOne()
    {
        // Arrange
        await using var receiver = new TinySmtpReceiver();
        receiver.Start();
        var settings = new OutboxSettings { Sender = "smtp", SmtpHost = "127.0.0.1", SmtpPort = receiver.Port, SmtpSsl = false, ClaimFor = TimeSpan.FromMinutes(5) };
        var id = await AddMessageAsync("민원 처리 안내 — 한글 제목");
        using var crash = new CancellationTokenSource();
        var crashing = new CrashAfterSend(new SmtpOutboxSender(settings), crash);

        // Act: the process dies after the mail server took the message, before it was marked sent
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Delivery(crashing, settings).DeliverAsync(crash.Token));
        await Delivery(new SmtpOutboxSender(settings), settings).DeliverAsync(CancellationToken.None);
        var beforeLease = await MessageAsync(id);
        _app.Time.Advance(TimeSpan.FromMinutes(6));
        await Delivery(new SmtpOutboxSender(settings), settings).DeliverAsync(CancellationToken.None);

        // Assert
        Assert.Null(beforeLease.SentAt);
        Assert.NotNull((await MessageAsync(id)).SentAt);
        var mine = receiver.Messages.Where(m => m.Value.Contains($"outbox-{id}-", StringComparison.Ordinal)).ToList();
        var kept = Assert.Single(mine);
        Assert.Equal(1, receiver.Duplicates);
        Assert.Contains("Subject: =?utf-8?", kept.Value, StringComparison.OrdinalIgnoreCase);
    }

    private OutboxDelivery Delivery(IOutboxSender sender, OutboxSettings settings) =>
        new(_app.Services.GetRequiredService<NpgsqlDataSource>(), new OnlyMine(sender, _mine), settings, _app.Time, NullLogger<OutboxDelivery>.Instance);

    private readonly ConcurrentDictionary<long, bool> _mine = new();

    private async Task<long> AddMessageAsync(string subject)
    {
        await using var db = _app.CreateDbContext();
        var message = new OutboxMessage { CreatedAt = _app.Time.GetUtcNow(), Kind = "email", Recipient = "operator@demo.treatment.local", Subject = subject, Body = "본문 — 한글" };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        _mine[message.Id] = true;
        return message.Id;
    }

    private async Task<OutboxMessage> MessageAsync(long id)
    {
        await using var db = _app.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>Other tests' queued mail (sweep reminders) is delivered silently; this test's own goes to the sender under test.</summary>
    private sealed class OnlyMine(IOutboxSender inner, ConcurrentDictionary<long, bool> mine) : IOutboxSender
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            mine.ContainsKey(message.Id) ? inner.SendAsync(message, cancellationToken) : Task.CompletedTask;
    }

    private sealed class SwitchableSender : IOutboxSender
    {
        public bool Failing { get; set; }

        public ConcurrentBag<long> Sent { get; } = [];

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.MailboxBusy, "메일 서버 응답 없음");
            }

            Sent.Add(message.Id);
            return Task.CompletedTask;
        }
    }

    private sealed class CrashAfterSend(IOutboxSender inner, CancellationTokenSource crash) : IOutboxSender
    {
        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            await inner.SendAsync(message, CancellationToken.None);
            await crash.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
