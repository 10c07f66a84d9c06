using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Channels;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Web.Api;

/// <summary>A channel system authenticated by its API key.</summary>
public sealed record ChannelCaller(int KeyId, string Name, Treatment.Core.Petitions.Channel Channel, IReadOnlyList<Treatment.Core.Petitions.Channel> AllowedChannels)
{
    public bool MayClaim(Treatment.Core.Petitions.Channel claimed) => claimed == Channel || AllowedChannels.Contains(claimed);

    public Actor Actor => new(null, Name, new HashSet<string> { PetitionScope.ChannelRole }, null, null);
}

/// <summary>Claims carried in an official's bearer token and the <see cref="Actor"/> built from them.</summary>
public static class ApiActors
{
    public const string AgencyClaim = "treatment:agency";
    public const string DepartmentClaim = "treatment:department";

    public static Actor? FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        int? agency = int.TryParse(user.FindFirstValue(AgencyClaim), out var a) ? a : null;
        int? department = int.TryParse(user.FindFirstValue(DepartmentClaim), out var d) ? d : null;
        return new Actor(id, user.FindFirstValue(ClaimTypes.Name) ?? "", roles, agency, department);
    }
}

/// <summary>
/// Finds the channel of an X-Api-Key by its SHA-256 hash (only hashes are stored). Known keys are remembered for a
/// minute so intake does not pay a lookup per request; a revoked key stops working within that minute.
/// </summary>
public sealed class ChannelKeyLookup(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (ChannelCaller? Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<ChannelCaller?> FindAsync(string? key, TreatmentDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var hash = ChannelKeys.Hash(key);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Caller;
        }

        var row = await db.ChannelApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        var caller = row is null || !row.IsValidAt(now) ? null : new ChannelCaller(row.Id, row.Name, row.Channel, row.AllowedChannels);
        if (_cache.Count < 10_000)
        {
            _cache[hash] = (caller, row?.ExpiresAt is { } expires && expires < now + Lifetime ? expires : now + Lifetime);
        }

        return caller;
    }
}
