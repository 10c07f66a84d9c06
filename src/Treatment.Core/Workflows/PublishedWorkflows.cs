using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;

namespace Treatment.Core.Workflows;

/// <summary>Keeps each published version's content hash in the database; a changed file for a known version stops start-up.</summary>
public static class PublishedWorkflows
{
    public static async Task VerifyAndRecordAsync(TreatmentDbContext db, WorkflowCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var known = await db.PublishedWorkflowVersions.ToListAsync(ct);
        var errors = catalog.VerifyPublishedHashes(known);
        if (errors.Count > 0)
        {
            throw new WorkflowLoadException(errors);
        }

        // Versions published before their effects were declared in a companion file record its hash on first sight.
        foreach (var row in known.Where(k => k.EffectsHash is null))
        {
            row.EffectsHash = catalog.TryGet(row.WorkflowId, row.Version)?.EffectsHash;
        }

        var seen = known.Select(k => (k.WorkflowId, k.Version)).ToHashSet();
        foreach (var definition in catalog.All.Where(d => !seen.Contains((d.Id, d.Version))))
        {
            db.PublishedWorkflowVersions.Add(new PublishedWorkflowVersion
            {
                WorkflowId = definition.Id,
                Version = definition.Version,
                ContentHash = definition.ContentHash,
                EffectsHash = definition.EffectsHash,
                FirstLoadedAt = time.GetUtcNow(),
            });
        }

        // Two processes starting together may both insert the same row; the primary key keeps one.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await VerifyAndRecordAsync(db, catalog, time, ct);
        }
    }
}
