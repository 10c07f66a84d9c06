using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treatment.Core.Persistence;

namespace Treatment.Web.Security;

/// <summary>
/// A bearer token is only as good as its user: the token carries the user's security stamp, and the stamp and the
/// active flag are read again at most a minute after the last check (per node), so a disabled user, or one whose roles
/// changed, loses the API within a minute, like the sign-in cookie (SecurityStampValidator).
/// </summary>
public sealed class ApiTokenCheck(TimeProvider time, IOptions<IdentityOptions> identity)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(Guid User, string Stamp), DateTimeOffset> _checked = new();

    public string StampClaimType => identity.Value.ClaimsIdentity.SecurityStampClaimType;

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, TreatmentDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || principal.FindFirstValue(StampClaimType) is not { Length: > 0 } stamp)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (_checked.TryGetValue((userId, stamp), out var at) && now - at < Interval)
        {
            return true;
        }

        var current = await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.IsActive && u.SecurityStamp == stamp, ct);
        if (current)
        {
            _checked[(userId, stamp)] = now;
        }
        else
        {
            _checked.TryRemove((userId, stamp), out _);
        }

        return current;
    }
}
