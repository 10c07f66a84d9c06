using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Faults;

namespace Treatment.Core.Jobs;

/// <summary>
/// Delivers due outbox messages (a Hangfire recurring job) in three steps, none of which holds a transaction across
/// the network: claim a batch (one statement: SKIP LOCKED, a lease, the attempt counted), send each message, mark each
/// one sent or failed. A failed message waits an exponential, jittered back-off; after <see cref="OutboxSettings.MaxAttempts"/>
/// it is dead-lettered and the operators are told. A crash between sending and marking leaves the lease to expire and
/// the message is sent again with the same Message-ID (at-least-once; the receiver drops the repeat).
/// </summary>
public sealed class OutboxDelivery(NpgsqlDataSource dataSource, IOutboxSender sender, OutboxSettings settings, TimeProvider time, ILogger<OutboxDelivery> logger)
{
    private const string ClaimSql = """
        update outbox_messages m set claimed_until = $3, attempts = m.attempts + 1
        from (select id from outbox_messages
              where sent_at is null and dead_at is null
                and (next_attempt_at is null or next_attempt_at <= $1)
                and (claimed_until is null or claimed_until <= $1)
              order by id
              limit $2
              for update skip locked) due
        where m.id = due.id
        returning m.id, m.created_at, m.kind, m.recipient, m.subject, m.body, m.petition_id, m.attempts
        """;

    /// <summary>Delivers until nothing is due; returns the number sent.</summary>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await ClaimAsync(cancellationToken);
            foreach (var message in batch)
            {
                if (await TrySendAsync(message, cancellationToken) is { } error)
                {
                    await MarkFailedAsync(message, error, cancellationToken);
                }
                else
                {
                    await MarkSentAsync(message, cancellationToken);
                    sent++;
                }
            }

            if (batch.Count < settings.BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var claim = dataSource.CreateCommand(ClaimSql);
        claim.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        claim.Parameters.Add(new NpgsqlParameter { Value = Math.Max(1, settings.BatchSize) });
        claim.Parameters.Add(new NpgsqlParameter { Value = (now + settings.ClaimFor).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var messages = new List<OutboxMessage>();
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new OutboxMessage
            {
                Id = reader.GetInt64(0),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(1),
                Kind = reader.GetString(2),
                Recipient = reader.GetString(3),
                Subject = reader.GetString(4),
                Body = reader.GetString(5),
                PetitionId = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                Attempts = reader.GetInt32(7),
            });
        }

        messages.Sort((a, b) => a.Id.CompareTo(b.Id));
        return messages;
    }

    private async Task<string?> TrySendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(message, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Outbox message {Id} failed (attempt {Attempt} of {Max})", message.Id, message.Attempts, settings.MaxAttempts);
            return ex.Message;
        }
    }

    private async Task MarkSentAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var mark = dataSource.CreateCommand(
            "update outbox_messages set sent_at = $2, claimed_until = null, next_attempt_at = null, last_error = null where id = $1 and sent_at is null");
        mark.Parameters.Add(new NpgsqlParameter { Value = message.Id });
        mark.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task MarkFailedAsync(OutboxMessage message, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dead = message.Attempts >= settings.MaxAttempts;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var mark = new NpgsqlCommand(
            """
            update outbox_messages set claimed_until = null, last_error = $2, next_attempt_at = $3, dead_at = $4
            where id = $1 and sent_at is null
            returning (select agency_id from petitions where id = outbox_messages.petition_id)
            """,
            connection,
            transaction))
        {
            mark.Parameters.Add(new NpgsqlParameter { Value = message.Id });
            mark.Parameters.Add(new NpgsqlParameter { Value = error.Length > 2000 ? error[..2000] : error });
            mark.Parameters.Add(new NpgsqlParameter { Value = dead ? DBNull.Value : (now + OutboxBackoff.After(message.Attempts, settings, Random.Shared)).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            mark.Parameters.Add(new NpgsqlParameter { Value = dead ? now.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            var agency = await mark.ExecuteScalarAsync(cancellationToken);
            if (dead)
            {
                logger.LogError("Outbox message {Id} to {Recipient} dead-lettered after {Attempts} attempts: {Error}", message.Id, message.Recipient, message.Attempts, error);
                await OperatorAlerts.NotifyAsync(
                    connection, transaction, agency is int id ? id : null, message.PetitionId, OperatorAlertKinds.DeadLetter,
                    $"메시지 #{message.Id}({message.Subject})를 {message.Attempts}번 시도했지만 보내지 못했습니다. 관리 › 발송 실패에서 다시 보낼 수 있습니다.",
                    $"Message #{message.Id} ({message.Subject}) could not be sent after {message.Attempts} attempts; resend it from Admin › Dead letters.",
                    now,
                    cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
