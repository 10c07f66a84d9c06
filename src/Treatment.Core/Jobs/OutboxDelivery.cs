using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Treatment.Core.Jobs;

/// <summary>
/// Delivers unsent outbox messages (a Hangfire recurring job). Each message is locked (SKIP LOCKED) and checked
/// unsent before it is handed to the sender, and marked sent in the same transaction, so concurrent deliveries never
/// send one message twice; a crash between sending and committing can repeat a send (at-least-once, the outside world's limit).
/// </summary>
public sealed class OutboxDelivery(NpgsqlDataSource dataSource, IOutboxSender sender, OutboxSettings settings, TimeProvider time, ILogger<OutboxDelivery> logger)
{
    /// <summary>Delivers until nothing is left; returns the number sent.</summary>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (claimed, delivered) = await DeliverBatchAsync(cancellationToken);
            sent += delivered;
            if (claimed < settings.BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    private async Task<(int Claimed, int Delivered)> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var messages = new List<OutboxMessage>();
        await using (var claim = new NpgsqlCommand(
            """
            select id, created_at, kind, recipient, subject, body, petition_id, attempts
            from outbox_messages
            where sent_at is null and attempts < $1
            order by id
            limit $2
            for update skip locked
            """,
            connection,
            transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = settings.MaxAttempts });
            claim.Parameters.Add(new NpgsqlParameter { Value = settings.BatchSize });
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
        }

        var delivered = 0;
        foreach (var message in messages)
        {
            string? error = null;
            try
            {
                await sender.SendAsync(message, cancellationToken);
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = ex.Message;
                logger.LogWarning(ex, "Outbox message {Id} to {Recipient} failed (attempt {Attempt})", message.Id, message.Recipient, message.Attempts + 1);
            }

            await using var mark = new NpgsqlCommand(
                "update outbox_messages set sent_at = $2, attempts = attempts + 1, last_error = $3 where id = $1 and sent_at is null",
                connection,
                transaction);
            mark.Parameters.Add(new NpgsqlParameter { Value = message.Id });
            mark.Parameters.Add(new NpgsqlParameter { Value = error is null ? time.GetUtcNow().UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            mark.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (messages.Count, delivered);
    }
}
