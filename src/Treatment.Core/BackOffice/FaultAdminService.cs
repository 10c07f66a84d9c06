using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>An outbox message whose attempts ran out.</summary>
public sealed record DeadLetterRow(long Id, DateTimeOffset CreatedAt, DateTimeOffset DeadAt, string Recipient, string Subject, int Attempts, string? LastError, long? PetitionId);

/// <summary>A petition the milestone sweep set aside.</summary>
public sealed record QuarantineRow(long PetitionId, string ReceiptNumber, string Title, string Milestone, DateTimeOffset QuarantinedAt, string Error);

/// <summary>
/// What stopped and needs an admin: dead-lettered messages (resend) and quarantined petitions (release). An admin
/// sees those of the own agency's petitions; messages tied to no petition are seen by admins of central agencies.
/// </summary>
public sealed class FaultAdminService(TreatmentDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<DeadLetterRow>> DeadLettersAsync(Actor actor, CancellationToken ct)
    {
        var scoped = await ScopedMessagesAsync(actor, ct);
        return await scoped.Where(m => m.DeadAt != null)
            .OrderByDescending(m => m.DeadAt).ThenBy(m => m.Id)
            .Take(500)
            .Select(m => new DeadLetterRow(m.Id, m.CreatedAt, m.DeadAt!.Value, m.Recipient, m.Subject, m.Attempts, m.LastError, m.PetitionId))
            .ToListAsync(ct);
    }

    /// <summary>Puts a dead letter back in the queue with fresh attempts; false when it is not the admin's or not dead.</summary>
    public async Task<bool> ResendAsync(Actor actor, long messageId, CancellationToken ct)
    {
        var scoped = await ScopedMessagesAsync(actor, ct);
        var changed = await scoped.Where(m => m.Id == messageId && m.DeadAt != null && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeadAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
        return changed > 0;
    }

    public async Task<IReadOnlyList<QuarantineRow>> QuarantinedAsync(Actor actor, CancellationToken ct)
    {
        var agencyId = AdminAgency(actor);
        return await (from q in db.SweepQuarantines.AsNoTracking()
                      join p in db.Petitions on q.PetitionId equals p.Id
                      where q.ReleasedAt == null && q.AgencyId == agencyId
                      orderby q.QuarantinedAt descending
                      select new QuarantineRow(p.Id, p.ReceiptNumber, p.Title, q.Milestone, q.QuarantinedAt, q.Error))
            .Take(500)
            .ToListAsync(ct);
    }

    /// <summary>Lets the sweep take the petition again (after its data was repaired); false when none of the admin's is quarantined.</summary>
    public async Task<bool> ReleaseAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var agencyId = AdminAgency(actor);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.SweepQuarantines.Where(q => q.PetitionId == petitionId && q.ReleasedAt == null && q.AgencyId == agencyId)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.ReleasedAt, now).SetProperty(q => q.ReleasedById, actor.UserId), ct);
        if (changed == 0)
        {
            return false;
        }

        var version = await db.Petitions.Where(p => p.Id == petitionId).Select(p => p.WorkflowVersion).SingleAsync(ct);
        db.PetitionEvents.Add(new PetitionEvent { PetitionId = petitionId, At = now, Type = MilestoneEventTypes.SweepReleased, ActorId = actor.UserId, ActorName = actor.Name, WorkflowVersion = version });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<IQueryable<OutboxMessage>> ScopedMessagesAsync(Actor actor, CancellationToken ct)
    {
        var agencyId = AdminAgency(actor);
        var central = await db.Agencies.AsNoTracking().AnyAsync(a => a.Id == agencyId && a.Level == AgencyLevel.Central, ct);
        return db.OutboxMessages.Where(m => m.PetitionId == null
            ? central
            : db.Petitions.Any(p => p.Id == m.PetitionId && p.AgencyId == agencyId));
    }

    private static int AdminAgency(Actor actor)
    {
        actor.Require(Roles.Admin);
        return actor.AgencyId ?? throw new BackOfficeForbiddenException("an admin without an agency");
    }
}
