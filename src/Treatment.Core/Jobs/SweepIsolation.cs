using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Faults;
using Treatment.Core.Petitions;

namespace Treatment.Core.Jobs;

/// <summary>
/// Keeps one bad petition row from stopping the sweep for everyone: a batch that throws is rolled back to a savepoint
/// and its rows are applied one by one, each under its own savepoint; a row that throws alone is quarantined (a
/// sweep_quarantines row, an event on its timeline, a notification to its agency's admins) and the rest commit.
/// Transient database faults and cancellation are not a row's fault: they end the batch as before.
/// </summary>
internal static class SweepIsolation
{
    private const string BatchSavepoint = "sweep_batch";
    private const string RowSavepoint = "sweep_row";

    public static async Task<int> ApplyIsolatedAsync<TRow>(
        NpgsqlTransaction transaction,
        IReadOnlyList<TRow> rows,
        Func<IReadOnlyList<TRow>, CancellationToken, Task<int>> apply,
        Func<TRow, Exception, Task> quarantine,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        await transaction.SaveAsync(BatchSavepoint, cancellationToken);
        try
        {
            var applied = await apply(rows, cancellationToken);
            await transaction.ReleaseAsync(BatchSavepoint, cancellationToken);
            return applied;
        }
        catch (Exception ex) when (IsRowFault(ex, cancellationToken))
        {
            logger.LogWarning(ex, "A sweep batch of {Rows} rows threw; its rows are applied one by one", rows.Count);
            await transaction.RollbackAsync(BatchSavepoint, cancellationToken);
        }

        var total = 0;
        foreach (var row in rows)
        {
            await transaction.SaveAsync(RowSavepoint, cancellationToken);
            try
            {
                total += await apply([row], cancellationToken);
                await transaction.ReleaseAsync(RowSavepoint, cancellationToken);
            }
            catch (Exception ex) when (IsRowFault(ex, cancellationToken))
            {
                await transaction.RollbackAsync(RowSavepoint, cancellationToken);
                await quarantine(row, ex);
            }
        }

        return total;
    }

    /// <summary>Sets the petition aside until an admin releases it, appends the event and tells the agency's admins.</summary>
    public static async Task QuarantineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Petition petition, Exception error, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogError(error, "Petition {PetitionId} quarantined by the milestone sweep (milestone {Milestone})", petition.Id, petition.NextMilestone);
        var message = error.GetBaseException().Message;
        message = message.Length > 1000 ? message[..1000] : message;
        await using (var command = new NpgsqlCommand(
            """
            with quarantined as (
                insert into sweep_quarantines (petition_id, agency_id, milestone, quarantined_at, error)
                values ($1, $2, $3, $4, $5)
                on conflict (petition_id) where released_at is null do nothing)
            insert into petition_events (petition_id, at, type, actor_name, reason, data, workflow_version)
            values ($1, $4, $6, $7, $5, $8::jsonb, $9)
            """,
            connection,
            transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = petition.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = petition.AgencyId });
            command.Parameters.Add(new NpgsqlParameter { Value = petition.NextMilestone ?? "" });
            command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = message });
            command.Parameters.Add(new NpgsqlParameter { Value = MilestoneEventTypes.SweepQuarantined });
            command.Parameters.Add(new NpgsqlParameter { Value = MilestoneEventTypes.SystemActor });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(new { milestone = petition.NextMilestone, error = error.GetType().Name }) });
            command.Parameters.Add(new NpgsqlParameter { Value = petition.WorkflowVersion });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await OperatorAlerts.NotifyAsync(
            connection, transaction, petition.AgencyId, petition.Id, OperatorAlertKinds.Quarantine,
            $"민원 {petition.ReceiptNumber}의 기한 단계({petition.NextMilestone})를 적용하다 오류가 나서 기한 점검에서 격리했습니다. 자료를 고친 뒤 관리 › 격리 민원에서 되돌리십시오. ({message})",
            $"Petition {petition.ReceiptNumber} was set aside by the deadline sweep: applying its milestone ({petition.NextMilestone}) failed. Repair it, then release it from Admin › Quarantined petitions. ({message})",
            now,
            cancellationToken);
    }

    /// <summary>The identifying columns of a claimed row that did not parse (they are typed columns, so they read).</summary>
    public static Petition Identify(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        AgencyId = reader.GetInt32(1),
        WorkflowId = reader.GetString(4),
        WorkflowVersion = reader.GetInt32(5),
        State = reader.GetString(6),
        NextMilestone = reader.IsDBNull(11) ? null : reader.GetString(11),
        ReceiptNumber = reader.GetString(16),
        Title = reader.GetString(17),
        Body = "",
        PetitionerName = "",
    };

    private static bool IsRowFault(Exception ex, CancellationToken cancellationToken) =>
        !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested) && !TransientDatabaseFaults.IsTransient(ex);
}
