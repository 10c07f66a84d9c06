using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Assignment;

/// <summary>
/// Takes and hands back work: an official claims a queued petition ("내가 처리") or hands it back with a reason; a team
/// lead, supervisor or admin distributes one or many; a department passes a petition it does not handle to the
/// competent one (Decree §13②). Each change goes through <see cref="PetitionChange.Reassign"/> (audited: who, from,
/// to, why; the next milestone replanned) and is saved in one transaction; scope is checked here, so pages and API
/// stay thin. Refusals are <see cref="PetitionError"/> results.
/// </summary>
public sealed partial class AssignmentService(TreatmentDbContext db, Distribution distribution, HandOverRule handOver, PetitionChange change, WorkflowCatalog catalog, TimeProvider time)
{
    public static PetitionError AlreadyTaken() =>
        new(PetitionErrorKind.Conflict, "already-taken", new LocalizedText("이미 다른 담당자가 맡은 민원입니다.", "Another official has already taken this petition."));

    /// <summary>
    /// The actor takes a petition from their department's queue. The petition's row lock decides: of two officials
    /// claiming at once, the second waits for the first to commit, then reads the petition as taken and is told so.
    /// </summary>
    public async Task<PetitionResult<Petition>> ClaimAsync(long petitionId, Actor actor, CancellationToken ct)
    {
        if (actor.UserId is not { } me || actor.AgencyId is not { } agencyId || actor.DepartmentId is not { } departmentId
            || !actor.WorksQueueOf(agencyId, departmentId))
        {
            return PetitionError.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var petition = (await db.Petitions.FromSql($"SELECT *, xmin FROM petitions WHERE id = {petitionId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
        if (petition is null || !actor.WorksQueueOf(petition.AgencyId, petition.DepartmentId))
        {
            return PetitionError.NotFound();
        }

        if (!petition.IsOpen)
        {
            return Closed(petition);
        }

        if (petition.AssigneeId is not null)
        {
            return AlreadyTaken();
        }

        var now = time.GetUtcNow().ToUniversalTime();
        db.PetitionEvents.Add(Reassign(petition, me, petition.DepartmentId, null, actor, now, PetitionEventTypes.Claimed));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return petition;
    }

    /// <summary>The assignee (or whoever distributes the department's work) hands the petition back to the department's queue.</summary>
    public async Task<PetitionResult<Petition>> ReleaseAsync(long petitionId, string? reason, Actor actor, CancellationToken ct)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || actor.UserId is not { } me
            || !(petition.AgencyId == actor.AgencyId && (petition.AssigneeId == me || actor.MayDistribute(petition.AgencyId, petition.DepartmentId))))
        {
            return PetitionError.NotFound();
        }

        if (ReasonError(reason, required: true) is { } reasonError)
        {
            return reasonError;
        }

        if (!petition.IsOpen)
        {
            return Closed(petition);
        }

        if (petition.AssigneeId is null)
        {
            return new PetitionError(PetitionErrorKind.Conflict, "not-assigned", new LocalizedText("이미 부서 대기 중인 민원입니다.", "The petition is already waiting in the queue."));
        }

        var now = time.GetUtcNow().ToUniversalTime();
        db.PetitionEvents.Add(Reassign(petition, null, petition.DepartmentId, reason, actor, now, PetitionEventTypes.Released));
        return await SaveAsync(petition, ct);
    }

    /// <summary>
    /// A team lead, supervisor or admin gives one or many petitions of a department to one of its officials (배부).
    /// All or none; a petition outside the actor's distribution scope is "not found".
    /// </summary>
    public async Task<PetitionResult<int>> DistributeAsync(IReadOnlyCollection<long> petitionIds, Guid assigneeId, string? reason, Actor actor, CancellationToken ct)
    {
        if (petitionIds.Count is 0 or > 500)
        {
            return PetitionError.Invalid("petitionIds", "1~500건을 고르십시오. (choose 1 to 500 petitions)");
        }

        if (ReasonError(reason, required: false) is { } reasonError)
        {
            return reasonError;
        }

        var ids = petitionIds.Distinct().ToList();
        var petitions = await db.Petitions.Where(p => ids.Contains(p.Id) && p.AgencyId == actor.AgencyId).ToListAsync(ct);
        if (petitions.Count != ids.Count || petitions.Any(p => !actor.MayDistribute(p.AgencyId, p.DepartmentId)))
        {
            return PetitionError.NotFound();
        }

        if (petitions.FirstOrDefault(p => !p.IsOpen) is { } closed)
        {
            return Closed(closed);
        }

        var today = DueBadges.KstDate(time.GetUtcNow());
        var departments = petitions.Select(p => p.DepartmentId).Distinct().ToList();
        var assignee = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == assigneeId && u.IsActive && u.AgencyId == actor.AgencyId, ct);
        if (assignee is null || departments.Count != 1 || assignee.DepartmentId != departments[0])
        {
            return PetitionError.Invalid("assigneeId", "민원이 속한 부서의 재직 중인 담당자를 고르십시오. 다른 부서로는 이관하십시오. (choose an active official of the petitions' department; hand over to move it to another department)");
        }

        if (await db.Set<Absence>().AnyAsync(a => a.UserId == assigneeId && a.StartsOn <= today && a.EndsOn >= today, ct))
        {
            return PetitionError.Invalid("assigneeId", "부재 중인 담당자입니다. (the official is absent today)");
        }

        var now = time.GetUtcNow().ToUniversalTime();
        foreach (var petition in petitions.Where(p => p.AssigneeId != assigneeId))
        {
            db.PetitionEvents.Add(Reassign(petition, assigneeId, petition.DepartmentId, reason, actor, now, PetitionEventTypes.Distributed));
        }

        db.UserNotifications.Add(new UserNotification
        {
            UserId = assigneeId,
            PetitionId = petitions.Count == 1 ? petitions[0].Id : null,
            Kind = PetitionEventTypes.Distributed,
            MessageKo = $"{actor.Name} 님이 민원 {petitions.Count}건을 배부했습니다.",
            MessageEn = $"{actor.Name} gave you {petitions.Count} petition(s).",
            CreatedAt = now,
        });
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

    /// <summary>
    /// A department that received a petition it does not handle passes it to the competent department of the same
    /// agency (Decree §13②), which distributes it by its own policy in the same transaction. Done later than the
    /// limit after the department received it, it is recorded as an obligation breach for the supervisors.
    /// Distinct from return (반려): the petition stays open with its state and clock.
    /// </summary>
    public async Task<PetitionResult<Petition>> HandOverAsync(long petitionId, int toDepartmentId, string? reason, Actor actor, CancellationToken ct)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || actor.UserId is not { } me || petition.AgencyId != actor.AgencyId
            || !(petition.AssigneeId == me || actor.WorksQueueOf(petition.AgencyId, petition.DepartmentId) || actor.MayDistribute(petition.AgencyId, petition.DepartmentId)))
        {
            return PetitionError.NotFound();
        }

        if (ReasonError(reason, required: true) is { } reasonError)
        {
            return reasonError;
        }

        if (!petition.IsOpen)
        {
            return Closed(petition);
        }

        var target = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == toDepartmentId && d.AgencyId == petition.AgencyId, ct);
        if (target is null || target.Id == petition.DepartmentId)
        {
            return PetitionError.Invalid("departmentId", "같은 기관의 다른 부서를 고르십시오. (choose another department of the agency)");
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var due = await HandOverDueAsync(petition, ct);
        var late = now > due;
        var from = petition.DepartmentId;
        // The receiving department's policy chooses the official (or the queue), in the same change and event.
        var assignee = await distribution.ChooseAsync(target.Id, petition.Kind, petition.AffairId, ct);
        db.PetitionEvents.Add(Reassign(petition, assignee, target.Id, reason, actor, now, PetitionEventTypes.HandedOver, new HandOverWindow(handOver.Obligation, due, late)));
        if (late && !await db.ObligationBreaches.AnyAsync(b => b.PetitionId == petition.Id && b.Obligation == handOver.Obligation, ct))
        {
            db.ObligationBreaches.Add(new ObligationBreach
            {
                PetitionId = petition.Id,
                AgencyId = petition.AgencyId,
                DepartmentId = from,
                Obligation = handOver.Obligation,
                DueAt = due,
                DetectedAt = now,
                ResolvedAt = now,
            });
        }

        return await SaveAsync(petition, ct);
    }

    /// <summary>By when the petition's current department must hand it over if it does not handle it: the limit counted from when it arrived there.</summary>
    public async Task<DateTimeOffset> HandOverDueAsync(Petition petition, CancellationToken ct)
    {
        var arrivedAt = await db.PetitionEvents.AsNoTracking()
            .Where(e => e.PetitionId == petition.Id && e.Type == PetitionEventTypes.HandedOver)
            .OrderByDescending(e => e.Id)
            .Select(e => (DateTimeOffset?)e.At)
            .FirstOrDefaultAsync(ct);
        return handOver.DueFrom(arrivedAt ?? petition.ReceivedAt, change.Clock);
    }

    public HandOverRule HandOverRule => handOver;

    private PetitionEvent Reassign(Petition petition, Guid? assigneeId, int? departmentId, string? reason, Actor actor, DateTimeOffset now, string type, HandOverWindow? window = null) =>
        change.Reassign(petition, catalog.Get(petition.WorkflowId, petition.WorkflowVersion), assigneeId, departmentId, reason, actor, now, type, window);

    private static PetitionError Closed(Petition petition) =>
        new(PetitionErrorKind.IllegalTrigger, "petition-closed", new LocalizedText($"종결된 민원({petition.ReceiptNumber})은 배정을 바꿀 수 없습니다.", $"A closed petition ({petition.ReceiptNumber}) cannot change hands."));

    private static PetitionError? ReasonError(string? reason, bool required) =>
        (required || reason is not null) && TextRules.Check(reason, IntakeLimits.Reason, multiline: true, required: required) is { } error
            ? PetitionError.Invalid("reason", error)
            : null;

    private async Task<PetitionResult<Petition>> SaveAsync(Petition petition, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PetitionError.Concurrent();
        }

        return petition;
    }
}
