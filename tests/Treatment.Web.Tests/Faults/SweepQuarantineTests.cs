using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Treatment.Core.BackOffice;
using Treatment.Core.Faults;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;
using static Treatment.Web.Tests.Jobs.MilestonePetitions;

namespace Treatment.Web.Tests.Faults;

/// <summary>A petition row that throws in the sweep is set aside; every other row of its batch is applied.</summary>
[Collection(JobsCollection.Name)]
public sealed class SweepQuarantineTests(JobsApp jobs)
{
    private readonly TreatmentApp _app = jobs.App;

    [Fact]
    public async Task Sweep_PoisonRowInBatch_GoodRowsAppliedPoisonQuarantinedAndReleasedLater()
    {
        // Arrange: twelve due petitions, one of which the database refuses to update
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-20))).Id);
        }

        var poison = ids[5];
        var good = ids.Where(id => id != poison).ToArray();
        await ExecuteAsync($"""
            create function poison_{poison}() returns trigger language plpgsql as $$ begin raise exception 'poison row %', new.id; end $$;
            create trigger poison_{poison} before update on petitions for each row when (new.id = {poison}) execute function poison_{poison}();
            """);

        try
        {
            // Act
            await Sweep(_app).DrainAsync(CancellationToken.None);
            await Sweep(_app).DrainAsync(CancellationToken.None);

            // Assert: every good row finished, the poison row set aside once, its admins told
            Assert.Equal(0, await ScalarAsync(_app, "select count(*) from petitions where id = any($1) and next_milestone_at <= $2", good, _app.Time.GetUtcNow().UtcDateTime));
            Assert.Equal(good.Length, await ScalarAsync(_app, "select count(*) from petition_events where type = 'overdue' and petition_id = any($1)", good));
            Assert.Equal(0, await ScalarAsync(_app, "select count(*) from milestone_firings where petition_id = $1", poison));
            Assert.Equal(1, await ScalarAsync(_app, "select count(*) from sweep_quarantines where petition_id = $1 and released_at is null", poison));
            Assert.Equal(1, await ScalarAsync(_app, "select count(*) from petition_events where petition_id = $1 and type = $2", poison, MilestoneEventTypes.SweepQuarantined));
            await using var db = _app.CreateDbContext();
            var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
            Assert.True(await db.UserNotifications.AnyAsync(n => n.UserId == admin.UserId && n.PetitionId == poison && n.Kind == OperatorAlertKinds.Quarantine));
            Assert.Equal(0, await Sweep(_app).CountDueAsync(1000, CancellationToken.None) - await CountDueOthersAsync(poison));

            // Act: the row is repaired and released
            await ExecuteAsync($"drop trigger poison_{poison} on petitions; drop function poison_{poison}();");
            await using var scope = _app.Services.CreateAsyncScope();
            var faults = scope.ServiceProvider.GetRequiredService<FaultAdminService>();
            Assert.Contains(await faults.QuarantinedAsync(admin, CancellationToken.None), q => q.PetitionId == poison);
            Assert.True(await faults.ReleaseAsync(admin, poison, CancellationToken.None));
            await Sweep(_app).DrainAsync(CancellationToken.None);

            // Assert
            Assert.Equal(1, await ScalarAsync(_app, "select count(*) from petition_events where type = 'overdue' and petition_id = $1", poison));
            Assert.Equal(1, await ScalarAsync(_app, "select count(*) from petition_events where petition_id = $1 and type = $2", poison, MilestoneEventTypes.SweepReleased));
            Assert.Equal(0, await ScalarAsync(_app, "select count(*) from sweep_quarantines where petition_id = $1 and released_at is null", poison));
        }
        finally
        {
            await ExecuteAsync($"drop trigger if exists poison_{poison} on petitions; drop function if exists poison_{poison}();");
        }
    }

    [Fact]
    public async Task Sweep_RowThatDoesNotParse_QuarantinedAtClaimOthersApplied()
    {
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-20))).Id);
        }

        var poison = ids[0];
        await ExecuteAsync($"update petitions set clock_state = 'Melted' where id = {poison}");

        await Sweep(_app).DrainAsync(CancellationToken.None);

        Assert.Equal(3, await ScalarAsync(_app, "select count(*) from petition_events where type = 'overdue' and petition_id = any($1)", ids.Skip(1).ToArray()));
        Assert.Equal(1, await ScalarAsync(_app, "select count(*) from sweep_quarantines where petition_id = $1 and released_at is null", poison));
        await ExecuteAsync($"update petitions set clock_state = 'Running' where id = {poison}");
    }

    [Fact]
    public async Task Quarantined_ByRole_AgencyAdminsOnly()
    {
        var petition = await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-20));
        await ExecuteAsync($"update petitions set kind = 'Unknown' where id = {petition.Id}");
        await Sweep(_app).DrainAsync(CancellationToken.None);
        await using var db = _app.CreateDbContext();
        await using var scope = _app.Services.CreateAsyncScope();
        var faults = scope.ServiceProvider.GetRequiredService<FaultAdminService>();

        foreach (var user in new[] { "jongno.official", "jongno.supervisor", "jongno.examiner", "mois.analyst" })
        {
            var actor = await BackOfficeSession.ActorAsync(db, user);
            await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => faults.QuarantinedAsync(actor, CancellationToken.None));
            await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => faults.ReleaseAsync(actor, petition.Id, CancellationToken.None));
        }

        var other = await BackOfficeSession.ActorAsync(db, "mois.admin");
        Assert.DoesNotContain(await faults.QuarantinedAsync(other, CancellationToken.None), q => q.PetitionId == petition.Id);
        Assert.False(await faults.ReleaseAsync(other, petition.Id, CancellationToken.None));
        var own = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        Assert.Contains(await faults.QuarantinedAsync(own, CancellationToken.None), q => q.PetitionId == petition.Id);
        await ExecuteAsync($"update petitions set kind = 'Grievance' where id = {petition.Id}");
        Assert.True(await faults.ReleaseAsync(own, petition.Id, CancellationToken.None));
    }

    private async Task<long> CountDueOthersAsync(long except) =>
        await ScalarAsync(_app, "select count(*) from (select 1 from petitions where is_open and next_milestone_at <= $1 and id <> $2 and id not in (select petition_id from sweep_quarantines where released_at is null) limit 1000) d", _app.Time.GetUtcNow().UtcDateTime, except);

    private async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_app.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
