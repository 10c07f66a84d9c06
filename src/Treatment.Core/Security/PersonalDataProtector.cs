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

    public PersonalDataProtector(string base64Key)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            throw new ArgumentException("the personal-data key is not valid base64", nameof(base64Key));
        }

        if (key.Length != 32)
        {
            throw new ArgumentException("the personal-data key must be 32 bytes", nameof(base64Key));
        }

        _key = key;
    }

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

    public string Decrypt(byte[] cipher)
    {
        var plain = new byte[cipher.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(cipher.AsSpan(0, NonceSize), cipher.AsSpan(NonceSize + TagSize), cipher.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
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
