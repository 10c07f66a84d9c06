using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;

namespace Treatment.Core.Agencies;

/// <summary>
/// Agencies with their departments, read once a minute instead of on every intake and every response: reference
/// data that changes rarely, on a hot path (intake, petition resources). Entities are detached snapshots; never save them.
/// </summary>
public sealed class AgencyDirectory(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private Snapshot? _snapshot;

    public async Task<Agency?> ByCodeAsync(TreatmentDbContext db, string code, CancellationToken ct) =>
        (await LoadAsync(db, ct)).ByCode.GetValueOrDefault(code);

    public async Task<Agency?> ByIdAsync(TreatmentDbContext db, int id, CancellationToken ct) =>
        (await LoadAsync(db, ct)).ById.GetValueOrDefault(id);

    private async Task<Snapshot> LoadAsync(TreatmentDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } current && current.Until > now)
        {
            return current;
        }

        var agencies = await db.Agencies.AsNoTracking().Include(a => a.Departments).ToListAsync(ct);
        var snapshot = new Snapshot(
            agencies.ToDictionary(a => a.Code, StringComparer.Ordinal),
            agencies.ToDictionary(a => a.Id),
            now + Lifetime);
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(Dictionary<string, Agency> ByCode, Dictionary<int, Agency> ById, DateTimeOffset Until);
}
