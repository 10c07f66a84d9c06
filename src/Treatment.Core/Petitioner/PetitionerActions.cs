using Microsoft.EntityFrameworkCore;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Petitioner;

/// <summary>What a channel sends with a petitioner action: the lookup code, the trigger's inputs and, for some actions, documents or grounds.</summary>
public sealed record PetitionerActionRequest
{
    public string? LookupCode { get; init; }

    /// <summary>Instead of the lookup code: the channel's assertion of the petitioner's verified identity (trusted channels only).</summary>
    public PetitionerIdentityAssertion? Identity { get; init; }

    public TriggerInputs Inputs { get; init; } = TriggerInputs.Empty;

    /// <summary>Documents handed in (metadata only: the files stay with the channel).</summary>
    public IReadOnlyList<AttachmentMetadata> Documents { get; init; } = [];

    /// <summary>Why a correction is demanded: one of the action's grounds (Decree §18).</summary>
    public string? Ground { get; init; }
}

/// <summary>Data of a "correction-demanded" event: the ground, the agency's reply due and the channel.</summary>
public sealed record CorrectionDemandData(string Action, string Ground, DateTimeOffset ReplyDue, string Channel);

/// <summary>Data of a "petitioner-consented" event.</summary>
public sealed record PetitionerConsentData(string Action, int ExtensionsSoFar, string Channel);

/// <summary>
/// The petitioner's side of the Act through channels: the action (from petitioner-actions.yaml) fires the petition's
/// own transition declaring its effect as the Petitioner, or records the petitioner's statement; the lookup code given
/// at receipt authorises it (wrong codes count towards the receipt number's lockout, as the status lookup does). Each
/// is an audit event with the actor "민원인 (channel)".
/// </summary>
public sealed class PetitionerActions(
    TreatmentDbContext db,
    StatusLookup lookup,
    PetitionerActionCatalog actions,
    WorkflowCatalog catalog,
    PetitionService petitions,
    IDeadlineCalculator clock,
    Reports.RollupWriter rollups,
    PetitionChange change,
    Security.PersonalDataProtector protector,
    Microsoft.Extensions.Options.IOptions<PetitionerActionOptions> options,
    TimeProvider time)
{
    private static readonly HashSet<string> PetitionerRoles = [nameof(WorkflowRole.Petitioner)];

    public static Actor PetitionerVia(string channelName) => new(null, $"민원인 ({channelName})", PetitionerRoles, null, null);

    public async Task<PetitionResult<Petition>> ActAsync(string receiptNumber, string actionName, PetitionerActionRequest request, PetitionerChannel channel, CancellationToken ct)
    {
        if (actions.Find(actionName) is not { } action)
        {
            return new PetitionError(PetitionErrorKind.NotFound, "unknown-action", new LocalizedText(
                $"'{actionName}'은(는) 민원인이 할 수 있는 처리가 아닙니다 ({string.Join(", ", actions.Actions.Select(a => a.Name))}).",
                $"'{actionName}' is not a petitioner action ({string.Join(", ", actions.Actions.Select(a => a.Name))})."));
        }

        var found = await FindForPetitionerAsync(receiptNumber.Trim(), request, channel, ct);
        if (found.Error is { } refused)
        {
            return refused;
        }

        var petition = found.Value!;
        var channelName = channel.Name;
        var actor = PetitionerVia(channelName);
        return action.Records is { } statement
            ? await RecordAsync(petition.Id, action, statement, request, actor, channelName, ct)
            : await FireAsync(petition, action, request, actor, ct);
    }

    /// <summary>
    /// The petition, if the request proves its petitioner: the lookup code, or the identity a trusted channel asserts
    /// for a petition received through one of its own channels. Failures of either count towards the receipt's lockout.
    /// </summary>
    private async Task<PetitionResult<Petition>> FindForPetitionerAsync(string receiptNumber, PetitionerActionRequest request, PetitionerChannel channel, CancellationToken ct)
    {
        StatusLookupResult found;
        if (request.Identity is { } identity)
        {
            if (!options.Value.MayAssertIdentity(channel.Name))
            {
                return new PetitionError(PetitionErrorKind.Forbidden, "identity-assertion-not-trusted", new LocalizedText(
                    "이 채널은 민원인의 본인 확인을 대신할 수 없습니다. 조회 코드를 보내십시오.", "This channel is not trusted to assert the petitioner's identity; send the lookup code."));
            }

            if (!string.IsNullOrWhiteSpace(request.LookupCode))
            {
                return PetitionError.Invalid("identity", "조회 코드와 본인 확인 중 하나만 보내십시오. (send either the lookup code or the identity, not both)");
            }

            if (InvalidAssertion(identity) is { } invalid)
            {
                return invalid;
            }

            // The assertion never widens the channel's scope: only petitions received through the key's own channels.
            found = await lookup.FindAsync(receiptNumber, p => channel.Channels.Contains(p.Channel) && PetitionerIdentityMatch.Matches(p, identity, protector), ct);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.LookupCode))
            {
                return PetitionError.Invalid("lookupCode", "접수 때 받은 조회 코드가 필요합니다. (the lookup code given at receipt is required)");
            }

            found = await lookup.FindAsync(receiptNumber, request.LookupCode, ct);
        }

        if (found.Outcome == StatusLookupOutcome.Locked)
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "receipt-locked", new LocalizedText("이 접수번호는 잠시 사용할 수 없습니다.", "This receipt number is locked for a while after repeated wrong codes."));
        }

        return found.Petition is { } petition ? petition : PetitionError.NotFound();
    }

    private PetitionError? InvalidAssertion(PetitionerIdentityAssertion identity)
    {
        if (string.IsNullOrWhiteSpace(identity.Name) || identity.Name.Length > 100 || string.IsNullOrWhiteSpace(identity.Method) || identity.Method.Length > 40)
        {
            return PetitionError.Invalid("identity", "본인 확인에는 성명과 확인 방법이 필요합니다. (the identity needs the name and the verification method)");
        }

        // A stale or future verification is refused, so a captured assertion cannot be replayed later.
        var now = time.GetUtcNow();
        return identity.VerifiedAt is { } at && at <= now.AddMinutes(1) && now - at <= options.Value.IdentityAssertionMaxAge
            ? null
            : PetitionError.Invalid("identity.verifiedAt", $"본인 확인은 {options.Value.IdentityAssertionMaxAge.TotalMinutes:0}분 이내의 것이어야 합니다. (the verification must be at most {options.Value.IdentityAssertionMaxAge.TotalMinutes:0} minutes old)");
    }

    private async Task<PetitionResult<Petition>> FireAsync(Petition petition, PetitionerAction action, PetitionerActionRequest request, Actor actor, CancellationToken ct)
    {
        var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
        var transition = definition.TransitionsFrom(petition.State)
            .FirstOrDefault(t => t.Effects.Any(e => action.Effects.Contains(e.Name)) && t.Roles.Contains(WorkflowRole.Petitioner));
        if (transition is null)
        {
            return NotNow(action, petition, definition);
        }

        var inputs = request.Inputs;
        if (action.Documents && request.Documents.Count > 0 && string.IsNullOrWhiteSpace(inputs.Reason))
        {
            // The documents handed in are kept in the event's inputs (metadata only).
            inputs = inputs with { Reason = "제출 서류 (documents): " + string.Join(", ", request.Documents.Select(d => $"{d.FileName} ({d.ContentType}, {d.Size} B)")) };
        }

        return await petitions.FireForPetitionerAsync(petition.Id, transition.Trigger, inputs, actor, ct);
    }

    private async Task<PetitionResult<Petition>> RecordAsync(long petitionId, PetitionerAction action, string statement, PetitionerActionRequest request, Actor actor, string channelName, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var petition = await db.Petitions.FirstAsync(p => p.Id == petitionId, ct);
        var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
        PetitionEvent recorded;
        switch (statement)
        {
            case PetitionerRecords.ExtensionConsent:
                // Decree §21②: consent matters between the first extension and a second one, while treatment runs.
                if (!petition.IsOpen || petition.ExtensionCount != 1)
                {
                    return NotNow(action, petition, definition);
                }

                // The second extension's guard reads this recorded consent (Decree §21②).
                recorded = change.PetitionerConsented(petition, definition, new PetitionerConsentData(action.Name, petition.ExtensionCount, channelName), actor.Name, now);
                break;

            case PetitionerRecords.CorrectionDemand:
                if (request.Ground is not { } ground || !action.Grounds.Contains(ground))
                {
                    return PetitionError.Invalid("ground", $"다음 중 하나여야 합니다 (one of): {string.Join(", ", action.Grounds)}");
                }

                // Decree §18: "the period expired" needs an expired period; the other grounds stand while the petition is open.
                var expired = petition.IsOpen && petition.DueAt is { } due && due < now;
                if (!petition.IsOpen || (ground == action.GroundAfterExpiry && !expired))
                {
                    return NotNow(action, petition, definition);
                }

                var reply = action.Reply is { } period ? clock.Compute(new DeadlineRequest(now, period)).GetValueOrThrow().Due.ToUniversalTime() : now;
                recorded = PetitionChange.Event(petition, definition, PetitionEventTypes.CorrectionDemanded, null, actor.Name, now,
                    new CorrectionDemandData(action.Name, ground, reply, channelName), petition.State, petition.State);
                if (petition.AssigneeId is { } assignee)
                {
                    db.UserNotifications.Add(new UserNotification
                    {
                        UserId = assignee,
                        PetitionId = petition.Id,
                        Kind = PetitionEventTypes.CorrectionDemanded,
                        MessageKo = $"민원 {petition.ReceiptNumber}에 시정 요구가 접수되었습니다. 조사 후 결과를 통지하십시오 (시행령 제18조).",
                        MessageEn = $"A correction demand was filed on petition {petition.ReceiptNumber}; investigate and notify the result (Decree §18).",
                        CreatedAt = now,
                    });
                }

                break;

            default:
                throw new InvalidOperationException($"unknown statement {statement}");
        }

        recorded.Reason = request.Inputs.Reason;
        petition.UpdatedAt = now;
        db.PetitionEvents.Add(recorded);
        rollups.AddDeltas(db, petition, recorded, closesPetition: false);
        await db.SaveChangesAsync(ct);
        return petition;
    }

    private static PetitionError NotNow(PetitionerAction action, Petition petition, WorkflowDefinition definition)
    {
        var state = definition.FindState(petition.State)?.Title ?? new LocalizedText(petition.State, petition.State);
        return new PetitionError(PetitionErrorKind.IllegalTrigger, "not-now", new LocalizedText(
            $"지금은 '{action.Title.Ko}'을(를) 할 수 없습니다 (현재 상태: {state.Ko}; {action.Basis}).",
            $"'{action.Title.En}' is not possible now (current state: {state.En}; {action.Basis})."));
    }
}
