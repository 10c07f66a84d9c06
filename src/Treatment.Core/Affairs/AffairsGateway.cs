using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;

namespace Treatment.Core.Affairs;

/// <summary>
/// The civil affairs information gateway (Minwon24): the treatment standards searchable by code or name, Korean or
/// English. One search for the public API and the citizen window.
/// </summary>
public static class AffairsGateway
{
    public const int MaxQuery = 100;

    public static async Task<IReadOnlyList<CivilAffair>> SearchAsync(TreatmentDbContext db, string? q, CancellationToken ct)
    {
        var query = db.Affairs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(a => EF.Functions.ILike(a.Code, pattern) || EF.Functions.ILike(a.NameKo, pattern) || EF.Functions.ILike(a.NameEn, pattern));
        }

        return await query.OrderBy(a => a.Code).Take(200).ToListAsync(ct);
    }
}
