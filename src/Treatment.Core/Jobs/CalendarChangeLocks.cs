using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.Retry;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;

namespace Treatment.Core.Jobs;

/// <summary>The admin approved a preview that no longer holds: the affected petitions or their new dues changed since.</summary>
public sealed class CalendarPreviewOutdatedException(string approved, string now)
    : Exception($"the calendar change's preview {approved} no longer holds (now {now}): preview again");

/// <summary>
/// How a calendar change takes its petitions: every affected petition locked (FOR UPDATE, in id order so two changers
/// never deadlock, in batches so no statement grows with the backlog) before anything is recomputed; a lock not granted
/// within the lock timeout, a deadlock or a concurrent update ends the attempt, which is rolled back and run
/// again after a jittered pause.
/// </summary>
public static class CalendarChangeLocks
{
    public const int LockBatch = 1000;

    private const string LockSql = """
        select id from petitions
        where is_open and clock_state = 'Running' and due_at is not null and due_at >= $1 and received_at < $2 and id > $3
        order by id
        limit $4
        for update
        """;

    /// <summary>Locks the petitions a change of the day [dayStart, dayEnd) can move, in batches; returns their ids.</summary>
    public static async Task<List<long>> LockAffectedAsync(TreatmentDbContext db, DateTimeOffset dayStart, DateTimeOffset dayEnd, TimeSpan lockTimeout, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using (var timeout = new NpgsqlCommand($"set local lock_timeout = {(int)lockTimeout.TotalMilliseconds}", connection, transaction))
        {
            await timeout.ExecuteNonQueryAsync(ct);
        }

        var ids = new List<long>();
        while (true)
        {
            await using var command = new NpgsqlCommand(LockSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = dayStart.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = dayEnd.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = ids.Count == 0 ? 0L : ids[^1] });
            command.Parameters.Add(new NpgsqlParameter { Value = LockBatch });
            var before = ids.Count;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            if (ids.Count - before < LockBatch)
            {
                return ids;
            }
        }
    }

    /// <summary>The affected set and every new due, as one short text an approved preview carries to the apply.</summary>
    public static string Fingerprint(IEnumerable<DueChange> changes)
    {
        var text = new StringBuilder();
        foreach (var change in changes.OrderBy(c => c.PetitionId))
        {
            text.Append(change.PetitionId.ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append(change.To.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32].ToLowerInvariant();
    }

    /// <summary>Retries an attempt that met a concurrent writer (lock timeout, deadlock, serialization failure, changed row).</summary>
    public static ResiliencePipeline ConflictRetry(TimeProvider time, Action beforeRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsConflict(ex)),
                OnRetry = _ =>
                {
                    beforeRetry();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    public static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbUpdateConcurrencyException
                || e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }
}
