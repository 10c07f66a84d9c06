using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;

namespace Treatment.Core.Security;

/// <summary>What a re-encryption run did, and what is left under older keys.</summary>
public sealed record RekeyingResult(int ReEncrypted, int Remaining, string CurrentKeyId)
{
    /// <summary>Agencies' document-signing keys re-encrypted in this run.</summary>
    public int SigningKeys { get; init; }
}

/// <summary>
/// Re-encrypts personal data with the current key (`treatment keys rotate`), in batches of one transaction each: a run
/// that stops part-way leaves every batch either done or untouched, and the next run carries on with what is left
/// (rows whose key id is not the current key's).
/// </summary>
public sealed class PersonalDataRekeying(TreatmentDbContext db, PersonalDataProtector protector)
{
    public async Task<RekeyingResult> RunAsync(int batchSize, int? maxBatches, IProgress<int>? progress, CancellationToken ct)
    {
        var current = protector.CurrentKeyId;
        var signingKeys = await RekeySigningKeysAsync(current, ct);
        var done = 0;
        for (var batch = 0; maxBatches is null || batch < maxBatches; batch++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var petitions = await Stale(current).OrderBy(p => p.Id).Take(batchSize).ToListAsync(ct);
            if (petitions.Count == 0)
            {
                break;
            }

            foreach (var petition in petitions)
            {
                var plain = protector.Decrypt(petition.PetitionerRrnCipher!, petition.PetitionerRrnKeyId);
                petition.PetitionerRrnCipher = protector.Encrypt(plain);
                petition.PetitionerRrnKeyId = current;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            done += petitions.Count;
            progress?.Report(done);
        }

        var remainingKeys = await db.AgencySigningKeys.CountAsync(k => k.PrivateKeyProtectorId != current, ct);
        return new RekeyingResult(done, await Stale(current).CountAsync(ct) + remainingKeys, current) { SigningKeys = signingKeys };
    }

    /// <summary>The agencies' document-signing keys (a handful of rows) are encrypted with the same key: one transaction.</summary>
    private async Task<int> RekeySigningKeysAsync(string current, CancellationToken ct)
    {
        var keys = await db.AgencySigningKeys.Where(k => k.PrivateKeyProtectorId != current).ToListAsync(ct);
        foreach (var key in keys)
        {
            key.PrivateKeyCipher = protector.Encrypt(protector.Decrypt(key.PrivateKeyCipher, key.PrivateKeyProtectorId));
            key.PrivateKeyProtectorId = current;
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return keys.Count;
    }

    private IQueryable<Petitions.Petition> Stale(string current) =>
        db.Petitions.Where(p => p.PetitionerRrnCipher != null && (p.PetitionerRrnKeyId == null || p.PetitionerRrnKeyId != current));
}
