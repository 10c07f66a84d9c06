using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Treatment.Core.Agencies;
using Treatment.Core.Security;

namespace Treatment.Web.Security;

/// <summary>Growing delays for password guessing (section Treatment:SignInThrottle), per account and per client address.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Treatment:SignInThrottle";

    /// <summary>Free failures per account, then 1 s doubling to 30 s: a stranger can slow an official, never lock them out.</summary>
    public ThrottleRule Account { get; set; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));

    /// <summary>Free failures per address across accounts, then 2 s doubling to 5 minutes.</summary>
    public ThrottleRule Address { get; set; } = new(20, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
}

/// <summary>What a password check answered: the user, or how long to wait, or neither (one answer for every refusal).</summary>
public sealed record CredentialResult(AppUser? User, TimeSpan? RetryAfter);

/// <summary>
/// The one password check of the sign-in page and the token endpoint. It never tells whether an account exists, is
/// disabled or is locked (one refusal for all, and a password hash is computed either way); failures slow the account
/// and the address with growing delays kept in the database (every node sees them) instead of locking the account.
/// </summary>
public sealed class CredentialCheck(UserManager<AppUser> users, AttemptThrottle throttle, IOptions<SignInThrottleOptions> options)
{
    private static readonly AppUser Nobody = new() { DisplayName = "" };
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<AppUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public async Task<CredentialResult> CheckAsync(string userName, string password, string clientAddress, CancellationToken ct)
    {
        var name = userName.Trim();
        var accountKey = "account:" + name.ToUpperInvariant();
        var addressKey = "address:" + clientAddress;
        var wait = Longer(await throttle.BlockedForAsync(accountKey, ct), await throttle.BlockedForAsync(addressKey, ct));
        if (wait is not null)
        {
            return new CredentialResult(null, wait);
        }

        var user = await users.FindByNameAsync(name);
        var passwordOk = user is null
            ? users.PasswordHasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password) != PasswordVerificationResult.Failed
            : await users.CheckPasswordAsync(user, password);
        if (passwordOk && user is { IsActive: true } && !await users.IsLockedOutAsync(user))
        {
            await throttle.ForgetAsync(accountKey, ct);
            return new CredentialResult(user, null);
        }

        await throttle.RecordFailureAsync(accountKey, options.Value.Account, ct);
        await throttle.RecordFailureAsync(addressKey, options.Value.Address, ct);
        return new CredentialResult(null, null);
    }

    private static TimeSpan? Longer(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
