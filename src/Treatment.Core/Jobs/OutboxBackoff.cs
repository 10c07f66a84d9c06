using System.Globalization;

namespace Treatment.Core.Jobs;

/// <summary>When a failed outbox message is tried again, and the id a receiver de-duplicates it on.</summary>
public static class OutboxBackoff
{
    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failure: the first delay doubled per earlier failure, capped,
    /// then jittered into its upper half, so messages that failed together (a mail server outage) spread out on return.
    /// </summary>
    public static TimeSpan After(int attempts, OutboxSettings settings, Random random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ceiling = Math.Min(settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }

    /// <summary>The message's Message-ID, the same on every attempt, so a receiver can drop a repeat after a crash.</summary>
    public static string MessageId(OutboxMessage message, OutboxSettings settings) =>
        string.Create(CultureInfo.InvariantCulture, $"outbox-{message.Id}-{message.CreatedAt.UtcTicks}@{settings.MessageIdDomain}");
}
