using Treatment.Core.Petitions;

namespace Treatment.Core.Channels;

/// <summary>The API key of a channel system (portal, e-window, kiosk). Only a hash of the key is stored.</summary>
public sealed class ChannelApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public Channel Channel { get; set; }

    /// <summary>First characters of the key, to tell keys apart in logs and screens.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key, hex.</summary>
    public required string KeyHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>After this instant the key is refused; none: it never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The channels an intake with this key may name; <see cref="Channel"/> is the one used when it names none.</summary>
    public List<Channel> AllowedChannels { get; set; } = [];

    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public bool MayClaim(Channel channel) => channel == Channel || AllowedChannels.Contains(channel);
}

/// <summary>Remembers an intake request by its Idempotency-Key so a replay returns the same petition.</summary>
public sealed class IdempotencyRecord
{
    public int ChannelApiKeyId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the request body: the same key with another body is a conflict.</summary>
    public required string RequestHash { get; set; }

    public long PetitionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
