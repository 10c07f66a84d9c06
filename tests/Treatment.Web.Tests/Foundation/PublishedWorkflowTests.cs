using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class PublishedWorkflowTests(TreatmentApp app)
{
    [Fact]
    public async Task Startup_RecordsEveryLoadedVersionWithItsHash()
    {
        var catalog = app.Services.GetRequiredService<WorkflowCatalog>();
        await using var db = app.CreateDbContext();

        var recorded = await db.PublishedWorkflowVersions.ToListAsync();

        Assert.Equal(catalog.All.Count, recorded.Count);
        Assert.All(catalog.All, d => Assert.Equal(d.ContentHash, recorded.Single(r => r.WorkflowId == d.Id && r.Version == d.Version).ContentHash));
    }

    [Fact]
    public async Task Startup_RecordsEachEffectsFileHash_AndAChangedOneStopsStartUp()
    {
        var catalog = app.Services.GetRequiredService<WorkflowCatalog>();
        await using var db = app.CreateDbContext();
        var recorded = await db.PublishedWorkflowVersions.AsNoTracking().ToListAsync();
        var altered = new WorkflowCatalog(catalog.All.Select(d => d.Id == "legal" ? d with { EffectsHash = new string('e', 64) } : d));

        var ex = await Assert.ThrowsAsync<WorkflowLoadException>(() => PublishedWorkflows.VerifyAndRecordAsync(db, altered, TimeProvider.System, CancellationToken.None));

        Assert.All(catalog.All, d => Assert.Equal(d.EffectsHash, recorded.Single(r => r.WorkflowId == d.Id && r.Version == d.Version).EffectsHash));
        Assert.Contains("workflows/legal/v1.effects.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAndRecord_PublishedFileChanged_StopsWithAdviceToAddNewVersion()
    {
        var catalog = app.Services.GetRequiredService<WorkflowCatalog>();
        var other = catalog.Get("other", 1);
        var changedHash = new string('0', 64);
        var altered = new WorkflowCatalog(catalog.All.Select(d => d.Id == "other" && d.Version == 1 ? CopyWithHash(d, changedHash) : d));
        await using var db = app.CreateDbContext();

        var ex = await Assert.ThrowsAsync<WorkflowLoadException>(() => PublishedWorkflows.VerifyAndRecordAsync(db, altered, TimeProvider.System, CancellationToken.None));

        Assert.Contains("was changed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("new file v4.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(other.Id, ex.Message, StringComparison.Ordinal);
    }

    private static WorkflowDefinition CopyWithHash(WorkflowDefinition d, string hash) => d with { ContentHash = hash };
}
