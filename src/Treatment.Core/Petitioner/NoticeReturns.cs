using Microsoft.EntityFrameworkCore;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Petitioner;

/// <summary>
/// Records a notice returned undelivered (rulebook §3.2: the address was unclear), by an official in scope or by a
/// postal or e-mail bounce a channel reports. Our own sending failures never count: they are the outbox's retries and
/// dead letters. A returned supplementation request (a notice of a transition that sets or re-sets the supplementation
/// due) counts towards deemed withdrawal (Decree §25); a bounce reported twice counts once.
/// </summary>
public sealed class NoticeReturns(TreatmentDbContext db, WorkflowCatalog catalog, PetitionChange change, Reports.RollupWriter rollups, TimeProvider time)
{
    public const string OfficialSource = "official";
    public const string BounceSource = "bounce";

    public async Task<PetitionResult<Notice>> RecordByOfficialAsync(long petitionId, long noticeId, string? reason, Actor actor, CancellationToken ct)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || !PetitionScope.CanSee(petition, actor))
        {
            return PetitionError.NotFound();
        }

        if (!(actor.IsInRole(Agencies.Roles.Official) || actor.IsInRole(Agencies.Roles.Supervisor)))
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", new LocalizedText("담당자 또는 과장만 반송을 기록할 수 있습니다.", "Only officials and supervisors record returned notices."));
        }

        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == noticeId && n.PetitionId == petitionId, ct);
        return notice is null ? PetitionError.NotFound() : await RecordAsync(petition, notice, reason, OfficialSource, actor.UserId, actor.Name, ct);
    }

    public async Task<PetitionResult<Notice>> RecordBounceAsync(string verificationCode, string? reason, string channelName, CancellationToken ct)
    {
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.VerificationCode == verificationCode.Trim(), ct);
        if (notice is null)
        {
            return PetitionError.NotFound();
        }

        var petition = await db.Petitions.FirstAsync(p => p.Id == notice.PetitionId, ct);
        return await RecordAsync(petition, notice, reason, BounceSource, null, $"반송 통보 ({channelName})", ct);
    }

    private async Task<PetitionResult<Notice>> RecordAsync(Petition petition, Notice notice, string? reason, string source, Guid? actorId, string actorName, CancellationToken ct)
    {
        if (reason is null || TextRules.Check(reason, 400, multiline: false, required: true) is { } reasonError)
        {
            return PetitionError.Invalid("reason", "반송 사유가 필요합니다(400자 이내). (the reason of the return is required, at most 400 characters)");
        }

        if (notice.ReturnedAt is not null)
        {
            return notice; // a bounce reported again counts once
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
        var transition = notice.Trigger is { } trigger ? definition.FindTransition(trigger) : null;
        var countsTowardsWithdrawal = petition.IsOpen && transition is not null && (transition.Has<SetsSupplementDue>() || transition.Has<ReRequestsSupplement>() || transition.Has<SetsCivilSupplementDue>() || transition.Has<ReRequestsCivilSupplement>());
        notice.ReturnedAt = now;
        notice.ReturnedReason = reason.Trim();
        notice.ReturnedBy = actorName;
        var recorded = change.NoticeReturned(petition, definition, new NoticeReturnedData(notice.Id, notice.Template, source, countsTowardsWithdrawal, 0), actorId, actorName, notice.ReturnedReason, now);
        db.PetitionEvents.Add(recorded);
        rollups.AddDeltas(db, petition, recorded, closesPetition: false);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PetitionError.Concurrent();
        }

        return notice;
    }
}
