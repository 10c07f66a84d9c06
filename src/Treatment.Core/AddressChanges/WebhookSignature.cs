using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Treatment.Core.AddressChanges;

/// <summary>
/// Signs and checks webhook bodies: HMAC-SHA256 with the recipient's secret over "{timestamp}.{body}" (timestamp in
/// Unix seconds), sent as <c>Treatment-Signature: v1=&lt;hex&gt;</c> beside <c>Treatment-Timestamp</c> and
/// <c>Treatment-Delivery-Id</c>. The timestamp inside the signature lets a receiver refuse an old replay.
/// </summary>
public static class WebhookSignature
{
    public const string DeliveryIdHeader = "Treatment-Delivery-Id";

    public const string TimestampHeader = "Treatment-Timestamp";

    public const string SignatureHeader = "Treatment-Signature";

    /// <summary>How far a signed timestamp may be from now (either way) and still be accepted.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}")));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || signatureHeader is null
            || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
