using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Workflows;

[Collection(AppCollection.Name)]
public sealed class WorkflowMigrationTests(TreatmentApp app)
{
    private async Task<long> CreateOtherV1PetitionAsync(string state)
    {
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, title: "이관 대상 " + state);
        petition.State = state;
        petition.DueAt = petition.ReceivedAt.AddHours(3);
        await db.SaveChangesAsync();
        return petition.Id;
    }

    private async Task<IReadOnlyList<PetitionMigrationReport>> RunAsync(bool apply, Dictionary<string, string>? map = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<WorkflowMigrationService>();
        return await service.RunAsync("other", 1, 2, map ?? [], apply, Actor.System, CancellationToken.None);
    }

    [Fact]
    public async Task Run_DryRun_ReportsOutcomeAndChangesNothing()
    {
        var id = await CreateOtherV1PetitionAsync("received");

        var reports = await RunAsync(apply: false);

        var report = Assert.Single(reports, r => r.PetitionId == id);
        Assert.Equal(MigrationOutcomeKind.Moved, report.Outcome);
        Assert.NotNull(report.DueAfter);
        await using var db = app.CreateDbContext();
        var stored = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(1, stored.WorkflowVersion);
        Assert.False(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Type == "workflow-migrated"));
    }

    [Fact]
    public async Task Run_Apply_MovesPetitionToNewVersionAuditedWithNewGeneration()
    {
        var id = await CreateOtherV1PetitionAsync("received");
        int generationBefore;
        await using (var before = app.CreateDbContext())
        {
            generationBefore = (await before.Petitions.AsNoTracking().SingleAsync(p => p.Id == id)).ClockGeneration;
        }

        await RunAsync(apply: true);

        await using var db = app.CreateDbContext();
        var stored = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(2, stored.WorkflowVersion);
        Assert.Equal("received", stored.State);
        Assert.Equal(generationBefore + 1, stored.ClockGeneration);
        var audit = await db.PetitionEvents.SingleAsync(e => e.PetitionId == id && e.Type == "workflow-migrated");
        Assert.Equal(2, audit.WorkflowVersion);
        Assert.Equal("other v1 → v2", audit.Reason);
    }

    [Fact]
    public async Task Run_StateMappedToUnknownName_ReportedInvalidAndLeftOnOldVersion()
    {
        var id = await CreateOtherV1PetitionAsync("received");

        var reports = await RunAsync(apply: true, new Dictionary<string, string> { ["received"] = "no-such-state" });

        Assert.Equal(MigrationOutcomeKind.InvalidTargetState, Assert.Single(reports, r => r.PetitionId == id).Outcome);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id)).WorkflowVersion);
    }
}
