using System.Security.Cryptography;
using System.Text;
using Treatment.Core.Petitions;
using Treatment.Core.Security;

namespace Treatment.Core.Petitioner;

/// <summary>Which channel systems may assert a petitioner's verified identity instead of the lookup code (section Treatment:PetitionerActions).</summary>
public sealed class PetitionerActionOptions
{
    public const string Section = "Treatment:PetitionerActions";

    /// <summary>Names of channel keys (as <c>treatment channels add --name</c> gave them) trusted to assert identity; none by default.</summary>
    public List<string> IdentityAssertingChannels { get; set; } = [];

    /// <summary>How long after the channel verified the person its assertion is accepted.</summary>
    public TimeSpan IdentityAssertionMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    public bool MayAssertIdentity(string channelName) => IdentityAssertingChannels.Contains(channelName, StringComparer.Ordinal);
}

/// <summary>
/// A channel's statement that it verified the person acting (본인인증: mobile carrier, joint certificate, simple
/// authentication) and who they are. It replaces only the lookup code: the action's window, guards, the receipt's
/// lockout and the channel's own scope still apply.
/// </summary>
public sealed record PetitionerIdentityAssertion(string? Name, string? Phone, string? ResidentNumber, string? Method, DateTimeOffset? VerifiedAt);

/// <summary>The channel key acting for a petitioner: its name (the audit actor) and the channels it may claim (its scope for identity assertions).</summary>
public sealed record PetitionerChannel(string Name, IReadOnlyCollection<Channel> Channels);

/// <summary>
/// Whether an asserted identity is the petition's petitioner (policy <c>identity-assertion-by-trusted-channel</c>):
/// the name, and the resident number where the petition holds one, otherwise the mobile number; a petition with
/// neither cannot be matched, so only its lookup code works. Compared in constant time.
/// </summary>
public static class PetitionerIdentityMatch
{
    public static bool Matches(Petition petition, PetitionerIdentityAssertion asserted, PersonalDataProtector protector)
    {
        if (!Same(Letters(petition.PetitionerName), Letters(asserted.Name)))
        {
            return false;
        }

        if (petition.PetitionerRrnCipher is { } rrn)
        {
            return asserted.ResidentNumber is { } offered && Same(Digits(protector.Decrypt(rrn, petition.PetitionerRrnKeyId)), Digits(offered));
        }

        return petition.PetitionerPhone is { } phone && asserted.Phone is { } offeredPhone && Same(Digits(phone), Digits(offeredPhone));
    }

    private static string Letters(string? text) => string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c))).Normalize(NormalizationForm.FormC);

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private static bool Same(string stored, string offered) =>
        stored.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(offered));
}
