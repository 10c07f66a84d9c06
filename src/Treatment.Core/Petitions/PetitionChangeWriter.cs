using Treatment.Core.Persistence;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>
/// Saves a change with the report facts its events contribute, appended as rollup deltas in the same batch and
/// transaction (decision 005), so the yearly report counts every change and a rolled-back change counts nothing.
/// </summary>
public sealed class PetitionChangeWriter(TreatmentDbContext db, WorkflowCatalog catalog, RollupWriter rollups)
{
    public async Task SaveAsync(IEnumerable<(Petition Petition, PetitionEvent Event)> recorded, CancellationToken ct)
    {
        foreach (var (petition, recordedEvent) in recorded)
        {
            rollups.AddDeltas(db, petition, recordedEvent, PetitionChange.Closes(catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion), recordedEvent));
        }

        await db.SaveChangesAsync(ct);
    }
}
