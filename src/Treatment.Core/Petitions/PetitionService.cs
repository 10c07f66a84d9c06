using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Security;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Petitions;

/// <summary>A petitioner's personal data shown in full to an official, after the reveal was logged.</summary>
public sealed record RevealedPersonalData(long PetitionId, string Name, string? Phone, string? Email, string? Address, string? ResidentNumber);

/// <summary>
/// Changes petitions on an actor's behalf (architecture: "One state change, end to end"): transitions, reassignment and
/// the logged reveal of personal data, each checked for role and agency scope here. What a change does is decided by
/// <see cref="PetitionChange"/>; intake is <see cref="PetitionIntake"/>, notices <see cref="NoticeIssuer"/>. Each call is
/// one SaveChanges, so one transaction; refusals are <see cref="PetitionError"/> results, mapped to problem details at the edge.
/// </summary>
public sealed class PetitionService(
    TreatmentDbContext db,
    WorkflowCatalog catalog,
    PetitionChange change,
    IMilestonePlanner planner,
    PetitionIntake intake,
    NoticeIssuer notices,
    PersonalDataProtector personalData,
    AgencyDirectory agencies,
    PetitionChangeWriter writer,
    TimeProvider time,
    Documents.DocumentIssuer documents)
{
    /// <summary>
    /// Fires a trigger on a petition for an actor: scope and role checks, guards, the clock effect, an audit event,
    /// the declared notices and the next milestone, in one transaction. A change made meanwhile by someone else
    /// (xmin, or <paramref name="expectedVersion"/> when given) is a conflict, never a lost update.
    /// </summary>
    public Task<PetitionResult<Petition>> FireAsync(long petitionId, string trigger, TriggerInputs inputs, Actor actor, uint? expectedVersion = null, CancellationToken ct = default) =>
        FireCoreAsync(petitionId, trigger, inputs, actor, expectedVersion, verifiedPetitioner: false, ct);

    /// <summary>
    /// Fires a trigger for the petitioner through a channel (Petitioner role); the caller has verified the petition's
    /// lookup code, which stands in for the back-office scope.
    /// </summary>
    public Task<PetitionResult<Petition>> FireForPetitionerAsync(long petitionId, string trigger, TriggerInputs inputs, Actor petitioner, CancellationToken ct = default) =>
        FireCoreAsync(petitionId, trigger, inputs, petitioner, null, verifiedPetitioner: true, ct);

    // Every action loads its petition (tracked): compiled once instead of translated on each request.
    private static readonly Func<TreatmentDbContext, long, CancellationToken, Task<Petition?>> PetitionById =
        EF.CompileAsyncQuery((TreatmentDbContext db, long id, CancellationToken _) => db.Petitions.FirstOrDefault(p => p.Id == id));

    private async Task<PetitionResult<Petition>> FireCoreAsync(long petitionId, string trigger, TriggerInputs inputs, Actor actor, uint? expectedVersion, bool verifiedPetitioner, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var petition = await PetitionById(db, petitionId, ct);
        if (petition is null || !(verifiedPetitioner || PetitionScope.CanSee(petition, actor)))
        {
            return PetitionError.NotFound();
        }

        if (expectedVersion is { } expected && expected != petition.Version)
        {
            return PetitionError.Concurrent();
        }

        if (petition.MergedIntoPetitionId is not null)
        {
            return PetitionError.Merged();
        }

        if (PetitionErrors.InInputs(inputs) is { } inputError)
        {
            return inputError;
        }

        var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
        var machine = new PetitionMachine(definition);
        var outcome = machine.Fire(PetitionClock.Facts(petition, change.Clock, now), trigger, inputs, PetitionClock.WorkflowRoles(actor));
        if (outcome.Error is { } refused)
        {
            return PetitionErrors.FromWorkflow(refused);
        }

        var result = outcome.Result!;
        Agency? agency = null;
        var issuesDocument = result.Transition.Has<IssuesDocument>() && petition.AffairId is not null;
        if (result.Notices.Count > 0 || issuesDocument)
        {
            agency = await agencies.ByIdAsync(db, petition.AgencyId, ct);
        }

        // A window obligation met late (the supplementation request after 8 working hours, Rule §9①) is a breach.
        var lateBreaches = planner is WorkflowMilestonePlanner fullPlanner
            ? LateFulfilment.Find(fullPlanner, petition, definition, result.Trigger, now)
            : [];
        var affair = issuesDocument ? await db.Affairs.AsNoTracking().FirstOrDefaultAsync(a => a.Id == petition.AffairId, ct) : null;

        // Decree §31: a notice the petitioner's own action issues names the assignee.
        var official = actor.UserId is null && result.Notices.Count > 0 && petition.AssigneeId is { } assignee
            ? await db.Users.AsNoTracking().Where(u => u.Id == assignee).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        var work = new PetitionWork(petition, definition, agency, affair, now) { OfficialName = official };
        if (issuesDocument && agency is not null && !await db.IssuedDocuments.AnyAsync(d => d.PetitionId == petition.Id, ct))
        {
            work.DocumentSlot = await documents.PrepareAsync(definition, agency, affair, now, ct);
        }
        if (result.Transition.Has<OpensTransferCopy>() && inputs.TransferTarget is { } targetCode && await agencies.ByCodeAsync(db, targetCode.Trim(), ct) is { } target)
        {
            work.TransferTargetName = target.NameKo;
        }

        if (result.Notices.Count > 0 && NoticeIssuer.NeedsEarlierDecision(definition, result, inputs))
        {
            work.EarlierDecision = await notices.EarlierDecisionAsync(petition.Id, ct);
        }

        if (work.Apply(change, notices, result, inputs, actor, atIntake: false) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }

        change.Replan(petition, definition, now);
        db.PetitionEvents.AddRange(work.Events);
        await db.Notices.AddRangeAsync(work.Notices, ct); // async: a new block of outbox ids may be fetched
        db.IssuedDocuments.AddRange(work.Documents);
        foreach (var breach in lateBreaches)
        {
            if (!await db.ObligationBreaches.AnyAsync(b => b.PetitionId == breach.PetitionId && b.Obligation == breach.Obligation, ct))
            {
                db.ObligationBreaches.Add(breach);
            }
        }

        var recorded = work.Events.Select(e => (petition, e)).ToList();
        if (ManyPerson.MergedGroups.Concerns(result))
        {
            recorded.AddRange(await ManyPerson.MergedGroups.FollowAsync(db, notices, work, result, inputs, actor, ct));
        }

        if (result.Transition.Has<OpensTransferCopy>() && await intake.TransferCopyAsync(petition, inputs.TransferTarget, actor, now, ct) is { } copy)
        {
            db.Petitions.Add(copy.Petition);
            db.PetitionEvents.AddRange(copy.Events);
            if (copy.Assignment is { } assigned)
            {
                db.PetitionEvents.Add(assigned); // assignment: audited outside the report facts
            }

            await db.Notices.AddRangeAsync(copy.Notices, ct);
            recorded.AddRange(copy.Events.Select(e => (copy.Petition, e)));
        }

        try
        {
            await writer.SaveAsync(recorded, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PetitionError.Concurrent();
        }

        return petition;
    }


    /// <summary>The triggers the actor may fire now, with the inputs each needs (the buttons on the page).</summary>
    public IReadOnlyList<PermittedAction> AllowedActions(Petition petition, Actor actor)
    {
        if (!PetitionScope.CanSee(petition, actor) || petition.MergedIntoPetitionId is not null || catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion) is not { } definition)
        {
            return [];
        }

        return new PetitionMachine(definition).PermittedTriggers(PetitionClock.Facts(petition, change.Clock, time.GetUtcNow()), PetitionClock.WorkflowRoles(actor));
    }

    /// <summary>The due of the petition's current count with its explanation (null while the clock has not started).</summary>
    public Deadline? CurrentDeadline(Petition petition)
    {
        if (petition.ClockStartedAt is null || catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion) is not { } definition)
        {
            return null;
        }

        return PetitionClock.Due(petition, definition, change.Clock).Value;
    }

    /// <summary>The definition version the petition is pinned to.</summary>
    public WorkflowDefinition DefinitionOf(Petition petition) => catalog.Get(petition.WorkflowId, petition.WorkflowVersion);

    /// <summary>Loads a petition the actor may see, untracked; null when unknown or out of scope.</summary>
    public Task<Petition?> FindAsync(long petitionId, Actor actor, CancellationToken ct = default) =>
        db.Petitions.AsNoTracking().VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == petitionId, ct);

    /// <summary>
    /// Assigns one or many open petitions to an official of the same agency (supervisors and admins), audited per
    /// petition; the department follows the assignee. All or none.
    /// </summary>
    public async Task<PetitionResult<int>> ReassignAsync(IReadOnlyCollection<long> petitionIds, Guid assigneeId, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (!PetitionScope.MayReassign(actor))
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", new LocalizedText("재배정은 과장(팀장) 또는 관리자만 할 수 있습니다.", "Only supervisors and admins may reassign petitions."));
        }

        if (petitionIds.Count == 0 || petitionIds.Count > 500)
        {
            return PetitionError.Invalid("petitionIds", "1~500건을 고르십시오. (choose 1 to 500 petitions)");
        }

        if (reason is not null && TextRules.Check(reason, IntakeLimits.Reason, multiline: true, required: false) is { } reasonError)
        {
            return PetitionError.Invalid("reason", reasonError);
        }

        var assignee = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == assigneeId && u.IsActive, ct);
        if (assignee is null || assignee.AgencyId != actor.AgencyId)
        {
            return PetitionError.Invalid("assigneeId", "같은 기관의 재직 중인 담당자를 고르십시오. (choose an active official of your agency)");
        }

        var ids = petitionIds.Distinct().ToList();
        var petitions = await db.Petitions.VisibleTo(actor).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        if (petitions.Count != ids.Count)
        {
            return PetitionError.NotFound();
        }

        if (petitions.FirstOrDefault(p => !p.IsOpen) is { } closed)
        {
            return new PetitionError(PetitionErrorKind.IllegalTrigger, "petition-closed", new LocalizedText($"종결된 민원({closed.ReceiptNumber})은 재배정할 수 없습니다.", $"A closed petition ({closed.ReceiptNumber}) cannot be reassigned."));
        }

        var now = time.GetUtcNow().ToUniversalTime();
        foreach (var petition in petitions)
        {
            db.PetitionEvents.Add(change.Reassign(petition, catalog.Get(petition.WorkflowId, petition.WorkflowVersion), assignee.Id, assignee.DepartmentId ?? petition.DepartmentId!.Value, reason, actor, now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PetitionError.Concurrent();
        }

        return petitions.Count;
    }

    /// <summary>Shows a petitioner's personal data in full (resident number decrypted) to a role that may see it; every reveal is an audit event with its reason.</summary>
    public async Task<PetitionResult<RevealedPersonalData>> RevealPersonalDataAsync(long petitionId, string reason, Actor actor, CancellationToken ct = default)
    {
        var petition = await db.Petitions.AsNoTracking().VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null)
        {
            return PetitionError.NotFound();
        }

        if (!PetitionScope.MayRevealPersonalData(actor))
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", new LocalizedText("개인정보를 열람할 권한이 없습니다.", "Your role may not see personal data."));
        }

        if (TextRules.Check(reason, IntakeLimits.Reason, multiline: true, required: true) is { } reasonError)
        {
            return PetitionError.Invalid("reason", reasonError);
        }

        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = time.GetUtcNow(),
            Type = PetitionEventTypes.RevealedPersonalData,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Reason = reason,
            WorkflowVersion = petition.WorkflowVersion,
        });
        await db.SaveChangesAsync(ct);
        return new RevealedPersonalData(
            petition.Id,
            petition.PetitionerName,
            petition.PetitionerPhone,
            petition.PetitionerEmail,
            petition.PetitionerAddress,
            petition.PetitionerRrnCipher is { } cipher ? personalData.Decrypt(cipher, petition.PetitionerRrnKeyId) : null);
    }

    /// <summary>The workflow a kind's new petitions take (its newest version).</summary>
    public static string WorkflowIdOf(PetitionKind kind) => PetitionIntake.WorkflowIdOf(kind);
}
