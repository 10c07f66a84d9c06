using System.Security.Cryptography;
using System.Text;
using Treatment.Core.Security;

namespace Treatment.Core.Petitions;

/// <summary>
/// The code a citizen gives with the receipt number to see their petition's status: issued at receipt (intake answer
/// and receipt notice), kept encrypted like the resident number, compared in constant time.
/// </summary>
public static class StatusLookupCodes
{
    // No look-alikes (0/O, 1/I/L): 31 symbols, 10 of them ≈ 49 bits; with the per-receipt lockout, not guessable.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>"ABCDE-FGHJK".</summary>
    public static string New()
    {
        Span<char> code = stackalloc char[11];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = i == 5 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(code);
    }

    /// <summary>Upper case, no spaces or hyphens: "abcde fghjk" and "ABCDE-FGHJK" are one code.</summary>
    public static string Normalize(string code) =>
        new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public static string? Reveal(Petition petition, PersonalDataProtector protector) =>
        petition.LookupCodeCipher is { } cipher ? protector.Decrypt(cipher) : null;

    public static bool Matches(Petition petition, string offered, PersonalDataProtector protector)
    {
        var stored = Reveal(petition, protector);
        return stored is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Normalize(stored)), Encoding.ASCII.GetBytes(Normalize(offered)));
    }
}
