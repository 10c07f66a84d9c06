using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;

namespace Treatment.Core.Security;

/// <summary>Failed attempts under one key ("address:…", "account:…", "receipt:…"), shared by every web node.</summary>
public sealed class AttemptThrottleRow
{
    public string Key { get; set; } = "";

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? BlockedUntil { get; set; }
}

/// <summary>
/// How failures under a key slow further attempts: the first <see cref="FreeFailures"/> cost nothing, then each one
/// blocks the key for <see cref="FirstDelay"/>, doubling up to <see cref="MaxDelay"/>; a key quiet for
/// <see cref="ForgetAfter"/> starts again. A fixed lockout is a rule whose first and longest delay are equal.
/// </summary>
public sealed record ThrottleRule(int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan ForgetAfter)
{
    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FreeFailures - 1, 30);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}

/// <summary>
/// Throttles guessing (passwords, status lookup codes) in PostgreSQL, so every node sees the same counts: a key is
/// refused while blocked; a failure is counted with one atomic upsert; a success forgets the key.
/// </summary>
public sealed class AttemptThrottle(TreatmentDbContext db, TimeProvider time)
{
    /// <summary>How long the key is still blocked, or null when an attempt may go ahead.</summary>
    public async Task<TimeSpan?> BlockedForAsync(string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = await db.AttemptThrottles.AsNoTracking().Where(t => t.Key == Trim(key)).Select(t => t.BlockedUntil).FirstOrDefaultAsync(ct);
        return until is { } u && u > now ? u - now : null;
    }

    /// <summary>Counts a failure and returns how long the key is now blocked (zero while failures are still free).</summary>
    public async Task<TimeSpan> RecordFailureAsync(string key, ThrottleRule rule, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var forgetBefore = now - rule.ForgetAfter;
        var k = Trim(key);
        var failures = await db.Database.SqlQuery<int>($"""
            insert into attempt_throttles (key, failures, last_failure_at) values ({k}, 1, {now})
            on conflict (key) do update set
                failures = case when attempt_throttles.last_failure_at < {forgetBefore} then 1 else attempt_throttles.failures + 1 end,
                last_failure_at = {now}
            returning failures as "Value"
            """).ToListAsync(ct);
        var delay = rule.DelayAfter(failures[0]);
        if (delay > TimeSpan.Zero)
        {
            var until = now + delay;
            await db.AttemptThrottles.Where(t => t.Key == k).ExecuteUpdateAsync(s => s.SetProperty(t => t.BlockedUntil, until), ct);
        }

        return delay;
    }

    public Task ForgetAsync(string key, CancellationToken ct) =>
        db.AttemptThrottles.Where(t => t.Key == Trim(key)).ExecuteDeleteAsync(ct);

    private static string Trim(string key) => key.Length <= 200 ? key : key[..200];
}
