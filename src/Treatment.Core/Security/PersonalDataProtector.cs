using System.Security.Cryptography;
using System.Text;

namespace Treatment.Core.Security;

/// <summary>
/// Encrypts resident registration numbers at rest (PIPA §24-2: encryption required) with AES-256-GCM,
/// and masks them for screens and logs.
/// </summary>
public sealed class PersonalDataProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;
    private readonly IReadOnlyList<(string Id, byte[] Key)> _previous;

    /// <param name="base64Key">the current key: encrypts, and decrypts what it encrypted</param>
    /// <param name="previousBase64Keys">keys being rotated out: they only decrypt (until `treatment keys rotate` has re-encrypted everything)</param>
    public PersonalDataProtector(string base64Key, IEnumerable<string>? previousBase64Keys = null)
    {
        _key = Parse(base64Key, nameof(base64Key));
        CurrentKeyId = KeyId(_key);
        _previous = (previousBase64Keys ?? []).Select(k => Parse(k, nameof(previousBase64Keys))).Select(k => (KeyId(k), k)).ToList();
    }

    /// <summary>Fingerprint of the current key, stored beside every ciphertext it makes (never the key).</summary>
    public string CurrentKeyId { get; }

    /// <summary>The first 8 bytes of the key's SHA-256, hex: tells keys apart without revealing them.</summary>
    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    public byte[] Encrypt(string plain)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var output = new byte[NonceSize + TagSize + plainBytes.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plainBytes, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    /// <summary>Decrypts with the key the id names; without an id (older rows), with whichever known key authenticates it.</summary>
    public string Decrypt(byte[] cipher, string? keyId = null)
    {
        if (keyId == CurrentKeyId || (keyId is null && _previous.Count == 0))
        {
            return Decrypt(cipher, _key);
        }

        foreach (var (id, key) in _previous.Where(k => keyId is null || k.Id == keyId))
        {
            try
            {
                return Decrypt(cipher, key);
            }
            catch (AuthenticationTagMismatchException) when (keyId is null)
            {
                // Not this one: an older row may have been encrypted with any of the keys.
            }
        }

        if (keyId is null)
        {
            return Decrypt(cipher, _key);
        }

        throw new CryptographicException($"personal data encrypted with key {keyId}, which is neither Treatment:PersonalDataKey nor one of Treatment:PreviousPersonalDataKeys");
    }

    private static string Decrypt(byte[] cipher, byte[] key)
    {
        var plain = new byte[cipher.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(cipher.AsSpan(0, NonceSize), cipher.AsSpan(NonceSize + TagSize), cipher.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Parse(string base64Key, string parameter)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            throw new ArgumentException("the personal-data key is not valid base64", parameter);
        }

        return key.Length == 32 ? key : throw new ArgumentException("the personal-data key must be 32 bytes", parameter);
    }

    /// <summary>"900101-1234567" → "900101-1******": birth date and sex digit stay, the rest never shows.</summary>
    public static string MaskResidentNumber(string rrn)
    {
        var digits = new string(rrn.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 13 ? $"{digits[..6]}-{digits[6]}******" : "******-*******";
    }

    /// <summary>Checks form and the check digit of a resident registration number (13 digits, optional hyphen).</summary>
    public static bool IsWellFormedResidentNumber(string? rrn)
    {
        if (rrn is null)
        {
            return false;
        }

        var digits = rrn.Replace("-", "", StringComparison.Ordinal);
        return digits.Length == 13 && digits.All(char.IsAsciiDigit);
    }

    /// <summary>Masks a personal name for lists: "홍길동" → "홍*동", "김철" → "김*".</summary>
    public static string MaskName(string name)
    {
        var n = name.Trim();
        return n.Length switch
        {
            0 => "",
            1 => "*",
            2 => n[0] + "*",
            _ => n[0] + new string('*', n.Length - 2) + n[^1],
        };
    }
}
