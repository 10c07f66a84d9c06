using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Security;

namespace Treatment.Core.Documents;

/// <summary>The private half of an agency's key, decrypted for one issuance.</summary>
public sealed record DocumentSigner(int AgencyId, string KeyId, byte[] PrivateKeyPkcs8)
{
    public string Sign(byte[] content)
    {
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(PrivateKeyPkcs8, out _);
        return Convert.ToBase64String(key.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }
}

/// <summary>Each agency's document-signing key: made on first use (one per agency), private half encrypted at rest.</summary>
public sealed class AgencySigningKeys(TreatmentDbContext db, PersonalDataProtector protector, TimeProvider time)
{
    /// <summary>The agency's signer, creating its key pair the first time; of two first uses at once, one key wins.</summary>
    public async Task<DocumentSigner> SignerAsync(int agencyId, CancellationToken ct)
    {
        var key = await db.AgencySigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.AgencyId == agencyId, ct);
        if (key is null)
        {
            using var pair = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var publicKey = pair.ExportSubjectPublicKeyInfo();
            var cipher = protector.Encrypt(Convert.ToBase64String(pair.ExportPkcs8PrivateKey()));
            var keyId = KeyIdOf(publicKey);
            var now = time.GetUtcNow();
            var spki = Convert.ToBase64String(publicKey);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                insert into agency_signing_keys (agency_id, key_id, public_key, private_key_cipher, private_key_protector_id, created_at)
                values ({agencyId}, {keyId}, {spki}, {cipher}, {protector.CurrentKeyId}, {now})
                on conflict (agency_id) do nothing
                """, ct);
            key = await db.AgencySigningKeys.AsNoTracking().FirstAsync(k => k.AgencyId == agencyId, ct);
        }

        var pkcs8 = Convert.FromBase64String(protector.Decrypt(key.PrivateKeyCipher, key.PrivateKeyProtectorId));
        return new DocumentSigner(agencyId, key.KeyId, pkcs8);
    }

    public static string KeyIdOf(byte[] subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    /// <summary>Whether <paramref name="signature"/> is the key's signature of <paramref name="content"/>.</summary>
    public static bool Verifies(string publicKeyBase64, byte[] content, string signature)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeyBase64), out _);
            return key.VerifyData(content, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
