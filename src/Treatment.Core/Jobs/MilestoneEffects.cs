using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>
/// The effects of one batch of milestones, gathered in memory and written with one set-based statement per table, in
/// the batch's transaction: audit events, flags, in-app notifications, outbox messages, obligation breaches, next plans,
/// and the report facts of the events (examiner reminders) as rollup deltas when a <see cref="RollupWriter"/> is given.
/// </summary>
public sealed class MilestoneEffects(DateTimeOffset now, RollupWriter? rollups = null)
{
    /// <summary>Escalation ladder (Decree §22, §28②): 1 supervisor at the due, 2 examiner's 독촉장, 3 agency head.</summary>
    public const int SupervisorLevel = 1;
    public const int ExaminerReminderLevel = 2;
    public const int AgencyHeadLevel = 3;

    private readonly List<(long PetitionId, string Type, string? Reason, string Data, int WorkflowVersion)> _events = [];
    private readonly List<(Guid UserId, long PetitionId, string Kind, string Ko, string En)> _notifications = [];
    private readonly List<(string Recipient, string Subject, string Body, long PetitionId)> _outbox = [];
    private readonly List<(long PetitionId, int AgencyId, int? DepartmentId, string Obligation, DateTimeOffset DueAt)> _breaches = [];
    private readonly List<(long Id, DateTimeOffset? At, string? Name, bool Overdue, int Level)> _plans = [];
    private readonly List<PetitionRollup> _facts = [];

    public int EventCount => _events.Count;

    /// <summary>
    /// When set, the sweep fires transitions itself (<see cref="SweepTransitionIssuer"/>): a progress-notice milestone
    /// sends the notice instead of recording a breach, and an end-state milestone ends its state.
    /// </summary>
    public bool FiresTransitions { get; init; }

    /// <summary>The transitions the sweep fires in this batch.</summary>
    public List<SweepFiring> TransitionsDue { get; } = [];

    /// <summary>The 독촉장 form (templates/examiner/reminder.sbn); without it the reminder is a plain message.</summary>
    public ExaminerReminderForm? ReminderForm { get; init; }

    /// <summary>Applies one milestone's action to the petition (flags are changed on the object and written by <see cref="Plan"/>).</summary>
    public void Apply(Petition petition, WorkflowDefinition definition, MilestoneDefinition milestone, string plannedName, DateTimeOffset at, IReadOnlyDictionary<string, DateTimeOffset>? trail, RecipientDirectory directory)
    {
        var number = petition.ReceiptNumber;
        switch (milestone.Action)
        {
            case MilestoneActions.RemindAssignee:
                // A reminder is for before the due; once the due has passed the escalation ladder speaks instead.
                if (!milestone.Until.IsDefaultOrEmpty && Discharged(definition, milestone, at, trail) || petition.DueAt is { } due && now >= due)
                {
                    return;
                }

                AddEvent(petition, MilestoneEventTypes.Reminder, milestone, plannedName, at);
                var reminder = BackOffice.CodeTitles.Milestone(plannedName);
                NotifyAssigneeOrSupervisors(petition, directory, "reminder",
                    $"민원 {number}「{petition.Title}」의 처리기한이 다가옵니다 ({reminder.Ko}).",
                    $"Petition {number} \"{petition.Title}\" is approaching its due ({reminder.En}).");
                break;

            case MilestoneActions.NotifySupervisor:
                if (milestone.Anchor == MilestoneAnchor.Due)
                {
                    petition.Overdue = true;
                    AddEvent(petition, MilestoneEventTypes.Overdue, milestone, plannedName, at);
                }

                Escalate(petition, milestone, plannedName, at, SupervisorLevel);
                foreach (var supervisor in directory.Supervisors(petition.AgencyId, petition.DepartmentId))
                {
                    _notifications.Add((supervisor.UserId, petition.Id, "overdue",
                        $"민원 {number}「{petition.Title}」이(가) 처리기한을 넘겼습니다.",
                        $"Petition {number} \"{petition.Title}\" is past its due."));
                }

                break;

            case MilestoneActions.ExaminerReminder:
                // Decree §28②, Rule §10: the examiner's reminder (독촉장, 별지 제7호서식) goes to the head of the department.
                Escalate(petition, milestone, plannedName, at, ExaminerReminderLevel);
                var (subject, body) = ReminderMail(petition, directory);
                foreach (var head in directory.Supervisors(petition.AgencyId, petition.DepartmentId))
                {
                    _notifications.Add((head.UserId, petition.Id, "examiner-reminder",
                        $"[독촉장] 민원 {number}「{petition.Title}」을(를) 지체 없이 처리하여 주십시오 (시행령 제28조②).",
                        $"[Reminder] Please treat petition {number} \"{petition.Title}\" without delay (Decree §28②)."));
                    if (head.Email is { Length: > 0 } email)
                    {
                        _outbox.Add((email, subject, body, petition.Id));
                    }
                }

                break;

            case MilestoneActions.EscalateAgencyHead:
                // Decree §22: the report reaches the agency's named head (role AgencyHead); the examiners where none is named.
                Escalate(petition, milestone, plannedName, at, AgencyHeadLevel);
                foreach (var head in directory.AgencyHeadsOrExaminers(petition.AgencyId))
                {
                    _notifications.Add((head.UserId, petition.Id, "agency-head",
                        $"민원 {number}「{petition.Title}」의 처리 지연을 기관장에게 보고합니다.",
                        $"Petition {number} \"{petition.Title}\" is reported to the agency head as delayed."));
                    if (head.Email is { Length: > 0 } email)
                    {
                        _outbox.Add((email, $"[기관장 보고] 민원 {number} 처리 지연",
                            $"민원 {number}「{petition.Title}」이(가) 처리기한({Kst(petition.DueAt)})을 넘겨 기관장 보고 대상입니다 (시행령 제22조).",
                            petition.Id));
                    }
                }

                break;

            case MilestoneActions.ObligationOverdue:
            case MilestoneActions.SendProgressNotice:
                if (Discharged(definition, milestone, at, trail))
                {
                    return;
                }

                // Decree §23: the sweep sends the progress notice itself; a breach only where no transition can send it.
                if (milestone.Action == MilestoneActions.SendProgressNotice && FiresTransitions
                    && SweepTransitionIssuer.ProgressNoticeTrigger(definition, petition.State) is { } progressTrigger)
                {
                    TransitionsDue.Add(new SweepFiring(petition.Id, progressTrigger, EndsState: false));
                    return;
                }

                _breaches.Add((petition.Id, petition.AgencyId, petition.DepartmentId, plannedName, at));
                AddEvent(petition, MilestoneEventTypes.ObligationBreach, milestone, plannedName, at);
                var obligation = BackOffice.CodeTitles.Milestone(plannedName);
                NotifyAssigneeOrSupervisors(petition, directory, "obligation-breach",
                    $"민원 {number}「{petition.Title}」의 의무 기한({obligation.Ko})이 지났습니다 ({milestone.Basis}).",
                    $"Petition {number} \"{petition.Title}\" missed the limit of {obligation.En} ({milestone.Basis}).");
                break;

            case MilestoneActions.EndState:
                // A state whose own limit ran out ends by itself (a field investigation, Decree §17④⑤; an uncollected document, Decree §25④).
                if (!FiresTransitions || SweepTransitionIssuer.StateEndTransition(definition, petition.State, milestone) is not { } ending)
                {
                    return;
                }

                TransitionsDue.Add(new SweepFiring(petition.Id, ending.Trigger, EndsState: true));
                var limit = BackOffice.CodeTitles.Milestone(plannedName);
                NotifyAssigneeOrSupervisors(petition, directory, "state-ended",
                    $"민원 {number}「{petition.Title}」: {limit.Ko} 기한이 지나 '{ending.Title.Ko}'을(를) 시스템이 처리했습니다 ({milestone.Basis}).",
                    $"Petition {number} \"{petition.Title}\": the limit of {limit.En} ran out, so the system fired '{ending.Title.En}' ({milestone.Basis}).");
                break;
        }
    }

    private (string Subject, string Body) ReminderMail(Petition petition, RecipientDirectory directory)
    {
        var number = petition.ReceiptNumber;
        if (ReminderForm is { } form)
        {
            return form.Render(new ExaminerReminderValues(directory.AgencyName(petition.AgencyId), directory.DepartmentName(petition.AgencyId, petition.DepartmentId),
                number, petition.Title, petition.ReceivedAt, petition.DueAt, now));
        }

        return ($"[독촉장] 민원 {number} 처리 독촉",
            $"민원 {number}「{petition.Title}」의 처리기한({Kst(petition.DueAt)})이 지났습니다. 지체 없이 처리하고 그 결과를 민원심사관에게 알려 주십시오.\n(민원 처리에 관한 법률 제25조, 시행령 제28조②, 시행규칙 제10조)");
    }

    /// <summary>Stores the petition's next milestone and its flags.</summary>
    public void Plan(Petition petition, MilestonePlan next) =>
        _plans.Add((petition.Id, next.At, next.Milestone, petition.Overdue, petition.EscalationLevel));

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        var at = now.UtcDateTime;
        if (_events.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                insert into petition_events (petition_id, at, type, actor_name, reason, data, workflow_version)
                select p, $1, t, $2, r, d::jsonb, v from unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[]) as u(p, t, r, d, v)
                """,
                Ts(at), MilestoneEventTypes.SystemActor,
                _events.Select(e => e.PetitionId).ToArray(), _events.Select(e => e.Type).ToArray(), _events.Select(e => e.Reason).ToArray(),
                _events.Select(e => e.Data).ToArray(), _events.Select(e => e.WorkflowVersion).ToArray()));
        }

        if (_notifications.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                insert into user_notifications (user_id, petition_id, kind, message_ko, message_en, created_at)
                select u, p, k, ko, en, $1 from unnest($2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[]) as n(u, p, k, ko, en)
                """,
                Ts(at),
                _notifications.Select(n => n.UserId).ToArray(), _notifications.Select(n => n.PetitionId).ToArray(), _notifications.Select(n => n.Kind).ToArray(),
                _notifications.Select(n => n.Ko).ToArray(), _notifications.Select(n => n.En).ToArray()));
        }

        if (_outbox.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                insert into outbox_messages (created_at, kind, recipient, subject, body, petition_id, attempts)
                select $1, 'email', r, s, b, p, 0 from unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) as o(r, s, b, p)
                """,
                Ts(at),
                _outbox.Select(o => o.Recipient).ToArray(), _outbox.Select(o => o.Subject).ToArray(), _outbox.Select(o => o.Body).ToArray(), _outbox.Select(o => o.PetitionId).ToArray()));
        }

        if (_breaches.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                insert into obligation_breaches (petition_id, agency_id, department_id, obligation, due_at, detected_at)
                select p, a, d, o, du, $1 from unnest($2::bigint[], $3::int[], $4::int[], $5::text[], $6::timestamptz[]) as b(p, a, d, o, du)
                on conflict (petition_id, obligation) do nothing
                """,
                Ts(at),
                _breaches.Select(b => b.PetitionId).ToArray(), _breaches.Select(b => b.AgencyId).ToArray(), _breaches.Select(b => b.DepartmentId).ToArray(),
                _breaches.Select(b => b.Obligation).ToArray(), _breaches.Select(b => b.DueAt.UtcDateTime).ToArray()));
        }

        if (_plans.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                update petitions p set next_milestone_at = u.a, next_milestone = u.n, overdue = u.o, escalation_level = u.l, updated_at = $1
                from unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::bool[], $6::int[]) as u(id, a, n, o, l)
                where p.id = u.id
                """,
                Ts(at),
                _plans.Select(p => p.Id).ToArray(), _plans.Select(p => p.At?.UtcDateTime).ToArray(), _plans.Select(p => p.Name).ToArray(),
                _plans.Select(p => p.Overdue).ToArray(), _plans.Select(p => p.Level).ToArray()));
        }

        if (RollupWriter.AppendDeltasCommand(_facts) is { } facts)
        {
            batch.BatchCommands.Add(facts);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await batch.DisposeAsync();
    }

    private static bool Discharged(WorkflowDefinition definition, MilestoneDefinition milestone, DateTimeOffset at, IReadOnlyDictionary<string, DateTimeOffset>? trail)
    {
        if (trail is null)
        {
            return false;
        }

        if (milestone.Action == MilestoneActions.SendProgressNotice)
        {
            // Decree §23: a progress notice sent within the interval up to this occurrence discharges it (one sent later
            // belongs to an earlier occurrence caught up late, so every 30 days still has its notice).
            var interval = milestone.Repeat is { Unit: PeriodUnit.Days } repeat ? TimeSpan.FromDays(repeat.Value) : TimeSpan.FromDays(30);
            return definition.TriggersWith<Workflows.Effects.DischargesProgressNotice>().Any(t => trail.TryGetValue(t, out var sent) && sent > at - interval && sent <= at);
        }

        // Fired in time discharges the obligation; fired after its limit it is a late fulfilment, still a breach.
        return milestone.Until.Any(t => trail.TryGetValue(t, out var firedAt) && firedAt <= at);
    }

    private void Escalate(Petition petition, MilestoneDefinition milestone, string plannedName, DateTimeOffset at, int level)
    {
        petition.EscalationLevel = Math.Max(petition.EscalationLevel, level);
        AddEvent(petition, MilestoneEventTypes.Escalation, milestone, plannedName, at, level);
    }

    private void NotifyAssigneeOrSupervisors(Petition petition, RecipientDirectory directory, string kind, string ko, string en)
    {
        if (petition.AssigneeId is { } assignee)
        {
            _notifications.Add((assignee, petition.Id, kind, ko, en));
            return;
        }

        foreach (var supervisor in directory.Supervisors(petition.AgencyId, petition.DepartmentId))
        {
            _notifications.Add((supervisor.UserId, petition.Id, kind, ko, en));
        }
    }

    private void AddEvent(Petition petition, string type, MilestoneDefinition milestone, string plannedName, DateTimeOffset at, int? level = null)
    {
        // The event is stored with the sweep's time, so its facts fall in that month, as a rebuild would count them.
        var recorded = PetitionChange.Event(petition, null, type, null, MilestoneEventTypes.SystemActor, now,
            new MilestoneEventData(plannedName, milestone.Action, petition.ClockGeneration, at, petition.DueAt, level));
        recorded.Reason = milestone.Basis;
        _events.Add((petition.Id, type, milestone.Basis, recorded.Data!, petition.WorkflowVersion));
        if (rollups is not null)
        {
            _facts.AddRange(rollups.Facts(petition, recorded, closesPetition: false));
        }
    }

    private static string Kst(DateTimeOffset? instant) =>
        instant?.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";

    private static NpgsqlParameter Ts(DateTime value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

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

/// <summary>The facts a milestone event carries in PetitionEvent.Data.</summary>
public sealed record MilestoneEventData(string Milestone, string Action, int ClockGeneration, DateTimeOffset At, DateTimeOffset? DueAt, int? Level);
