using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Channels;

namespace Treatment.Core.Persistence.Seeding;

/// <summary>The published demo credentials (README): a production start refuses a database where any of them still works.</summary>
public static class DemoCredentials
{
    /// <summary>True for the demo password, which nobody may choose for a real account.</summary>
    public static bool IsDemoPassword(string password) => password == DemoReferenceData.DemoPassword;

    /// <summary>What still opens the door with a published credential: the demo channel key, active demo accounts with the demo password.</summary>
    public static async Task<List<string>> StillUsableAsync(TreatmentDbContext db, CancellationToken ct)
    {
        var problems = new List<string>();
        var demoKeyHash = ChannelKeys.Hash(DemoReferenceData.DemoChannelKey);
        if (await db.ChannelApiKeys.Where(k => k.KeyHash == demoKeyHash && k.RevokedAt == null).Select(k => (int?)k.Id).FirstOrDefaultAsync(ct) is { } keyId)
        {
            problems.Add($"the demo channel key (id {keyId}) is not revoked: treatment channels revoke {keyId}");
        }

        var demoNames = DemoReferenceData.Accounts.Select(a => a.UserName.ToUpperInvariant()).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => u.IsActive && u.PasswordHash != null && demoNames.Contains(u.NormalizedUserName!)).ToListAsync(ct);
        var hasher = new PasswordHasher<AppUser>();
        var withDemoPassword = accounts
            .Where(u => hasher.VerifyHashedPassword(u, u.PasswordHash!, DemoReferenceData.DemoPassword) != PasswordVerificationResult.Failed)
            .Select(u => u.UserName!)
            .ToList();
        if (withDemoPassword.Count > 0)
        {
            problems.Add($"{withDemoPassword.Count} demo account(s) still sign in with the published password ({string.Join(", ", withDemoPassword)}): treatment users disable <user-name>");
        }

        return problems;
    }
}
