using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Seeding;

/// <summary>The demo's work reaches every demo official through the distribution path, with some waiting in the queues.</summary>
public sealed class DemoAssignmentsTests : IAsyncLifetime
{
    private readonly TreatmentApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task SeedAsync_EveryDemoOfficialHasOpenWorkAssigned_QueuesHoldWaitingWork_AllThroughTheAuditedPath()
    {
        // Arrange
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();

            // Act
            await DemoPetitions.SeedAsync(db, scope.ServiceProvider.GetRequiredService<PetitionIntake>(), scope.ServiceProvider.GetRequiredService<PetitionService>(), _app.Time, 300, CancellationToken.None,
                scope.ServiceProvider.GetRequiredService<AssignmentService>());
        }

        // Assert
        await using var check = _app.CreateDbContext();
        var officials = DemoReferenceData.Accounts.Where(a => a.Role == Roles.Official).Select(a => a.UserName).ToList();
        foreach (var userName in officials)
        {
            var user = await check.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
            Assert.True(await check.Petitions.AnyAsync(p => p.IsOpen && p.AssigneeId == user.Id), $"{userName} has no open petition assigned");
            Assert.True(await check.Petitions.AnyAsync(p => p.IsOpen && p.AssigneeId == null && p.DepartmentId == user.DepartmentId), $"{userName}'s department has no queue");
        }

        // Every assignment has its audit event: nothing was written to the rows directly.
        var assigned = await check.Petitions.Where(p => p.AssigneeId != null).Select(p => p.Id).ToListAsync();
        var audited = await check.PetitionEvents.Where(e => PetitionEventTypes.Reassignments.Contains(e.Type)).Select(e => e.PetitionId).Distinct().ToListAsync();
        Assert.Empty(assigned.Except(audited));
        Assert.True(await check.PetitionEvents.AnyAsync(e => e.Type == PetitionEventTypes.HandedOver));
        Assert.Contains(await check.Departments.Select(d => d.DistributionPolicy).Distinct().ToListAsync(), p => p != DistributionPolicy.Manual);
    }
}
