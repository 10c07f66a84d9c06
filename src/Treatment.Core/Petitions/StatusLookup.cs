using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Security;

namespace Treatment.Core.Petitions;

/// <summary>Limits of the citizen status lookup (section Treatment:StatusLookup).</summary>
public sealed class StatusLookupOptions
{
    public const string Section = "Treatment:StatusLookup";

    /// <summary>Lookups one address may make per <see cref="PerAddressWindow"/>, across all receipt numbers.</summary>
    public int PerAddressLimit { get; set; } = 10;

    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes for one receipt number before it is locked for <see cref="Lockout"/>, from every address.</summary>
    public int FailuresBeforeLockout { get; set; } = 5;

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    public ThrottleRule ReceiptRule => new(FailuresBeforeLockout - 1, Lockout, Lockout, Lockout);
}

public enum StatusLookupOutcome
{
    Found,

    /// <summary>No such receipt or a wrong code: one answer for both.</summary>
    NoMatch,

    Locked,
}

public sealed record StatusLookupResult(StatusLookupOutcome Outcome, Petition? Petition = null, TimeSpan RetryAfter = default);

/// <summary>Finds a petition for its petitioner by receipt number and lookup code; wrong codes lock the receipt number for a while.</summary>
public sealed class StatusLookup(TreatmentDbContext db, AttemptThrottle throttle, PersonalDataProtector protector, Microsoft.Extensions.Options.IOptions<StatusLookupOptions> options)
{
    public Task<StatusLookupResult> FindAsync(string receiptNumber, string lookupCode, CancellationToken ct) =>
        FindAsync(receiptNumber, petition => StatusLookupCodes.Matches(petition, lookupCode, protector), ct);

    /// <summary>
    /// Finds a petition by receipt number and a proof of the petitioner other than the code (a channel's assertion of
    /// the verified identity); a proof that does not match counts towards the same lockout as a wrong code.
    /// </summary>
    public async Task<StatusLookupResult> FindAsync(string receiptNumber, Func<Petition, bool> provesPetitioner, CancellationToken ct)
    {
        var key = "receipt:" + receiptNumber;
        if (await throttle.BlockedForAsync(key, ct) is { } blocked)
        {
            return new StatusLookupResult(StatusLookupOutcome.Locked, RetryAfter: blocked);
        }

        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.ReceiptNumber == receiptNumber, ct);
        if (petition is null || !provesPetitioner(petition))
        {
            // Unknown numbers count too, so "no such receipt" and "wrong code" behave alike.
            await throttle.RecordFailureAsync(key, options.Value.ReceiptRule, ct);
            return new StatusLookupResult(StatusLookupOutcome.NoMatch);
        }

        await throttle.ForgetAsync(key, ct);
        return new StatusLookupResult(StatusLookupOutcome.Found, petition);
    }
}
