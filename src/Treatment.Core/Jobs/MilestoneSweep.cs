using System.Data;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>What one sweep run did.</summary>
public sealed record SweepResult(int Claimed, int Applied, int Batches);

/// <summary>
/// Applies due milestones: claims open petitions whose next milestone is due in batches (FOR UPDATE SKIP LOCKED, so
/// any number of sweepers share the work), records each under (petition, milestone, clock generation) so it happens
/// exactly once, applies its effect and plans the next milestone, all in the batch's transaction. The recurring run
/// also escalates late consultations of complex petitions (<see cref="Complex.ConsultationSweep"/>).
/// </summary>
public sealed class MilestoneSweep(
    NpgsqlDataSource dataSource,
    WorkflowCatalog catalog,
    WorkflowMilestonePlanner planner,
    MilestoneSweepSettings settings,
    TimeProvider time,
    ILogger<MilestoneSweep> logger,
    IBackgroundJobClient? jobs = null,
    RollupWriter? rollups = null,
    SweepTransitionIssuer? sweepTransitions = null,
    ExaminerReminderForm? reminderForm = null,
    Complex.ConsultationSweep? consultations = null)
{
    private const string ClaimSql = """
        select id, agency_id, department_id, assignee_id, workflow_id, workflow_version, state, clock_state,
               received_at, arrived_at, due_at, next_milestone, next_milestone_at, clock_generation, overdue,
               escalation_level, receipt_number, title, updated_at, clock_started_at, kind, channel, affair_id, state_ends_on
        from petitions
        where is_open and next_milestone_at <= $1
          and not exists (select 1 from sweep_quarantines q where q.petition_id = petitions.id and q.released_at is null)
        order by next_milestone_at
        limit $2
        for update skip locked
        """;

    /// <summary>The recurring job (every minute): drains what is due, fanning a large backlog out to other workers.</summary>
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (jobs is not null && settings.FanOutJobs > 0 && await CountDueAsync(settings.FanOutThreshold, cancellationToken) >= settings.FanOutThreshold)
        {
            for (var i = 0; i < settings.FanOutJobs; i++)
            {
                jobs.Enqueue<MilestoneSweep>(s => s.DrainAsync(CancellationToken.None));
            }

            logger.LogInformation("Milestone backlog of at least {Threshold}: {Jobs} drain jobs enqueued", settings.FanOutThreshold, settings.FanOutJobs);
        }

        var result = await DrainAsync(cancellationToken);

        // Late consultations of complex petitions escalate in the same recurring job, each once (decision 022).
        if (consultations is not null)
        {
            await consultations.RunAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Claims and applies batches until nothing is due or the run's batch limit is reached.</summary>
    public async Task<SweepResult> DrainAsync(CancellationToken cancellationToken)
    {
        var claimed = 0;
        var applied = 0;
        var batches = 0;
        while (batches < settings.MaxBatchesPerRun && !cancellationToken.IsCancellationRequested)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

            // A commit lost in a crash loses the whole batch (firings with effects), which is then claimed again: still exactly once.
            await using (var asynchronous = new NpgsqlCommand("set local synchronous_commit = off", connection, transaction))
            {
                await asynchronous.ExecuteNonQueryAsync(cancellationToken);
            }

            var batch = await SweepBatchAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (batch.Claimed == 0)
            {
                break;
            }

            claimed += batch.Claimed;
            applied += batch.Applied;
            batches++;
        }

        if (applied > 0)
        {
            logger.LogInformation("Milestone sweep applied {Applied} milestones in {Batches} batches", applied, batches);
        }

        return new SweepResult(claimed, applied, batches);
    }

    /// <summary>Open petitions with a due milestone, counted up to <paramref name="limit"/> (an index-only probe).</summary>
    public async Task<int> CountDueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*)::int from (select 1 from petitions p where is_open and next_milestone_at <= $1 and not exists (select 1 from sweep_quarantines q where q.petition_id = p.id and q.released_at is null) limit $2) due");
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// One batch inside the caller's transaction: claim, record, apply, plan. Nothing is visible until the caller
    /// commits; if the caller's session dies first, the rows are claimable again and nothing was applied.
    /// </summary>
    public async Task<SweepResult> SweepBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (rows, unreadable) = await ClaimAsync(connection, transaction, now, cancellationToken);
        foreach (var (poison, error) in unreadable)
        {
            await SweepIsolation.QuarantineAsync(connection, transaction, poison, error, now, logger, cancellationToken);
        }

        if (rows.Count == 0)
        {
            return new SweepResult(unreadable.Count, 0, unreadable.Count > 0 ? 1 : 0);
        }

        // A row that throws is retried alone and then quarantined; the rest of the batch commits.
        var applied = await SweepIsolation.ApplyIsolatedAsync(
            transaction,
            rows,
            (subset, ct) => ApplyAsync(connection, transaction, subset, now, ct),
            (row, error) => SweepIsolation.QuarantineAsync(connection, transaction, row.Petition, error, now, logger, cancellationToken),
            logger,
            cancellationToken);
        return new SweepResult(rows.Count + unreadable.Count, applied, 1);
    }

    /// <summary>Records, applies and plans the claimed rows' milestones; returns how many were fresh (applied now).</summary>
    private async Task<int> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fresh = await RecordFiringsAsync(connection, transaction, rows, now, cancellationToken);
        var effects = new MilestoneEffects(now, rollups) { FiresTransitions = sweepTransitions is not null, ReminderForm = reminderForm };
        var directory = await RecipientDirectory.LoadAsync(connection, transaction, rows.Select(r => r.Petition.AgencyId).Distinct().ToArray(), cancellationToken);
        var discharges = await LoadDischargesAsync(connection, transaction, rows, cancellationToken);
        foreach (var row in rows)
        {
            var definition = catalog.TryGet(row.Petition.WorkflowId, row.Petition.WorkflowVersion);
            var milestone = definition is null ? null : WorkflowMilestonePlanner.Find(definition, row.Petition.NextMilestone!);
            if (definition is not null && milestone is not null && fresh.Contains(row.Petition.Id))
            {
                var trail = discharges.GetValueOrDefault(row.Petition.Id);
                effects.Apply(row.Petition, definition, milestone, row.Petition.NextMilestone!, row.Petition.NextMilestoneAt!.Value, trail, directory);
            }

            var next = definition is null
                ? new MilestonePlan(null, null)
                : planner.PlanAfter(row.Petition, definition, row.Petition.NextMilestone!, row.Petition.NextMilestoneAt!.Value);
            effects.Plan(row.Petition, next);
        }

        await effects.WriteAsync(connection, transaction, cancellationToken);
        if (sweepTransitions is not null)
        {
            await sweepTransitions.IssueAsync(connection, transaction, effects.TransitionsDue, now, cancellationToken);
        }

        return fresh.Count;
    }

    private async Task<(List<ClaimedRow> Rows, List<(Petition Petition, Exception Error)> Unreadable)> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(1, settings.BatchSize) });
        var rows = new List<ClaimedRow>();
        var unreadable = new List<(Petition, Exception)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            try
            {
                rows.Add(new ClaimedRow(ReadClaimed(reader)));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // A row whose stored values do not parse cannot be applied by any retry: it is set aside at once.
                unreadable.Add((SweepIsolation.Identify(reader), ex));
            }
        }

        return (rows, unreadable);
    }

    private static Petition ReadClaimed(NpgsqlDataReader reader) =>
        new()
        {
            Id = reader.GetInt64(0),
            AgencyId = reader.GetInt32(1),
            DepartmentId = reader.IsDBNull(2) ? null : reader.GetInt32(2),
            AssigneeId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
            WorkflowId = reader.GetString(4),
            WorkflowVersion = reader.GetInt32(5),
            State = reader.GetString(6),
            ClockState = Enum.Parse<ClockState>(reader.GetString(7)),
            ReceivedAt = reader.GetFieldValue<DateTimeOffset>(8),
            ArrivedAt = reader.GetFieldValue<DateTimeOffset>(9),
            DueAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            NextMilestone = reader.GetString(11),
            NextMilestoneAt = reader.GetFieldValue<DateTimeOffset>(12),
            ClockGeneration = reader.GetInt32(13),
            Overdue = reader.GetBoolean(14),
            EscalationLevel = reader.GetInt32(15),
            ReceiptNumber = reader.GetString(16),
            Title = reader.GetString(17),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(18),
            ClockStartedAt = reader.IsDBNull(19) ? null : reader.GetFieldValue<DateTimeOffset>(19),
            Kind = Enum.Parse<PetitionKind>(reader.GetString(20)),
            Channel = Enum.Parse<Channel>(reader.GetString(21)),
            AffairId = reader.IsDBNull(22) ? null : reader.GetInt32(22),
            StateEndsOn = reader.IsDBNull(23) ? null : reader.GetFieldValue<DateOnly>(23),
            Body = "",
            PetitionerName = "",
        };

    /// <summary>Inserts (petition, milestone, generation); only the rows inserted now get their effect (exactly once).</summary>
    private static async Task<HashSet<long>> RecordFiringsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            insert into milestone_firings (petition_id, milestone, clock_generation, fired_at)
            select p, m, g, $4 from unnest($1::bigint[], $2::text[], $3::int[]) as u(p, m, g)
            on conflict do nothing
            returning petition_id
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Petition.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Petition.NextMilestone!).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Petition.ClockGeneration).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var fresh = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetInt64(0));
        }

        return fresh;
    }

    /// <summary>The last time each discharging trigger was fired on the batch's obligation petitions (from the audit trail).</summary>
    private async Task<Dictionary<long, Dictionary<string, DateTimeOffset>>> LoadDischargesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedRow> rows, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        var triggers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (catalog.TryGet(row.Petition.WorkflowId, row.Petition.WorkflowVersion) is not { } definition
                || WorkflowMilestonePlanner.Find(definition, row.Petition.NextMilestone!) is not { } milestone)
            {
                continue;
            }

            if (!milestone.Until.IsDefaultOrEmpty)
            {
                ids.Add(row.Petition.Id);
                triggers.UnionWith(milestone.Until);
            }
            else if (milestone.Action == MilestoneActions.SendProgressNotice)
            {
                ids.Add(row.Petition.Id);
                triggers.UnionWith(definition.TriggersWith<Workflows.Effects.DischargesProgressNotice>());
            }
        }

        var result = new Dictionary<long, Dictionary<string, DateTimeOffset>>();
        if (ids.Count == 0)
        {
            return result;
        }

        await using var command = new NpgsqlCommand(
            "select petition_id, trigger, max(at) from petition_events where petition_id = any($1) and type = $2 and trigger = any($3) group by petition_id, trigger",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = MilestoneEventTypes.Transition });
        command.Parameters.Add(new NpgsqlParameter { Value = triggers.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (!result.TryGetValue(id, out var trail))
            {
                result[id] = trail = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }

            trail[reader.GetString(1)] = reader.GetFieldValue<DateTimeOffset>(2);
        }

        return result;
    }

    internal sealed record ClaimedRow(Petition Petition);
}
