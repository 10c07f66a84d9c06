using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.Channels;

/// <summary>A channel key as listed to an operator: never the key itself, which is shown once when issued.</summary>
public sealed record ChannelKeyRow(int Id, string Name, string Prefix, Channel Channel, IReadOnlyList<Channel> AllowedChannels,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>A key just issued: <see cref="Key"/> is the only copy, never stored (only its SHA-256 hash is).</summary>
public sealed record IssuedChannelKey(int Id, string Key, ChannelKeyRow Row);

/// <summary>Issues, rotates, revokes and lists the API keys of channel systems (the operator's `treatment channels`).</summary>
public sealed class ChannelKeyAdmin(TreatmentDbContext db, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>
    /// A new key for a channel system that may claim <paramref name="channels"/> (the first is its default), valid
    /// until <paramref name="expiresAt"/> (none: no expiry).
    /// </summary>
    public async Task<IssuedChannelKey> AddAsync(string name, IReadOnlyList<Channel> channels, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"the name must have 1 to {MaxNameLength} characters", nameof(name));
        }

        if (channels.Count == 0)
        {
            throw new ArgumentException("name at least one channel", nameof(channels));
        }

        var now = time.GetUtcNow();
        if (expiresAt is { } until && until <= now)
        {
            throw new ArgumentException("the expiry must be in the future", nameof(expiresAt));
        }

        return await IssueAsync(name, channels[0], channels.Distinct().ToList(), expiresAt?.ToUniversalTime(), now, ct);
    }

    /// <summary>Replaces a key: a new key with the same name, channels and expiry; the old one is revoked at once.</summary>
    public async Task<IssuedChannelKey> RotateAsync(int id, CancellationToken ct)
    {
        var old = await db.ChannelApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new KeyNotFoundException($"no channel key {id}");
        var now = time.GetUtcNow();
        if (!old.IsValidAt(now))
        {
            throw new InvalidOperationException($"channel key {id} is revoked or expired: add a new one instead");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        old.RevokedAt = now;
        var issued = await IssueAsync(old.Name, old.Channel, old.AllowedChannels, old.ExpiresAt, now, ct);
        await transaction.CommitAsync(ct);
        return issued;
    }

    public async Task<ChannelKeyRow> RevokeAsync(int id, CancellationToken ct)
    {
        var key = await db.ChannelApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new KeyNotFoundException($"no channel key {id}");
        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Row(key);
    }

    public async Task<List<ChannelKeyRow>> ListAsync(CancellationToken ct) =>
        (await db.ChannelApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct)).Select(Row).ToList();

    private async Task<IssuedChannelKey> IssueAsync(string name, Channel channel, List<Channel> allowed, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        var key = ChannelKeys.NewKey();
        var row = new ChannelApiKey
        {
            Name = name,
            Channel = channel,
            AllowedChannels = allowed.Contains(channel) ? allowed : [channel, .. allowed],
            Prefix = ChannelKeys.Prefix(key),
            KeyHash = ChannelKeys.Hash(key),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.ChannelApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return new IssuedChannelKey(row.Id, key, Row(row));
    }

    private static ChannelKeyRow Row(ChannelApiKey k) => new(k.Id, k.Name, k.Prefix, k.Channel, k.AllowedChannels, k.CreatedAt, k.ExpiresAt, k.RevokedAt);
}
