using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AuditAppendOnlyTests(TreatmentApp app)
{
    private async Task<long> InsertEventAsync()
    {
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db);
        var audit = new PetitionEvent { PetitionId = petition.Id, At = DateTimeOffset.UtcNow, Type = "received", ActorName = "테스트", ToState = "received", WorkflowVersion = 1 };
        db.PetitionEvents.Add(audit);
        await db.SaveChangesAsync();
        return audit.Id;
    }

    [Fact]
    public async Task PetitionEvents_Update_RefusedByDatabase()
    {
        var id = await InsertEventAsync();
        await using var db = app.CreateDbContext();

        var ex = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("update petition_events set reason = 'changed' where id = {0}", id));

        Assert.Equal("42501", ex.SqlState);
        Assert.Null((await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.Id == id)).Reason);
    }

    [Fact]
    public async Task PetitionEvents_Delete_RefusedByDatabase()
    {
        var id = await InsertEventAsync();
        await using var db = app.CreateDbContext();

        var ex = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("delete from petition_events where id = {0}", id));

        Assert.Equal("42501", ex.SqlState);
        Assert.True(await db.PetitionEvents.AnyAsync(e => e.Id == id));
    }

    [Fact]
    public async Task PetitionEvents_Truncate_RefusedByDatabase()
    {
        await InsertEventAsync();
        await using var db = app.CreateDbContext();

        var ex = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("truncate petition_events cascade"));

        Assert.Equal("42501", ex.SqlState);
    }

    [Fact]
    public async Task PetitionEvents_Insert_Allowed()
    {
        var id = await InsertEventAsync();

        await using var db = app.CreateDbContext();
        Assert.Equal("received", (await db.PetitionEvents.SingleAsync(e => e.Id == id)).Type);
    }
}
