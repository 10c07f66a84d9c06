using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;

namespace Treatment.Core.Complex;

/// <summary>
/// Escalates late consultations as the milestone sweep escalates late petitions, run by the same recurring job
/// (<see cref="MilestoneSweep.RunAsync"/>): claims unanswered consultations of open petitions past their due (FOR UPDATE
/// SKIP LOCKED, so sweepers share them), marks each escalated with a conditional UPDATE in the same transaction as
/// its audit event and notifications, so each escalates exactly once, whoever runs it and however often.
/// </summary>
public sealed class ConsultationSweep(NpgsqlDataSource dataSource, TimeProvider time, ILogger<ConsultationSweep> logger)
{
    private const int BatchSize = 200;
    private const int MaxBatches = 20;

    private const string ClaimSql = """
        with late as (
            select c.id from consultations c
            where c.answered_at is null and c.escalated_at is null and c.due_at <= $1
              and exists (select 1 from petitions p where p.id = c.petition_id and p.is_open)
            order by c.due_at
            limit $2
            for update of c skip locked)
        update consultations c set escalated_at = $1 from late
        where c.id = late.id and c.escalated_at is null
        returning c.id, c.petition_id, c.agency_id, c.department_id, c.due_at
        """;

    private const string PetitionsSql = """
        select p.id, p.agency_id, p.department_id, p.assignee_id, p.receipt_number, p.title, p.workflow_version, p.state, d.name_ko
        from petitions p
        join consultations c on c.petition_id = p.id
        join departments d on d.id = c.department_id
        where c.id = $1
        """;

    /// <summary>Escalates every late consultation; returns how many were escalated now.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var escalated = 0;
        for (var batch = 0; batch < MaxBatches && !cancellationToken.IsCancellationRequested; batch++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var count = await EscalateBatchAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            escalated += count;
            if (count < BatchSize)
            {
                break;
            }
        }

        if (escalated > 0)
        {
            logger.LogInformation("Consultation sweep escalated {Escalated} late consultations", escalated);
        }

        return escalated;
    }

    private async Task<int> EscalateBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = new List<(long Id, long PetitionId, int AgencyId, int DepartmentId, DateTimeOffset DueAt)>();
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            claim.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var petitions = new List<(Petition Petition, string Department)>();
        foreach (var c in claimed)
        {
            await using var read = new NpgsqlCommand(PetitionsSql, connection, transaction);
            read.Parameters.Add(new NpgsqlParameter { Value = c.Id });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            petitions.Add((new Petition
            {
                Id = reader.GetInt64(0),
                AgencyId = reader.GetInt32(1),
                DepartmentId = reader.IsDBNull(2) ? null : reader.GetInt32(2),
                AssigneeId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
                ReceiptNumber = reader.GetString(4),
                Title = reader.GetString(5),
                WorkflowVersion = reader.GetInt32(6),
                State = reader.GetString(7),
                WorkflowId = "",
                Body = "",
                PetitionerName = "",
            }, reader.GetString(8)));
        }

        var agencies = claimed.Select(c => c.AgencyId).Concat(petitions.Select(p => p.Petition.AgencyId)).Distinct().ToArray();
        var directory = await RecipientDirectory.LoadAsync(connection, transaction, agencies, cancellationToken);
        var events = new List<PetitionEvent>();
        var notifications = new List<(Guid UserId, long PetitionId, string Ko, string En)>();
        for (var i = 0; i < claimed.Count; i++)
        {
            var (consultation, (petition, department)) = (claimed[i], petitions[i]);
            var recorded = PetitionChange.Event(petition, null, PetitionEventTypes.ConsultationOverdue, null, MilestoneEventTypes.SystemActor, now,
                new ConsultationOverdueData(consultation.Id, consultation.DepartmentId, consultation.AgencyId, consultation.DueAt));
            recorded.Reason = department;
            events.Add(recorded);

            // The consulted department's head is told to answer; the lead department's assignee (or its heads) that it is late.
            var ko = $"복합민원 {petition.ReceiptNumber}「{petition.Title}」의 {department} 협의가 기한을 넘겼습니다.";
            var en = $"The consultation of {department} on complex petition {petition.ReceiptNumber} \"{petition.Title}\" is past its due.";
            var consulted = directory.Supervisors(consultation.AgencyId, consultation.DepartmentId).ToList();
            if (consulted.Count == 0)
            {
                consulted = directory.Supervisors(consultation.AgencyId, null).ToList();
            }

            List<Guid> lead = petition.AssigneeId is { } assignee ? [assignee] : directory.Supervisors(petition.AgencyId, petition.DepartmentId).Select(r => r.UserId).ToList();
            foreach (var user in consulted.Select(r => r.UserId).Concat(lead).Distinct())
            {
                notifications.Add((user, petition.Id, ko, en));
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var at = new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz };
        batch.BatchCommands.Add(Command(
            """
            insert into petition_events (petition_id, at, type, actor_name, reason, data, workflow_version, from_state, to_state)
            select p, $1, t, $2, r, d::jsonb, v, s, s from unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[]) as u(p, t, r, d, v, s)
            """,
            at, MilestoneEventTypes.SystemActor, events.Select(e => e.PetitionId).ToArray(), events.Select(e => e.Type).ToArray(),
            events.Select(e => e.Reason).ToArray(), events.Select(e => e.Data).ToArray(), events.Select(e => e.WorkflowVersion).ToArray(),
            petitions.Select(p => p.Petition.State).ToArray()));
        if (notifications.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                insert into user_notifications (user_id, petition_id, kind, message_ko, message_en, created_at)
                select u, p, 'consultation-overdue', ko, en, $1 from unnest($2::uuid[], $3::bigint[], $4::text[], $5::text[]) as n(u, p, ko, en)
                """,
                at.Clone(), notifications.Select(n => n.UserId).ToArray(), notifications.Select(n => n.PetitionId).ToArray(),
                notifications.Select(n => n.Ko).ToArray(), notifications.Select(n => n.En).ToArray()));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return claimed.Count;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
