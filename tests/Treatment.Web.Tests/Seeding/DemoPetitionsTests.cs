using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Seeding;

/// <summary>The demo seeder on a database of its own, so its petitions do not meet other tests.</summary>
public sealed class DemoPetitionsTests : IAsyncLifetime
{
    private readonly TreatmentApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task SeedAsync_RegistersPetitionsOfEveryKindThroughTheServiceWithSomeOverdueAndSomeClosed()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
            await DemoPetitions.SeedAsync(db, scope.ServiceProvider.GetRequiredService<PetitionIntake>(), scope.ServiceProvider.GetRequiredService<PetitionService>(), _app.Time, 60, CancellationToken.None);
        }

        await using var check = _app.CreateDbContext();
        var petitions = await check.Petitions.ToListAsync();
        Assert.Equal(60, petitions.Count);
        // Every kind of petition; the demo seeds no prior examination (a request before a petition, decision 019).
        Assert.Equal(Enum.GetValues<PetitionKind>().Count(k => k != PetitionKind.PriorExamination), petitions.Select(p => p.Kind).Distinct().Count());
        Assert.True(petitions.Select(p => p.Channel).Distinct().Count() >= 4);
        Assert.Contains(petitions, p => p.Overdue);
        Assert.Contains(petitions, p => !p.IsOpen);
        Assert.Contains(petitions, p => p.State == "reviewing");
        Assert.All(petitions, p => Assert.Matches(@"^\d{4}-[A-Z-]+-\d{6}$", p.ReceiptNumber));
        Assert.Equal(petitions.Count, await check.PetitionEvents.Where(e => e.Type == "received").CountAsync());
    }
}
