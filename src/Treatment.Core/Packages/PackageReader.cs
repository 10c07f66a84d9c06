using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.Packages;

/// <summary>
/// The shared part of one child (title, state, due, where it is treated), which every reader of the package sees;
/// <see cref="PetitionId"/> and <see cref="ReceiptNumber"/> only for the reader's own sub-tasks (and the citizen's).
/// </summary>
public sealed record PackageChildView(
    int Position, string AffairCode, string Title, string State, LocalizedText StateTitle, DateTimeOffset? Due, DueUnit? DueUnit,
    bool Finished, bool Overdue, string AgencyCode, LocalizedText Agency, LocalizedText? Department)
{
    /// <summary>The reader may open this child (it is in their scope, or it is the citizen's own).</summary>
    public bool Mine { get; init; }

    public long? PetitionId { get; init; }

    public string? ReceiptNumber { get; init; }
}

public sealed record PackageView(
    long Id, string ReceiptNumber, string PackageCode, LocalizedText PackageName, string State, LocalizedText StateTitle, bool AnyOverdue,
    DateTimeOffset CreatedAt, string PetitionerMasked, IReadOnlyList<PackageChildView> Children);

public enum PackageLookupOutcome
{
    Found,
    NoMatch,
    Locked,
}

public sealed record PackageLookupResult(PackageLookupOutcome Outcome, PackageView? View = null, TimeSpan RetryAfter = default);

/// <summary>
/// Reads a package for officials (the sibling grant of <see cref="PetitionScope.PackagesSharedWith"/>: the shared part of
/// every child, their own children in full), for the channel that filed it, and for the citizen by receipt number and
/// lookup code (wrong codes lock the number like a petition's). Outside every grant: not found.
/// </summary>
public sealed class PackageReader(TreatmentDbContext db, WorkflowCatalog catalog, PersonalDataProtector protector, AttemptThrottle throttle, IOptions<StatusLookupOptions> options, TimeProvider time)
{
    public async Task<PackageView?> ForActorAsync(string receiptNumber, Actor actor, CancellationToken ct)
    {
        var shared = db.PetitionPackageMembers.PackagesSharedWith(db.Petitions, actor);
        var package = await db.PetitionPackages.AsNoTracking().Include(p => p.Definition)
            .FirstOrDefaultAsync(p => p.ReceiptNumber == receiptNumber && shared.Contains(p.Id), ct);
        if (package is null)
        {
            return null;
        }

        var mine = await db.PetitionPackageMembers.Where(m => m.PackageId == package.Id)
            .Join(db.Petitions.VisibleTo(actor), m => m.PetitionId, p => p.Id, (m, p) => p.Id).ToListAsync(ct);
        return await BuildAsync(package, mine.ToHashSet(), ct);
    }

    /// <summary>The package a petition belongs to, for a reader who sees that petition; null otherwise.</summary>
    public async Task<PackageView?> OfPetitionAsync(long petitionId, Actor actor, CancellationToken ct)
    {
        var receipt = await db.PetitionPackageMembers.Where(m => m.PetitionId == petitionId)
            .Join(db.PetitionPackages, m => m.PackageId, p => p.Id, (m, p) => p.ReceiptNumber).FirstOrDefaultAsync(ct);
        return receipt is null ? null : await ForActorAsync(receipt, actor, ct);
    }

    /// <summary>A channel reads the packages it filed, children in full but without personal data.</summary>
    public async Task<PackageView?> ForChannelAsync(string receiptNumber, int channelKeyId, CancellationToken ct)
    {
        var package = await db.PetitionPackages.AsNoTracking().Include(p => p.Definition)
            .FirstOrDefaultAsync(p => p.ReceiptNumber == receiptNumber && p.ChannelApiKeyId == channelKeyId, ct);
        return package is null ? null : await BuildAsync(package, null, ct);
    }

    public async Task<PackageLookupResult> ForCitizenAsync(string receiptNumber, string lookupCode, CancellationToken ct)
    {
        var key = "package:" + receiptNumber;
        if (await throttle.BlockedForAsync(key, ct) is { } blocked)
        {
            return new PackageLookupResult(PackageLookupOutcome.Locked, RetryAfter: blocked);
        }

        var package = await db.PetitionPackages.AsNoTracking().Include(p => p.Definition).FirstOrDefaultAsync(p => p.ReceiptNumber == receiptNumber, ct);
        if (package is null || !Matches(package, lookupCode))
        {
            await throttle.RecordFailureAsync(key, options.Value.ReceiptRule, ct);
            return new PackageLookupResult(PackageLookupOutcome.NoMatch);
        }

        await throttle.ForgetAsync(key, ct);
        return new PackageLookupResult(PackageLookupOutcome.Found, await BuildAsync(package, null, ct));
    }

    private bool Matches(PetitionPackage package, string offered)
    {
        var expected = StatusLookupCodes.Normalize(protector.Decrypt(package.LookupCodeCipher));
        var given = StatusLookupCodes.Normalize(offered);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(given));
    }

    /// <param name="mine">children the reader sees in full; null: all of them (the citizen, the filing channel)</param>
    private async Task<PackageView> BuildAsync(PetitionPackage package, IReadOnlySet<long>? mine, CancellationToken ct)
    {
        var members = await db.PetitionPackageMembers.AsNoTracking().Where(m => m.PackageId == package.Id).OrderBy(m => m.Position).ToListAsync(ct);
        var ids = members.Select(m => m.PetitionId).ToList();
        var petitions = await db.Petitions.AsNoTracking().Include(p => p.Agency).Include(p => p.Department).Include(p => p.Affair)
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var rows = members.Select(m => new { m.Position, Petition = petitions[m.PetitionId] }).ToList();
        var now = time.GetUtcNow();
        var children = rows.Select(r => r.Petition).ToList();
        var (state, anyOverdue) = PackageStates.Derive(children, now);
        var views = rows.Select(r =>
        {
            var p = r.Petition;
            var stateTitle = catalog.TryGet(p.WorkflowId, p.WorkflowVersion)?.FindState(p.State)?.Title ?? new LocalizedText(p.State, p.State);
            var own = mine is null || mine.Contains(p.Id);
            return new PackageChildView(
                r.Position, p.Affair?.Code ?? "", p.Title, p.State, stateTitle, p.DueAt, p.DueUnit, PackageStates.Finished(p), PackageStates.Late(p, now),
                p.Agency!.Code, new LocalizedText(p.Agency.NameKo, p.Agency.NameEn), p.Department is { } d ? new LocalizedText(d.NameKo, d.NameEn) : null)
            {
                Mine = own,
                PetitionId = own ? p.Id : null,
                ReceiptNumber = own ? p.ReceiptNumber : null,
            };
        }).ToList();
        var definition = package.Definition!;
        return new PackageView(package.Id, package.ReceiptNumber, definition.Code, new LocalizedText(definition.NameKo, definition.NameEn), state, PackageStates.Title(state), anyOverdue,
            package.CreatedAt, package.PetitionerNameMasked, views);
    }
}
