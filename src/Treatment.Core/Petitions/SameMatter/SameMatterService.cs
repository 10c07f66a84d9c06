using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions.SameMatter;

/// <summary>An earlier filing of the same petitioner that may be the same matter, and the official's judgement if made.</summary>
public sealed record SameMatterCandidate(
    long PetitionId, string ReceiptNumber, string Title, DateTimeOffset ReceivedAt, string State, bool IsOpen,
    int ResultNotices, double Similarity, SameMatterDecision? Decision, string? Reason);

/// <summary>What an official's judgement left on the petition: its filings and earlier result notices on the same matter.</summary>
public sealed record SameMatterCounts(int Filings, int EarlierResultNotices);

/// <summary>
/// Filings on the same matter (Act §23): earlier filings of the same petitioner at the agency are suggested by the
/// similarity of title and body (pg_trgm); an official confirms or rejects each with a reason, and only confirmed
/// links (followed through the earlier filings' own links) count the filings and result notices the close-as-repeated
/// guard reads. Duplicates arriving by transfer (Act §23②) are petitions of the agency like any other and are suggested too.
/// </summary>
public sealed class SameMatterService(TreatmentDbContext db, WorkflowCatalog catalog, TimeProvider time)
{
    /// <summary>Below this similarity an earlier filing is not suggested (one shared phrase of a long body scores about 0.2).</summary>
    public const double SuggestionThreshold = 0.3;

    private const int SuggestionLimit = 10;
    private const int ReasonLength = 500;

    // Columns in snake case: the model's naming convention applies to raw queries too.
    private sealed record CandidateRow(long Id, string ReceiptNumber, string Title, DateTimeOffset ReceivedAt, string State, bool IsOpen, int ResultNoticesSent, double Similarity, string? Decision, string? Reason);

    private sealed record CountRow(int Filings, int Notices);

    /// <summary>Earlier filings of the petitioner at the agency, judged ones first, then by similarity; null when the petition is out of scope.</summary>
    public async Task<IReadOnlyList<SameMatterCandidate>?> CandidatesAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var petition = await InScopeAsync(actor, petitionId, ct);
        if (petition is null)
        {
            return null;
        }

        var rows = await db.Database.SqlQuery<CandidateRow>($"""
            select p.id as id, p.receipt_number as receipt_number, p.title as title, p.received_at as received_at, p.state as state,
                   p.is_open as is_open, p.result_notices_sent as result_notices_sent,
                   similarity(p.title || ' ' || left(p.body, 500), {petition.Title + " " + Left(petition.Body)})::float8 as similarity,
                   l.decision as decision, l.reason as reason
            from petitions p
            left join same_matter_links l on l.petition_id = {petition.Id} and l.earlier_petition_id = p.id
            where p.agency_id = {petition.AgencyId} and (p.received_at, p.id) < ({petition.ReceivedAt.ToUniversalTime()}, {petition.Id})
              and p.petitioner_name = {petition.PetitionerName}
              and (p.petitioner_phone = {petition.PetitionerPhone} or p.petitioner_email = {petition.PetitionerEmail}
                   or (p.petitioner_phone is null and p.petitioner_email is null) or ({petition.PetitionerPhone}::text is null and {petition.PetitionerEmail}::text is null))
              and (l.id is not null or similarity(p.title || ' ' || left(p.body, 500), {petition.Title + " " + Left(petition.Body)}) >= {SuggestionThreshold})
            order by (l.id is null), similarity desc, p.received_at desc
            limit {SuggestionLimit}
            """).ToListAsync(ct);
        return rows.Select(r => new SameMatterCandidate(r.Id, r.ReceiptNumber, r.Title, r.ReceivedAt, r.State, r.IsOpen, r.ResultNoticesSent, Math.Round(r.Similarity, 2),
            r.Decision is null ? null : Enum.Parse<SameMatterDecision>(r.Decision), r.Reason)).ToList();
    }

    /// <summary>
    /// Records the official's judgement on one suggested earlier filing, recounts the petition's filings and earlier
    /// result notices from the confirmed links, and appends the audited event (who, which filing, why).
    /// </summary>
    public async Task<PetitionResult<SameMatterCounts>> JudgeAsync(Actor actor, long petitionId, long earlierPetitionId, SameMatterDecision decision, string? reason, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.Official) && !actor.IsInRole(Roles.Supervisor))
        {
            return PetitionError.NotFound();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonLength)
        {
            return PetitionError.Invalid("reason", $"판단 사유를 {ReasonLength}자 이내로 적으십시오. (Give the reason for the judgement, at most {ReasonLength} characters.)");
        }

        var candidates = await CandidatesAsync(actor, petitionId, ct);
        if (candidates is null)
        {
            return PetitionError.NotFound();
        }

        if (candidates.FirstOrDefault(c => c.PetitionId == earlierPetitionId) is not { } candidate)
        {
            return PetitionError.Invalid("earlierPetitionId", "같은 민원인의 이전 민원으로 제안된 건이 아닙니다. (Not an earlier filing suggested for this petitioner.)");
        }

        var now = time.GetUtcNow().ToUniversalTime();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var petition = await db.Petitions.FirstAsync(p => p.Id == petitionId, ct);
        var link = await db.SameMatterLinks.FirstOrDefaultAsync(l => l.PetitionId == petitionId && l.EarlierPetitionId == earlierPetitionId, ct);
        if (link is null)
        {
            link = new SameMatterLink { PetitionId = petitionId, EarlierPetitionId = earlierPetitionId, Reason = "" };
            db.SameMatterLinks.Add(link);
        }

        (link.Decision, link.Similarity, link.Reason, link.DecidedById, link.DecidedAt) = (decision, candidate.Similarity, reason.Trim(), actor.UserId, now);
        await db.SaveChangesAsync(ct);

        var counts = await CountAsync(petitionId, ct);
        petition.FilingsOnSameMatter = counts.Filings;
        petition.ResultNoticesOnEarlierFilings = counts.EarlierResultNotices;
        petition.UpdatedAt = now;
        var definition = catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion);
        var recorded = PetitionChange.Event(petition, definition, PetitionEventTypes.SameMatterJudged, actor.UserId, actor.Name, now,
            new SameMatterJudgedData(candidate.ReceiptNumber, decision, candidate.Similarity, counts.Filings, counts.EarlierResultNotices));
        recorded.Reason = reason.Trim();
        db.PetitionEvents.Add(recorded);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return counts;
    }

    /// <summary>Filings (this one and every earlier filing reached through confirmed links) and the result notices of the earlier ones.</summary>
    private async Task<SameMatterCounts> CountAsync(long petitionId, CancellationToken ct)
    {
        var row = await db.Database.SqlQuery<CountRow>($"""
            with recursive earlier(id) as (
                select earlier_petition_id from same_matter_links where petition_id = {petitionId} and decision = 'Confirmed'
                union
                select l.earlier_petition_id from same_matter_links l join earlier e on l.petition_id = e.id where l.decision = 'Confirmed'
            )
            select (1 + count(*))::int as filings, coalesce(sum(p.result_notices_sent), 0)::int as notices
            from earlier e join petitions p on p.id = e.id where p.id <> {petitionId}
            """).SingleAsync(ct);
        return new SameMatterCounts(row.Filings, row.Notices);
    }

    private async Task<Petition?> InScopeAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        return petition is not null && actor.MaySeeInBackOffice(petition) ? petition : null;
    }

    private static string Left(string body) => body.Length <= 500 ? body : body[..500];
}

/// <summary>Data of a "same-matter-judged" event.</summary>
public sealed record SameMatterJudgedData(string EarlierReceiptNumber, SameMatterDecision Decision, double Similarity, int Filings, int EarlierResultNotices);
