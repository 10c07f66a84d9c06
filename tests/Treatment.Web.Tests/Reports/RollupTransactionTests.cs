using System.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Reports;

/// <summary>Report facts are saved with the petition change, in its batch and transaction: a change not saved leaves none behind.</summary>
[Collection(AppCollection.Name)]
public sealed class RollupTransactionTests(TreatmentApp app)
{
    private static PetitionEvent Answer(long petitionId) => new()
    {
        PetitionId = petitionId,
        At = new DateTimeOffset(2025, 7, 7, 2, 0, 0, TimeSpan.Zero),
        Type = "transition",
        ActorName = "담당자",
        Trigger = "answer",
        FromState = "received",
        ToState = "answered",
        WorkflowVersion = 1,
    };

    private async Task<long> DecidedInJulyAsync(int agencyId)
    {
        await using var db = app.CreateDbContext();
        var july = new DateOnly(2025, 7, 1);
        return await db.PetitionRollups.Where(r => r.AgencyId == agencyId && r.Month == july && r.Measure == RollupMeasures.Decided).SumAsync(r => r.Count)
            + await db.PetitionRollupDeltas.Where(r => r.AgencyId == agencyId && r.Month == july && r.Measure == RollupMeasures.Decided).SumAsync(r => r.Count);
    }

    [Fact]
    public async Task AddDeltas_SavedInAnEfTransactionRolledBack_LeavesNoFacts()
    {
        // Arrange
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, agencyCode: "SEOUL-MAPO");
        petition.DueAt = petition.ReceivedAt.AddHours(3);
        var before = await DecidedInJulyAsync(petition.AgencyId);
        var writer = new RollupWriter(app.Services.GetRequiredService<IHolidayCalendar>(), app.Services.GetRequiredService<Treatment.Core.Workflows.WorkflowCatalog>());

        // Act
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            writer.AddDeltas(db, petition, Answer(petition.Id), closesPetition: true);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // Assert
        Assert.Equal(before, await DecidedInJulyAsync(petition.AgencyId));
    }

    [Fact]
    public async Task AddDeltas_SavedInATransactionScopeCommitted_AddsTheFacts()
    {
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, agencyCode: "SEOUL-MAPO");
        petition.DueAt = petition.ReceivedAt.AddHours(3);
        var before = await DecidedInJulyAsync(petition.AgencyId);
        var writer = new RollupWriter(app.Services.GetRequiredService<IHolidayCalendar>(), app.Services.GetRequiredService<Treatment.Core.Workflows.WorkflowCatalog>());

        using (var scope = new TransactionScope(TransactionScopeOption.Required, new TransactionOptions { IsolationLevel = IsolationLevel.ReadCommitted }, TransactionScopeAsyncFlowOption.Enabled))
        {
            writer.AddDeltas(db, petition, Answer(petition.Id), closesPetition: true);
            await db.SaveChangesAsync();
            scope.Complete();
        }

        Assert.Equal(before + 1, await DecidedInJulyAsync(petition.AgencyId));
    }

    [Fact]
    public async Task AddDeltas_ChangeRefusedByAConcurrentUpdate_LeavesNoFacts()
    {
        // Arrange: the petition is changed elsewhere after this context loaded it (xmin moves on).
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, agencyCode: "SEOUL-MAPO");
        await using (var other = app.CreateDbContext())
        {
            var copy = await other.Petitions.SingleAsync(p => p.Id == petition.Id);
            copy.Title += " (수정)";
            await other.SaveChangesAsync();
        }

        var before = await DecidedInJulyAsync(petition.AgencyId);
        var writer = new RollupWriter(app.Services.GetRequiredService<IHolidayCalendar>(), app.Services.GetRequiredService<Treatment.Core.Workflows.WorkflowCatalog>());
        petition.DueAt = petition.ReceivedAt.AddHours(3);
        petition.State = "answered";

        // Act
        writer.AddDeltas(db, petition, Answer(petition.Id), closesPetition: true);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        // Assert
        Assert.Equal(before, await DecidedInJulyAsync(petition.AgencyId));
    }

    [Fact]
    public async Task FoldAsync_TwoFoldsAtOnce_MoveEveryDeltaIntoTheRollupExactlyOnce()
    {
        // Arrange
        await using var db = app.CreateDbContext();
        var writer = new RollupWriter(app.Services.GetRequiredService<IHolidayCalendar>(), app.Services.GetRequiredService<Treatment.Core.Workflows.WorkflowCatalog>());
        var petition = await TestData.CreatePetitionAsync(db, agencyCode: "SEOUL-MAPO");
        petition.DueAt = petition.ReceivedAt.AddHours(3);
        var before = await DecidedInJulyAsync(petition.AgencyId);
        for (var i = 0; i < 3; i++)
        {
            db.PetitionEvents.Add(Answer(petition.Id));
            writer.AddDeltas(db, petition, db.PetitionEvents.Local.Last(), closesPetition: true);
            await db.SaveChangesAsync();
        }

        var folder = new RollupFolder(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>());

        // Act
        var moved = await Task.WhenAll(folder.FoldAsync(CancellationToken.None), folder.FoldAsync(CancellationToken.None));

        // Assert
        Assert.True(moved.Sum() >= 3, $"moved {moved.Sum()} delta rows");
        Assert.Equal(before + 3, await DecidedInJulyAsync(petition.AgencyId));
        Assert.False(await db.PetitionRollupDeltas.AnyAsync(d => d.AgencyId == petition.AgencyId && d.Measure == RollupMeasures.Decided));
    }
}
