using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>
/// The one path by which a petition changes, whoever changes it (the petition service, intake, workflow migration,
/// calendar changes, the generator of bulk data, the milestone sweep's events): what a fired transition does to the
/// clock, its effects, terminal handling, the decision instant, the next milestone, and the audit event in one shape.
/// It only changes objects in memory; the caller stores them (and their report facts, which follow from the event).
/// </summary>
public sealed partial class PetitionChange(IDeadlineCalculator clock, IMilestonePlanner? planner)
{
    /// <summary>The one JSON shape of event data: web names, Hangul unescaped, nulls left out.</summary>
    public static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IDeadlineCalculator Clock { get; } = clock;

    /// <summary>
    /// Opens a new petition's timeline: the clock starts when its first state runs (Act §19①: from receipt), and the
    /// "received" event records where it was routed and its due.
    /// </summary>
    public PetitionResult<PetitionEvent> Open(Petition petition, WorkflowDefinition definition, Actor actor, ReceivedData received, DateTimeOffset now)
    {
        if (definition.FindState(definition.InitialState)!.Clock == ClockBehaviour.Running)
        {
            petition.ClockState = ClockState.Running;
            petition.ClockStartedAt = petition.ReceivedAt;
            if (RecomputeDue(petition, definition) is { } clockError)
            {
                return clockError;
            }

            petition.ClockGeneration = 1;
        }

        return Event(petition, definition, PetitionEventTypes.Received, actor.UserId, actor.Name, now, received with { Due = petition.DueAt }, toState: petition.State);
    }

    /// <summary>
    /// Carries out a transition the machine accepted: its effects, its clock effect (recomputing the due), terminal
    /// handling, the decision instant, the result notices counted, and the transition event. The caller replans
    /// (<see cref="Replan"/>) once the whole change is done.
    /// </summary>
    public PetitionResult<PetitionEvent> Fire(Petition petition, WorkflowDefinition definition, FireResult result, TriggerInputs inputs, Actor actor, DateTimeOffset now, bool atIntake = false)
    {
        var today = PetitionClock.KoreanDate(now);
        var dueBefore = petition.DueAt;
        petition.State = result.NewState;
        foreach (var effect in result.Transition.Effects)
        {
            if (effect is Workflows.Effects.IClockedEffect clocked)
            {
                clocked.Apply(petition, inputs, now, Clock); // periods by the Civil Act need the calendar
            }
            else if (effect is Workflows.Effects.ILimitEffect limited)
            {
                limited.Apply(petition, definition.Limits[limited.Limit], now, Clock); // the period the definition declares
            }
            else
            {
                effect.Apply(petition, inputs, today);
            }
        }

        if (ApplyClock(petition, definition, result.Clock, inputs, now, today, atIntake) is { } clockError)
        {
            return clockError;
        }

        if (result.Terminal)
        {
            petition.IsOpen = false;
            petition.ClosedAt = now;
            petition.ClockState = ClockState.Stopped;
            petition.Outcome = result.NewState;
            petition.Overdue = false;
        }

        var clockChanged = result.Clock.Kind != ClockEffectKind.None || result.Terminal;
        if (clockChanged)
        {
            petition.ClockGeneration++;
            if (result.Clock.Kind is ClockEffectKind.Start or ClockEffectKind.Resume or ClockEffectKind.Extend or ClockEffectKind.Restart
                && RecomputeDue(petition, definition) is { } dueError)
            {
                return dueError;
            }
        }

        if (definition.ResultNotice is { } resultNotice)
        {
            petition.ResultNoticesSent += result.Notices.Count(n => n == resultNotice);
        }

        // The decision, not its notice, ends treatment time (Act §27): the first transition the definition marks as one.
        if (result.Transition.Decision is not null)
        {
            petition.DecidedAt ??= now;
        }

        petition.Overdue = petition.IsOpen && petition.ClockState == ClockState.Running && petition.DueAt < now;
        petition.UpdatedAt = now;
        var data = new TransitionData(definition.Id, definition.Version, result.Clock.ToString(), dueBefore, petition.DueAt, inputs.IsEmpty() ? null : inputs, result.Notices.Count > 0 ? result.Notices : null);
        var recorded = Event(petition, definition, PetitionEventTypes.Transition, actor.UserId, actor.Name, now, data, result.FromState, result.NewState);
        recorded.Trigger = result.Trigger;
        recorded.Reason = inputs.Reason;
        return recorded;
    }

    /// <summary>
    /// The due moved without a transition (a holiday designated or withdrawn, a new workflow version): a new clock
    /// generation so no milestone planned before is applied, the overdue flag, the next milestone, and the event.
    /// </summary>
    public PetitionEvent MoveDue(Petition petition, WorkflowDefinition? definition, DateTimeOffset? due, DateTimeOffset now, string type, Guid? actorId, string actorName, string reason, object data, string? fromState = null)
    {
        petition.DueAt = due?.ToUniversalTime();
        petition.ClockGeneration++;
        petition.Overdue = petition.Overdue && due <= now;
        petition.UpdatedAt = now;
        if (definition is not null)
        {
            Replan(petition, definition, now);
        }

        var recorded = Event(petition, definition, type, actorId, actorName, now, data, fromState, fromState is null ? null : petition.State);
        recorded.Reason = reason;
        return recorded;
    }

    /// <summary>
    /// Another assignee or department, whatever moves it (claim, release, distribution by hand or by policy, hand-over,
    /// absence, disabling, the supervisors' reassignment): audited with who, from, to and why in one shape
    /// (<see cref="ReassignedData"/>), the event type saying how (<see cref="PetitionEventTypes.Reassignments"/>); the
    /// next milestone is replanned as after any other change.
    /// </summary>
    public PetitionEvent Reassign(Petition petition, WorkflowDefinition definition, Guid? assigneeId, int? departmentId, string? reason, Actor actor, DateTimeOffset now,
        string type = PetitionEventTypes.Reassigned, HandOverWindow? handOver = null)
    {
        if (!PetitionEventTypes.Reassignments.Contains(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "not an assignment event type");
        }

        var data = new ReassignedData(petition.AssigneeId, assigneeId, petition.DepartmentId, departmentId) { HandOver = handOver };
        if (petition.AssigneeId != assigneeId)
        {
            petition.AssignedAt = assigneeId is null ? null : now; // "new since the last visit" in the assignee's inbox
        }

        petition.AssigneeId = assigneeId;
        petition.DepartmentId = departmentId;
        petition.UpdatedAt = now;
        Replan(petition, definition, now);
        var recorded = Event(petition, definition, type, actor.UserId, actor.Name, now, data, petition.State, petition.State);
        recorded.Reason = reason;
        return recorded;
    }

    /// <summary>
    /// A notice came back undelivered (rulebook §3.2: the address was unclear); a returned supplementation request
    /// counts towards deemed withdrawal (Decree §25), and the next milestone is planned again.
    /// </summary>
    public PetitionEvent NoticeReturned(Petition petition, WorkflowDefinition definition, NoticeReturnedData data, Guid? actorId, string actorName, string reason, DateTimeOffset now)
    {
        if (data.CountsTowardsWithdrawal)
        {
            petition.UndeliveredSupplementRequests++;
        }

        petition.UpdatedAt = now;
        Replan(petition, definition, now);
        var recorded = Event(petition, definition, PetitionEventTypes.NoticeReturned, actorId, actorName, now, data with { Undelivered = petition.UndeliveredSupplementRequests }, petition.State, petition.State);
        recorded.Reason = reason;
        return recorded;
    }

    /// <summary>
    /// The petitioner's statement that they consent to a second extension (Decree §21②), recorded through a channel;
    /// the guard on the second extension reads it. The state does not change.
    /// </summary>
    public PetitionEvent PetitionerConsented(Petition petition, WorkflowDefinition definition, object? data, string actorName, DateTimeOffset now)
    {
        petition.ExtensionConsentAt = now;
        petition.UpdatedAt = now;
        return Event(petition, definition, PetitionEventTypes.PetitionerConsented, null, actorName, now, data, petition.State, petition.State);
    }

    /// <summary>The next milestone of the petition as it now stands.</summary>
    public void Replan(Petition petition, WorkflowDefinition definition, DateTimeOffset now)
    {
        if (planner is null)
        {
            return;
        }

        var plan = planner.Plan(petition, definition, now);
        petition.NextMilestoneAt = plan.At?.ToUniversalTime();
        petition.NextMilestone = plan.Milestone;
    }

    /// <summary>Whether a recorded event ends the petition (its report counts a closure by final state).</summary>
    public static bool Closes(WorkflowDefinition? definition, PetitionEvent recorded) =>
        recorded.Type == PetitionEventTypes.Transition && recorded.ToState is { } to && definition?.FindState(to)?.Terminal == true;

    /// <summary>An event in the one shape every writer uses; <paramref name="data"/> is serialised with <see cref="EventJson"/>.</summary>
    public static PetitionEvent Event(Petition petition, WorkflowDefinition? definition, string type, Guid? actorId, string actorName, DateTimeOffset at, object? data, string? fromState = null, string? toState = null) => new()
    {
        PetitionId = petition.Id,
        At = at,
        Type = type,
        ActorId = actorId,
        ActorName = actorName,
        FromState = fromState,
        ToState = toState,
        WorkflowVersion = definition?.Version ?? petition.WorkflowVersion,
        Data = data is null ? null : JsonSerializer.Serialize(data, data.GetType(), EventJson),
    };

    private PetitionError? ApplyClock(Petition petition, WorkflowDefinition definition, ClockEffect effect, TriggerInputs inputs, DateTimeOffset now, DateOnly today, bool atIntake)
    {
        switch (effect.Kind)
        {
            case ClockEffectKind.Start:
                if (!atIntake)
                {
                    petition.ReceivedAt = now;
                }

                petition.ClockStartedAt = petition.ReceivedAt;
                petition.ClockState = ClockState.Running;
                break;
            case ClockEffectKind.Pause:
                petition.Exclusions = [.. CloseOpenSpans(petition.Exclusions, today), new ClockSpan(effect.Exclusion!.Value, today, null)];
                petition.ClockState = ClockState.Paused;
                break;
            case ClockEffectKind.Resume:
                petition.Exclusions = CloseOpenSpans(petition.Exclusions, today);
                petition.ClockState = ClockState.Running;
                break;
            case ClockEffectKind.Extend:
                // The petitioner's consent: recorded through a channel, or (earlier versions) stated in the official's input.
                var consent = inputs.Consent == true || PetitionClock.ConsentedSinceFirstExtension(petition);
                var extensions = petition.Extensions
                    .Append(new GrantedExtension(petition.ClockLimit is null ? PetitionClock.ExtensionLength(petition.Period, inputs.ExtensionDays ?? 0) : TreatmentPeriod.Days(inputs.ExtensionDays ?? 0), consent, inputs.Reason ?? "", now))
                    .ToList();
                var extended = PetitionClock.Due(petition, definition, Clock, extensions);
                if (extended.Error is { } extensionError)
                {
                    return FromClock(extensionError);
                }

                petition.Extensions = extensions;
                if (petition.ClockLimit is null)
                {
                    petition.ExtensionCount++;
                }
                else
                {
                    petition.ObjectionExtensionCount++;
                }

                break;
            case ClockEffectKind.Stop:
                petition.Exclusions = CloseOpenSpans(petition.Exclusions, today);
                petition.ClockState = ClockState.Stopped;
                break;
            case ClockEffectKind.Restart:
                petition.Exclusions = CloseOpenSpans(petition.Exclusions, today);
                petition.ClockStartedAt = now;
                petition.ClockLimit = effect.Limit;
                petition.ClockState = ClockState.Running;
                break;
        }

        return null;
    }

    /// <summary>The due of the current count, as every clock effect that runs the clock recomputes it.</summary>
    public PetitionError? RecomputeDue(Petition petition, WorkflowDefinition definition)
    {
        var due = PetitionClock.Due(petition, definition, Clock);
        if (due.Error is { } error)
        {
            return FromClock(error);
        }

        petition.DueAt = due.Value!.Due.ToUniversalTime();
        petition.DueUnit = PetitionClock.UnitOf(due.Value);
        return null;
    }

    private static List<ClockSpan> CloseOpenSpans(List<ClockSpan> spans, DateOnly today) =>
        spans.Select(s => s.To is null ? s with { To = today < s.From ? s.From : today } : s).ToList();

    public static PetitionError FromClock(ClockError error) =>
        new(PetitionErrorKind.RuleBroken, error.Slug, new LocalizedText(error.MessageKo, error.MessageEn));
}

/// <summary>Data of a "received" event: where the petition was routed, its period and its first due.</summary>
public sealed record ReceivedData(string Channel, string Department, string? Affair, string Period, IReadOnlyList<AttachmentMetadata>? Attachments, DateTimeOffset? Due)
{
    public string? TransferredFrom { get; init; }

    /// <summary>The prior examination this formal petition follows (Act §30), by receipt number.</summary>
    public string? PriorExamination { get; init; }

    /// <summary>Documents handed in for the prior examination, carried over so they are not asked for again (Decree §34).</summary>
    public IReadOnlyList<AttachmentMetadata>? CarriedFromPriorExamination { get; init; }
}

/// <summary>Data of a "transition" event: the definition, the clock effect, the due before and after, the inputs and the notices.</summary>
public sealed record TransitionData(string Workflow, int DefinitionVersion, string Clock, DateTimeOffset? DueBefore, DateTimeOffset? DueAfter, TriggerInputs? Inputs, IReadOnlyList<string>? Notices);

/// <summary>Data of every assignment event (<see cref="PetitionEventTypes.Reassignments"/>): from and to, assignee and department.</summary>
public sealed record ReassignedData(Guid? FromAssignee, Guid? ToAssignee, int? FromDepartment, int? ToDepartment)
{
    /// <summary>Of a hand-over between departments only: its obligation's window (Decree §13②).</summary>
    public HandOverWindow? HandOver { get; init; }
}

/// <summary>The hand-over obligation as it stood when the petition was handed over: its name, its due, whether it was late.</summary>
public sealed record HandOverWindow(string Obligation, DateTimeOffset Due, bool Late);

/// <summary>Data of a "due-recomputed" event (a holiday change).</summary>
public sealed record DueRecomputedData(string From, string To, DateOnly Date, bool Holiday, int Generation);

/// <summary>Data of a "workflow-migrated" event.</summary>
public sealed record WorkflowMigratedData(string WorkflowId, int FromVersion, int ToVersion, DateTimeOffset? DueBefore, DateTimeOffset? DueAfter);

/// <summary>Data of a "notice-returned" event: which notice, how its return was learnt, and the undelivered requests so far.</summary>
public sealed record NoticeReturnedData(long NoticeId, string Template, string Source, bool CountsTowardsWithdrawal, int Undelivered);
