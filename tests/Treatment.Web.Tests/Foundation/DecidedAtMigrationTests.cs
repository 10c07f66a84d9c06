using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Treatment.Core.Persistence.Migrations;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

/// <summary>The migration that moves decided_at from the first result notice to the first decision, over stored audit events.</summary>
[Collection(AppCollection.Name)]
public sealed class DecidedAtMigrationTests(TreatmentApp app)
{
    private static string MigrationSql() =>
        string.Join(";\n", new DecidedAtFromDecision().UpOperations.OfType<SqlOperation>().Select(o => o.Sql));

    private static PetitionEvent Transition(Petition petition, string trigger, string from, string to, DateTimeOffset at) => new()
    {
        PetitionId = petition.Id,
        At = at,
        Type = PetitionEventTypes.Transition,
        ActorName = "담당자",
        Trigger = trigger,
        FromState = from,
        ToState = to,
        WorkflowVersion = petition.WorkflowVersion,
    };

    [Fact]
    public async Task DecidedAtFromDecision_AnsweredOnTheSpotAndWithdrawn_DecisionInstantOrNone()
    {
        // Arrange: stored as before — an answer on the spot without decided_at, a withdrawal with one.
        await using var db = app.CreateDbContext();
        var answered = await TestData.CreatePetitionAsync(db, title: "현장 답변");
        var withdrawn = await TestData.CreatePetitionAsync(db, title: "취하");
        var received = answered.ReceivedAt.ToUniversalTime();
        var decidedAt = new DateTimeOffset(received.Year, received.Month, received.Day, received.Hour, received.Minute, 0, TimeSpan.Zero).AddMinutes(7);
        db.PetitionEvents.Add(Transition(answered, "answer-on-the-spot", "received", "answered", decidedAt));
        db.PetitionEvents.Add(Transition(answered, "answer", "received", "answered", decidedAt.AddHours(1)));
        db.PetitionEvents.Add(Transition(withdrawn, "withdraw", "received", "withdrawn", decidedAt));
        await db.SaveChangesAsync();
        await db.Petitions.Where(p => p.Id == withdrawn.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DecidedAt, decidedAt));

        // Act: rolled back after reading, so the other tests' rows stay as they were.
        Dictionary<long, Petition> after;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync(MigrationSql());
            after = await db.Petitions.AsNoTracking().Where(p => p.Id == answered.Id || p.Id == withdrawn.Id).ToDictionaryAsync(p => p.Id);
            await transaction.RollbackAsync();
        }

        // Assert
        Assert.Equal(decidedAt, after[answered.Id].DecidedAt);
        Assert.Null(after[withdrawn.Id].DecidedAt);
    }
}
