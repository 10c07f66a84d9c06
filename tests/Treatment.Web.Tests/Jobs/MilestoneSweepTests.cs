using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Jobs.MilestonePetitions;

namespace Treatment.Web.Tests.Jobs;

/// <summary>The sweep applies each due milestone exactly once per clock generation, whatever runs at once or dies.</summary>
[Collection(JobsCollection.Name)]
public sealed class MilestoneSweepTests(JobsApp jobs)
{
    private readonly TreatmentApp _app = jobs.App;

    [Fact]
    public async Task Sweep_PetitionReceivedLongAgo_OverdueAndEscalationEventsExactlyOnce()
    {
        var now = _app.Time.GetUtcNow();
        var petition = await CreateAsync(_app, now.AddDays(-30), state: "received");
        Assert.True(petition.DueAt < now, "a petition received 30 days ago is past its 7-day due");
        Assert.True(petition.NextMilestoneAt <= now, "its first milestone is due at once");

        await Sweep(_app).DrainAsync(CancellationToken.None);
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await Sweep(_app).DrainAsync(CancellationToken.None);

        var events = await EventsAsync(_app, petition.Id);
        Assert.Single(events, e => e.Type == MilestoneEventTypes.Overdue);
        Assert.Equal([1, 2, 3], EscalationLevels(events));
        var stored = await ReloadAsync(_app, petition.Id);
        Assert.True(stored.Overdue);
        Assert.Equal(3, stored.EscalationLevel);
        Assert.True(stored.NextMilestoneAt > _app.Time.GetUtcNow(), "only future milestones are left (progress notice)");
        Assert.StartsWith("progress-notice@", stored.NextMilestone);
    }

    [Fact]
    public async Task Sweep_PetitionNotRoutedInTime_RecordsRoutingAndTransferBreachesOnce()
    {
        var now = _app.Time.GetUtcNow();
        var petition = await CreateAsync(_app, now.AddDays(-4), state: "received");

        await Sweep(_app).DrainAsync(CancellationToken.None);
        await Sweep(_app).DrainAsync(CancellationToken.None);

        await using var db = _app.CreateDbContext();
        var breaches = await db.ObligationBreaches.Where(b => b.PetitionId == petition.Id).Select(b => b.Obligation).OrderBy(o => o).ToListAsync();
        Assert.Equal(["route-to-department", "transfer-window"], breaches);
        var events = await EventsAsync(_app, petition.Id);
        Assert.Equal(2, events.Count(e => e.Type == MilestoneEventTypes.ObligationBreach));
    }

    [Fact]
    public async Task Sweep_RoutedWithinTheHour_NoRoutingBreach()
    {
        var now = _app.Time.GetUtcNow();
        var petition = await CreateAsync(_app, now.AddDays(-2), state: "reviewing");
        await using (var db = _app.CreateDbContext())
        {
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id, At = petition.ReceivedAt.AddMinutes(20), Type = MilestoneEventTypes.Transition, Trigger = "route",
                ActorName = "최과장", FromState = "received", ToState = "reviewing", WorkflowVersion = 1,
            });
            await db.SaveChangesAsync();
        }

        await Sweep(_app).DrainAsync(CancellationToken.None);

        await using var check = _app.CreateDbContext();
        Assert.False(await check.ObligationBreaches.AnyAsync(b => b.PetitionId == petition.Id));
        Assert.True(await check.MilestoneFirings.AnyAsync(f => f.PetitionId == petition.Id && f.Milestone == "route-to-department"));
    }

    [Fact]
    public async Task Sweep_TwoWorkersAtOnce_EachMilestoneOfThousandPetitionsFiresOnce()
    {
        var now = _app.Time.GetUtcNow();
        var ids = await CreateManyAsync(1000, now.AddDays(-20));
        var expected = ExpectedFirings(ids.Count);

        var first = Sweep(_app, batchSize: 37).DrainAsync(CancellationToken.None);
        var second = Sweep(_app, batchSize: 41).DrainAsync(CancellationToken.None);
        var results = await Task.WhenAll(first, second);

        Assert.True(results[0].Applied > 0 && results[1].Applied > 0, $"both workers took part ({results[0].Applied} and {results[1].Applied})");
        var idArray = ids.ToArray();
        Assert.Equal(0, await ScalarAsync(_app, "select count(*) from (select petition_id, milestone, clock_generation from milestone_firings where petition_id = any($1) group by 1, 2, 3 having count(*) > 1) d", idArray));
        Assert.Equal(expected, await ScalarAsync(_app, "select count(*) from milestone_firings where petition_id = any($1)", idArray));
        Assert.Equal(3L * ids.Count, await ScalarAsync(_app, "select count(*) from petition_events where type = 'escalation' and petition_id = any($1)", idArray));
        Assert.Equal(ids.Count, await ScalarAsync(_app, "select count(*) from petition_events where type = 'overdue' and petition_id = any($1)", idArray));
        Assert.Equal(0, await ScalarAsync(_app, "select count(*) from petitions where id = any($1) and next_milestone_at <= $2", idArray, _app.Time.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task Sweep_WorkerKilledMidBatch_BatchRolledBackAndAppliedOnceLater()
    {
        var now = _app.Time.GetUtcNow();
        var ids = await CreateManyAsync(30, now.AddDays(-20));
        var idArray = ids.ToArray();
        await using var dataSource = NpgsqlDataSource.Create(_app.ConnectionString);

        // A worker claims a batch and writes its effects, then its session dies before the commit.
        var worker = await dataSource.OpenConnectionAsync();
        var transaction = await worker.BeginTransactionAsync();
        var partial = await Sweep(_app, batchSize: 5000).SweepBatchAsync(worker, transaction, CancellationToken.None);
        Assert.True(partial.Applied >= ids.Count);
        await using (var probe = await dataSource.OpenConnectionAsync())
        {
            await using var claim = new NpgsqlCommand("select count(*) from (select id from petitions where id = any($1) for update skip locked) c", probe);
            claim.Parameters.Add(new NpgsqlParameter { Value = idArray });
            Assert.Equal(0L, (long)(await claim.ExecuteScalarAsync())!);
        }

        await using (var killer = await dataSource.OpenConnectionAsync())
        {
            await using var kill = new NpgsqlCommand("select pg_terminate_backend($1)", killer);
            kill.Parameters.Add(new NpgsqlParameter { Value = worker.ProcessID });
            await kill.ExecuteScalarAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());
        await worker.DisposeAsync();
        Assert.Equal(0, await ScalarAsync(_app, "select count(*) from milestone_firings where petition_id = any($1)", idArray));
        Assert.Equal(0, await ScalarAsync(_app, "select count(*) from petition_events where petition_id = any($1) and type <> 'transition'", idArray));

        await Sweep(_app).DrainAsync(CancellationToken.None);
        await Sweep(_app).DrainAsync(CancellationToken.None);

        Assert.Equal(ExpectedFirings(ids.Count), await ScalarAsync(_app, "select count(*) from milestone_firings where petition_id = any($1)", idArray));
        Assert.Equal(ids.Count, await ScalarAsync(_app, "select count(*) from petition_events where type = 'overdue' and petition_id = any($1)", idArray));
        Assert.Equal(3L * ids.Count, await ScalarAsync(_app, "select count(*) from petition_events where type = 'escalation' and petition_id = any($1)", idArray));
    }

    [Fact]
    public async Task Run_BacklogAboveThreshold_FansOutDrainJobsToOtherWorkers()
    {
        await CreateManyAsync(5, _app.Time.GetUtcNow().AddDays(-20));
        var before = await ScalarAsync(_app, "select count(*) from hangfire.job where invocationdata::text like '%DrainAsync%'");
        var settings = new MilestoneSweepSettings { FanOutThreshold = 3, FanOutJobs = 2 };
        var sweep = ActivatorUtilities.CreateInstance<MilestoneSweep>(_app.Services, settings);

        await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(before + 2, await ScalarAsync(_app, "select count(*) from hangfire.job where invocationdata::text like '%DrainAsync%'"));
    }

    /// <summary>Per petition received 20 days ago and routed in time: route and transfer (discharged), halfway (past the due, silent), due, examiner, agency head.</summary>
    private static long ExpectedFirings(int petitions) => 6L * petitions;

    private async Task<List<long>> CreateManyAsync(int count, DateTimeOffset received)
    {
        var template = await CreateAsync(_app, received);
        await using var db = _app.CreateDbContext();
        var agency = template.AgencyId;
        var petitions = Enumerable.Range(0, count).Select(i => new Petition
        {
            ReceiptNumber = $"M-{Guid.NewGuid():N}",
            ReceiptYear = 2025,
            ReceiptSequence = 500_000 + Random.Shared.Next(1, 1_000_000_000),
            Kind = PetitionKind.Grievance,
            Channel = Channel.Visit,
            Title = $"일괄 민원 {i}",
            Body = "본문",
            PetitionerName = "김민원",
            ArrivedAt = template.ArrivedAt,
            ReceivedAt = template.ReceivedAt,
            AgencyId = agency,
            DepartmentId = template.DepartmentId,
            WorkflowId = "grievance",
            WorkflowVersion = 1,
            State = "reviewing",
            ClockState = ClockState.Running,
            PeriodUnit = template.PeriodUnit,
            PeriodValue = template.PeriodValue,
            DueUnit = template.DueUnit,
            DueAt = template.DueAt,
            NextMilestoneAt = template.NextMilestoneAt,
            NextMilestone = template.NextMilestone,
            CreatedAt = template.CreatedAt,
            UpdatedAt = template.UpdatedAt,
        }).ToList();
        db.Petitions.AddRange(petitions);
        await db.SaveChangesAsync();
        db.PetitionEvents.AddRange(petitions.Select(p => new PetitionEvent
        {
            PetitionId = p.Id, At = p.ReceivedAt.AddMinutes(10), Type = MilestoneEventTypes.Transition, Trigger = "route",
            ActorName = "최과장", FromState = "received", ToState = "reviewing", WorkflowVersion = 1,
        }));
        await db.SaveChangesAsync();
        return petitions.Select(p => p.Id).ToList();
    }
}
