using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Treatment.Web.Tests.Chaos;

/// <summary>
/// The fault suite: each scenario injects one fault into real processes over a real cluster and prints acknowledged,
/// lost, duplicated, 5xx answers and time to recover (artifacts/chaos/figures.md); each asserts the acceptance
/// figures. Reduced here; scripts/chaos runs the full form (TREATMENT_CHAOS=full).
/// </summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ChaosFixture chaos, ITestOutputHelper output)
{
    private static readonly TimeSpan LoadFor = ChaosFixture.Full ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WebNodeKilledUnderIntakeLoad_NothingAcknowledgedLostOrDuplicated()
    {
        var run = Run();
        var (portA, portB) = (NodeProcess.FreePort(), NodeProcess.FreePort());
        var a = await NodeProcess.StartAsync("Web", chaos.Database, portA);
        await using var b = await NodeProcess.StartAsync("Web", chaos.Database, portB);
        var load = new IntakeLoad([() => a.BaseUrl, () => b.BaseUrl], run);
        await load.WarmUpAsync();

        var running = load.RunAsync(clients: 8, LoadFor);
        await Task.Delay(LoadFor / 3);
        a.Kill();
        load.MarkFault();
        await a.DisposeAsync();
        a = await NodeProcess.StartAsync("Web", chaos.Database, portA);
        await running;
        await a.DisposeAsync();

        await AssertIntakeAsync("web node kill -9 under intake load", load, run);
    }

    [Fact]
    public async Task WebNodeTerminatedUnderIntakeLoad_InFlightRequestsFinish()
    {
        var run = Run();
        var (portA, portB) = (NodeProcess.FreePort(), NodeProcess.FreePort());
        var a = await NodeProcess.StartAsync("Web", chaos.Database, portA);
        await using var b = await NodeProcess.StartAsync("Web", chaos.Database, portB);
        var load = new IntakeLoad([() => a.BaseUrl, () => b.BaseUrl], run);
        await load.WarmUpAsync();

        var running = load.RunAsync(clients: 8, LoadFor);
        await Task.Delay(LoadFor / 3);
        var stopping = Stopwatch.StartNew();
        a.Terminate();
        load.MarkFault();
        await a.WaitForExitAsync(CancellationToken.None);
        var stopTook = stopping.Elapsed;
        await running;
        await a.DisposeAsync();

        await AssertIntakeAsync("web node SIGTERM under intake load", load, run, ("shutdown took", $"{stopTook.TotalSeconds:F1} s"));
        Assert.True(stopTook < TimeSpan.FromSeconds(30), $"graceful shutdown took {stopTook}");
    }

    [Fact]
    public async Task DatabaseRestartedUnderIntakeLoad_No500AndNothingLostOrDuplicated()
    {
        var run = Run();
        await using var a = await NodeProcess.StartAsync("Web", chaos.Database, NodeProcess.FreePort());
        var load = new IntakeLoad([() => a.BaseUrl], run);
        await load.WarmUpAsync();

        var running = load.RunAsync(clients: 8, LoadFor);
        await Task.Delay(LoadFor / 3);
        load.MarkFault();
        await chaos.Cluster.BlinkAsync(TimeSpan.FromMilliseconds(400));
        await running;

        // The suite's own in-process host (seeding, checks) holds pooled connections the restart ended.
        chaos.Service<NpgsqlDataSource>().Clear();

        await AssertIntakeAsync("PostgreSQL restarted under intake load", load, run);
        Assert.Equal(0, load.Statuses.GetValueOrDefault(500));
    }

    [Fact]
    public async Task WorkerKilledMidMilestones_EveryMilestoneAppliedOnceBySurvivor()
    {
        // Arrange
        var run = Run();
        var count = ChaosFixture.Full ? 100_000 : 3_000;
        var ids = await chaos.SeedDueAsync(run, count);
        var settings = new Dictionary<string, string> { ["Treatment__Jobs__Sweep__BatchSize"] = "500", ["Treatment__Jobs__Sweep__FanOutJobs"] = "0" };
        var w1 = await NodeProcess.StartAsync("Worker", chaos.Database, NodeProcess.FreePort(), settings);
        await using var w2 = await NodeProcess.StartAsync("Worker", chaos.Database, NodeProcess.FreePort(), settings);
        var jobs = chaos.App.Services.GetRequiredService<IBackgroundJobClient>();
        const string due = "select count(*) from petitions where id = any($1) and next_milestone_at <= $2";

        // Act: two drains, one worker killed a third of the way
        jobs.Enqueue<MilestoneSweep>(s => s.DrainAsync(CancellationToken.None));
        jobs.Enqueue<MilestoneSweep>(s => s.DrainAsync(CancellationToken.None));
        var firings = "select count(distinct petition_id) from milestone_firings where petition_id = any($1)";
        var deadline = Stopwatch.StartNew();
        while (await chaos.ScalarAsync(firings, ids) < count / 3 && deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(100);
        }

        w1.Kill();
        var fault = Stopwatch.StartNew();
        await w1.DisposeAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        while (await chaos.ScalarAsync(due, ids, now) > 0 && fault.Elapsed < TimeSpan.FromMinutes(ChaosFixture.Full ? 20 : 3))
        {
            await Task.Delay(250);
        }

        var recovered = fault.Elapsed;

        // Assert
        var lost = await chaos.ScalarAsync(due, ids, now);
        var duplicated = await chaos.ScalarAsync("select count(*) from (select petition_id from petition_events where petition_id = any($1) and type = 'overdue' group by petition_id having count(*) > 1) d", ids);
        var overdue = await chaos.ScalarAsync("select count(distinct petition_id) from petition_events where petition_id = any($1) and type = 'overdue'", ids);
        output.WriteLine(ChaosFixture.Report("worker kill -9 in the middle of due milestones", [
            ("petitions due", count), ("overdue applied", overdue), ("lost", lost), ("duplicated", duplicated), ("5xx", "n/a"), ("time to recover", $"{recovered.TotalSeconds:F1} s")]));
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(count, overdue);
    }

    [Fact]
    public async Task SmtpDownWithQueuedMessages_EveryMessageDeliveredOnceAfterItReturns()
    {
        // Arrange
        var count = ChaosFixture.Full ? 1_000 : 200;
        var outage = ChaosFixture.Full ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(8);
        await using var receiver = new TinySmtpReceiver();
        var settings = new OutboxSettings
        {
            Sender = "smtp", SmtpHost = "127.0.0.1", SmtpPort = receiver.Port, SmtpSsl = false, SmtpTimeout = TimeSpan.FromSeconds(5),
            FirstRetryDelay = ChaosFixture.Full ? TimeSpan.FromSeconds(30) : TimeSpan.FromMilliseconds(500),
            MaxRetryDelay = ChaosFixture.Full ? TimeSpan.FromMinutes(2) : TimeSpan.FromSeconds(2),
        };
        var run = Run();

        // Petitions of the intake scenarios queued their notices too; the queue holds only this scenario's messages.
        await chaos.ScalarAsync("update outbox_messages set sent_at = now() where sent_at is null");
        var first = await chaos.ScalarAsync(
            "insert into outbox_messages (created_at, kind, recipient, subject, body, attempts) select now(), 'email', 'op' || g || '@demo.treatment.local', $1 || g, '본문 ' || g, 0 from generate_series(1, $2) g returning id",
            $"chaos {run} ", count);
        await using var dataSource = NpgsqlDataSource.Create(chaos.Database);
        var mine = await OutboxIdsAsync(dataSource, $"chaos {run} %"); // the identity steps by a block's size: ids are not dense
        OutboxDelivery Delivery() => new(dataSource, new SmtpOutboxSender(settings), settings, TimeProvider.System, NullLogger<OutboxDelivery>.Instance);
        var poll = ChaosFixture.Full ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(300);
        using var stop = new CancellationTokenSource();

        // Act: two delivery loops (two workers) against a mail server that is away, then back
        var loops = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Delivery().DeliverAsync(CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // as a failed job run: the next run picks up where this one stopped
                }

                await Task.Delay(poll);
            }
        })).ToList();
        await Task.Delay(outage);
        receiver.Start();
        var back = Stopwatch.StartNew();
        const string unsent = "select count(*) from outbox_messages where subject like $1 and sent_at is null";
        long left;
        while ((left = await chaos.ScalarAsync(unsent, $"chaos {run} %")) > 0 && back.Elapsed < TimeSpan.FromMinutes(ChaosFixture.Full ? 15 : 2))
        {
            output.WriteLine($"{back.Elapsed.TotalSeconds:F1} s: {left} unsent, {receiver.Received} received");
            await Task.Delay(1000);
        }

        var recovered = back.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        // Assert
        var delivered = receiver.Messages.Keys.Count(id => IsMine(id, mine));
        var lost = await chaos.ScalarAsync(unsent, $"chaos {run} %");
        var dead = await chaos.ScalarAsync("select count(*) from outbox_messages where subject like $1 and dead_at is not null", $"chaos {run} %");
        output.WriteLine(ChaosFixture.Report($"SMTP down {outage.TotalSeconds:F0} s with {count} queued", [
            ("queued", count), ("delivered once", delivered), ("lost", lost), ("duplicates dropped by receiver", receiver.Duplicates), ("dead letters", dead), ("5xx", "n/a"), ("time to recover", $"{recovered.TotalSeconds:F1} s")]));
        Assert.True(first > 0);
        Assert.Equal(0, lost);
        Assert.Equal(0, dead);
        Assert.Equal(count, delivered);
    }

    [Fact]
    public async Task PoisonPetitionRow_SweepFinishesEveryGoodRow()
    {
        var run = Run();
        var count = ChaosFixture.Full ? 20_000 : 1_000;
        var ids = await chaos.SeedDueAsync(run, count);
        var poison = ids[count / 2];
        await using var dataSource = NpgsqlDataSource.Create(chaos.Database);
        await using (var arm = dataSource.CreateCommand($"""
            create function poison_{poison}() returns trigger language plpgsql as $$ begin raise exception 'poison row %', new.id; end $$;
            create trigger poison_{poison} before update on petitions for each row when (new.id = {poison}) execute function poison_{poison}();
            """))
        {
            await arm.ExecuteNonQueryAsync();
        }

        var sweep = ActivatorUtilities.CreateInstance<MilestoneSweep>(chaos.App.Services, new MilestoneSweepSettings { BatchSize = 500, FanOutJobs = 0 }, TimeProvider.System);
        var took = Stopwatch.StartNew();
        await sweep.DrainAsync(CancellationToken.None);
        await sweep.DrainAsync(CancellationToken.None);
        took.Stop();

        var good = ids.Where(id => id != poison).ToArray();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var lost = await chaos.ScalarAsync("select count(*) from petitions where id = any($1) and next_milestone_at <= $2", good, now);
        var duplicated = await chaos.ScalarAsync("select count(*) from (select petition_id from petition_events where petition_id = any($1) and type = 'overdue' group by petition_id having count(*) > 1) d", ids);
        var quarantined = await chaos.ScalarAsync("select count(*) from sweep_quarantines where petition_id = any($1) and released_at is null", ids);
        await using (var disarm = dataSource.CreateCommand($"drop trigger poison_{poison} on petitions; drop function poison_{poison}();"))
        {
            await disarm.ExecuteNonQueryAsync();
        }

        output.WriteLine(ChaosFixture.Report("poison petition row in the sweep", [
            ("good rows due", good.Length), ("lost", lost), ("duplicated", duplicated), ("quarantined", quarantined), ("5xx", "n/a"), ("sweep took", $"{took.Elapsed.TotalSeconds:F1} s")]));
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(1, quarantined);
    }

    private static async Task<HashSet<long>> OutboxIdsAsync(NpgsqlDataSource dataSource, string subjectPattern)
    {
        var ids = new HashSet<long>();
        await using var command = dataSource.CreateCommand("select id from outbox_messages where subject like $1");
        command.Parameters.AddWithValue(subjectPattern);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static bool IsMine(string messageId, IReadOnlySet<long> mine)
    {
        var start = messageId.IndexOf("outbox-", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var digits = new string(messageId[(start + 7)..].TakeWhile(char.IsDigit).ToArray());
        return long.TryParse(digits, out var id) && mine.Contains(id);
    }

    private async Task AssertIntakeAsync(string scenario, IntakeLoad load, string run, params (string, object)[] more)
    {
        await using var dataSource = NpgsqlDataSource.Create(chaos.Database);
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("select title, count(*)::int from petitions where title like $1 group by title"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = load.TitlePrefix + "%" });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored[reader.GetString(0)[load.TitlePrefix.Length..]] = reader.GetInt32(1);
            }
        }

        var lost = load.Acknowledged.Keys.Count(k => !stored.ContainsKey(k));
        var duplicated = stored.Values.Sum(c => c - 1);
        var statuses = string.Join(" ", load.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        output.WriteLine(ChaosFixture.Report(scenario, [
            ("acknowledged", load.Acknowledged.Count), ("lost", lost), ("duplicated", duplicated), ("5xx", load.ServerErrors),
            ("500", load.Statuses.GetValueOrDefault(500)), ("answers", statuses), ("connection errors", load.TransportErrors),
            ("time to recover", $"{load.TimeToRecover.TotalSeconds:F1} s"), .. more]));
        Assert.True(load.Acknowledged.Count > 0, "nothing was acknowledged");
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(0, load.Statuses.GetValueOrDefault(500));
        _ = run;
    }

    private static string Run() => Guid.NewGuid().ToString("N")[..8];
}
