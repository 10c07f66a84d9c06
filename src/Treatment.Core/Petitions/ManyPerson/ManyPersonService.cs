using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions.ManyPerson;

/// <summary>A representative as given by an official or a channel at intake (Decree §8).</summary>
public sealed record RepresentativeInput(string Name, string? Phone, string? Address);

/// <summary>What the petition page shows of a joint petition: the roster, the representatives and the merged group.</summary>
public sealed record ManyPersonView(
    int Signers, int Households, DateTimeOffset? RosterReceivedAt, bool IsManyPerson,
    IReadOnlyList<PetitionRepresentative> Representatives, string? MergedIntoReceiptNumber, long? MergedIntoPetitionId,
    IReadOnlyList<MergeCandidate> Members);

/// <summary>An open petition of the agency with the same workflow that may be merged (Decree §6⑥), or a member already merged.</summary>
public sealed record MergeCandidate(long PetitionId, string ReceiptNumber, string Title, DateTimeOffset ReceivedAt, double Similarity);

/// <summary>
/// Many-person petitions (Act §24, Decree §§6⑥, 8): the signer roster, at most three representatives, and merging
/// five or more petitions of the same purpose into one treated petition. Officials and supervisors in the petition's
/// scope act; any other actor gets "not found". Every change goes through <see cref="PetitionChange"/> and
/// <see cref="PetitionChangeWriter"/> (events and report facts in one transaction).
/// </summary>
public sealed class ManyPersonService(TreatmentDbContext db, WorkflowCatalog catalog, PetitionChange change, PetitionChangeWriter writer,
    NoticeIssuer notices, StandaloneNotices standaloneNotices, AgencyDirectory agencies, TimeProvider time)
{
    /// <summary>Decree §8: at most three representatives.</summary>
    public const int MaxRepresentatives = 3;

    /// <summary>Decree §6⑥: five or more petitions of the same purpose may be merged; the group counts the treated one.</summary>
    public const int MinimumGroup = 5;

    private const double CandidateThreshold = 0.3;
    private const int CandidateLimit = 50;

    private sealed record CandidateRow(long Id, string ReceiptNumber, string Title, DateTimeOffset ReceivedAt, double Similarity);

    /// <summary>The roster, representatives and merged group of a petition; null when it is out of the actor's scope.</summary>
    public async Task<ManyPersonView?> ViewAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || !actor.MaySeeInBackOffice(petition))
        {
            return null;
        }

        var representatives = await db.PetitionRepresentatives.AsNoTracking().Where(r => r.PetitionId == petitionId).OrderBy(r => r.Ordinal).ToListAsync(ct);
        var treated = petition.MergedIntoPetitionId is { } into
            ? await db.Petitions.AsNoTracking().Where(p => p.Id == into).Select(p => p.ReceiptNumber).FirstOrDefaultAsync(ct)
            : null;
        var members = await db.Petitions.AsNoTracking().Where(p => p.MergedIntoPetitionId == petitionId).OrderBy(p => p.ReceivedAt)
            .Select(p => new MergeCandidate(p.Id, p.ReceiptNumber, p.Title, p.ReceivedAt, 1)).ToListAsync(ct);
        return new ManyPersonView(petition.SignerCount, petition.HouseholdCount, petition.RosterReceivedAt,
            ManyPersonPetition.Qualifies(petition.SignerCount, petition.HouseholdCount), representatives, treated, petition.MergedIntoPetitionId, members);
    }

    /// <summary>Records or corrects the signer roster (Act §24①): signers, households and when the original roster was received.</summary>
    public async Task<PetitionResult<Petition>> RecordRosterAsync(Actor actor, long petitionId, int signers, int households, DateTimeOffset? rosterReceivedAt, string? reason, CancellationToken ct)
    {
        if (await ChangeableAsync(actor, petitionId, ct) is not { } petition)
        {
            return PetitionError.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (signers is < 1 or > 1_000_000)
        {
            errors["signerCount"] = ["서명자 수는 1명 이상입니다. (at least 1 signer)"];
        }

        if (households is < 1 or > 1_000_000 || households > signers)
        {
            errors["householdCount"] = ["세대 수는 1 이상, 서명자 수 이하입니다. (1 to the number of signers)"];
        }

        var now = time.GetUtcNow().ToUniversalTime();
        if (rosterReceivedAt is { } received && (received > now || received < petition.ArrivedAt.AddDays(-1)))
        {
            errors["rosterReceivedAt"] = ["명부 원본 접수일은 민원 접수 이후, 오늘 이전입니다. (between the petition's receipt and now)"];
        }

        if (reason is not null && TextRules.Check(reason, IntakeLimits.Reason, multiline: true, required: false) is { } reasonError)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var recorded = change.RecordRoster(petition, catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion), signers, households, rosterReceivedAt, actor, reason, now);
        db.PetitionEvents.Add(recorded);
        return await SaveAsync([(petition, recorded)], petition, ct);
    }

    /// <summary>
    /// Designates the representatives of a joint petition (Decree §8): one to three, replacing those recorded, chosen by
    /// the signers or, when they chose none within the period the agency set, by the agency.
    /// </summary>
    public async Task<PetitionResult<Petition>> DesignateRepresentativesAsync(Actor actor, long petitionId, IReadOnlyList<RepresentativeInput> representatives, RepresentativeChoice chosenBy, CancellationToken ct)
    {
        if (await ChangeableAsync(actor, petitionId, ct) is not { } petition)
        {
            return PetitionError.NotFound();
        }

        if (Validate(representatives, petition.SignerCount) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow().ToUniversalTime();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PetitionRepresentatives.RemoveRange(await db.PetitionRepresentatives.Where(r => r.PetitionId == petitionId).ToListAsync(ct));
        await db.SaveChangesAsync(ct); // the ordinals are unique: the old rows go first
        db.PetitionRepresentatives.AddRange(Rows(petitionId, representatives, chosenBy, now));
        petition.UpdatedAt = now;
        var recorded = PetitionChange.Event(petition, catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion), PetitionEventTypes.RepresentativesDesignated,
            actor.UserId, actor.Name, now, new RepresentativesData(representatives.Count, chosenBy), petition.State, petition.State);
        db.PetitionEvents.Add(recorded);
        var saved = await SaveAsync([(petition, recorded)], petition, ct);
        if (saved.IsSuccess)
        {
            await transaction.CommitAsync(ct);
        }

        return saved;
    }

    /// <summary>The representatives as rows of a new petition (intake); checked like a designation.</summary>
    public static PetitionError? Validate(IReadOnlyList<RepresentativeInput> representatives, int signers)
    {
        if (representatives.Count is < 1 or > MaxRepresentatives)
        {
            return PetitionError.Invalid("representatives", $"대표자는 1~{MaxRepresentatives}명입니다(시행령 §8). (one to {MaxRepresentatives} representatives, Decree §8)");
        }

        if (signers < 2)
        {
            return PetitionError.Invalid("representatives", "대표자는 여럿이 함께 낸 민원에만 둡니다. (representatives are for joint petitions)");
        }

        for (var i = 0; i < representatives.Count; i++)
        {
            var r = representatives[i];
            if (TextRules.Check(r.Name, IntakeLimits.Name, multiline: false, required: true) is { } nameError)
            {
                return PetitionError.Invalid($"representatives[{i}].name", nameError);
            }

            if (r.Phone is not null && TextRules.Check(r.Phone, IntakeLimits.Phone, multiline: false, required: false) is { } phoneError)
            {
                return PetitionError.Invalid($"representatives[{i}].phone", phoneError);
            }

            if (r.Address is not null && TextRules.Check(r.Address, IntakeLimits.Address, multiline: false, required: false) is { } addressError)
            {
                return PetitionError.Invalid($"representatives[{i}].address", addressError);
            }
        }

        return null;
    }

    public static IEnumerable<PetitionRepresentative> Rows(long petitionId, IReadOnlyList<RepresentativeInput> representatives, RepresentativeChoice chosenBy, DateTimeOffset now) =>
        representatives.Select((r, i) => new PetitionRepresentative
        {
            PetitionId = petitionId,
            Ordinal = i + 1,
            Name = r.Name.Trim(),
            Phone = string.IsNullOrWhiteSpace(r.Phone) ? null : r.Phone.Trim(),
            Address = string.IsNullOrWhiteSpace(r.Address) ? null : r.Address.Trim(),
            ChosenBy = chosenBy,
            DesignatedAt = now,
        });

    /// <summary>Open petitions of the agency on the same workflow, similar in title and body, that could be merged into this one.</summary>
    public async Task<IReadOnlyList<MergeCandidate>> MergeCandidatesAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || !actor.MaySeeInBackOffice(petition) || !petition.IsOpen || petition.MergedIntoPetitionId is not null)
        {
            return [];
        }

        var text = petition.Title + " " + (petition.Body.Length <= 500 ? petition.Body : petition.Body[..500]);
        var scoped = db.Petitions.AsNoTracking().InBackOfficeScope(actor).Select(p => p.Id);
        var rows = await db.Database.SqlQuery<CandidateRow>($"""
            select p.id as id, p.receipt_number as receipt_number, p.title as title, p.received_at as received_at,
                   similarity(p.title || ' ' || left(p.body, 500), {text})::float8 as similarity
            from petitions p
            where p.agency_id = {petition.AgencyId} and p.is_open and p.merged_into_petition_id is null and p.id <> {petition.Id}
              and p.workflow_id = {petition.WorkflowId}
              and not exists (select 1 from petitions m where m.merged_into_petition_id = p.id)
              and similarity(p.title || ' ' || left(p.body, 500), {text}) >= {CandidateThreshold}
            order by similarity desc, p.received_at
            limit {CandidateLimit}
            """).ToListAsync(ct);
        var rowIds = rows.Select(r => r.Id).ToList();
        var visible = await scoped.Where(id => rowIds.Contains(id)).ToListAsync(ct);
        return rows.Where(r => visible.Contains(r.Id)).Select(r => new MergeCandidate(r.Id, r.ReceiptNumber, r.Title, r.ReceivedAt, Math.Round(r.Similarity, 2))).ToList();
    }

    /// <summary>
    /// Merges petitions of the same purpose into the treated one (Decree §6⑥): the group, with members merged earlier,
    /// must reach five. Each member closes, keeps its state and tells its petitioner which petition is treated; all or none.
    /// </summary>
    public async Task<PetitionResult<int>> MergeAsync(Actor actor, long treatedId, IReadOnlyCollection<long> memberIds, string? reason, CancellationToken ct)
    {
        if (await ChangeableAsync(actor, treatedId, ct) is not { } treated)
        {
            return PetitionError.NotFound();
        }

        if (TextRules.Check(reason ?? "", IntakeLimits.Reason, multiline: true, required: true) is { } reasonError)
        {
            return PetitionError.Invalid("reason", reasonError);
        }

        var ids = memberIds.Distinct().Where(id => id != treatedId).ToList();
        if (!treated.IsOpen || treated.MergedIntoPetitionId is not null)
        {
            return PetitionError.Invalid("petitionId", "병합하여 처리할 민원은 처리 중이고 다른 민원에 병합되지 않은 것이어야 합니다. (the treated petition must be open and not merged itself)");
        }

        var members = await db.Petitions.VisibleTo(actor).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        if (ids.Count == 0 || members.Count != ids.Count)
        {
            return PetitionError.Invalid("petitionIds", "병합할 민원을 고르십시오(같은 기관에서 볼 수 있는 민원). (choose petitions you can see)");
        }

        var groupsOwn = await db.Petitions.Where(p => p.MergedIntoPetitionId != null && ids.Contains(p.MergedIntoPetitionId!.Value)).AnyAsync(ct);
        if (groupsOwn || members.Any(m => !m.IsOpen || m.MergedIntoPetitionId is not null || m.AgencyId != treated.AgencyId || m.WorkflowId != treated.WorkflowId))
        {
            return PetitionError.Invalid("petitionIds", "같은 기관·같은 종류의 처리 중인 민원만 병합할 수 있습니다(이미 병합된 민원이나 병합 그룹은 제외). (only open petitions of the same agency and kind, not merged or treating a group)");
        }

        var already = await db.Petitions.CountAsync(p => p.MergedIntoPetitionId == treatedId, ct);
        var groupSize = 1 + already + members.Count;
        if (groupSize < MinimumGroup)
        {
            return PetitionError.Invalid("petitionIds", $"같은 취지의 민원이 {MinimumGroup}건 이상일 때 병합합니다(시행령 §6⑥, 지금 {groupSize}건). (five or more petitions, Decree §6⑥; now {groupSize})");
        }

        var now = time.GetUtcNow().ToUniversalTime();
        var agency = await agencies.ByIdAsync(db, treated.AgencyId, ct);
        var recorded = new List<(Petition, PetitionEvent)>();
        foreach (var member in members.OrderBy(m => m.ReceivedAt))
        {
            var merged = change.Merge(member, catalog.TryGet(member.WorkflowId, member.WorkflowVersion), treated, groupSize, actor, reason!.Trim(), now);
            db.PetitionEvents.Add(merged);
            recorded.Add((member, merged));
            db.Notices.Add(notices.IssueStandalone(member, agency!, standaloneNotices.MergedIntoGroup,
                m => m.Set("merge", "treated_number", treated.ReceiptNumber).Set("merge", "group_size", groupSize), actor, now));
        }

        var formed = PetitionChange.GroupFormed(treated, catalog.TryGet(treated.WorkflowId, treated.WorkflowVersion), members.Select(m => m.ReceiptNumber).ToList(), actor, reason!.Trim(), now);
        db.PetitionEvents.Add(formed);
        recorded.Add((treated, formed));
        var saved = await SaveAsync(recorded, treated, ct);
        return saved.Error is { } error ? error : members.Count;
    }

    private async Task<Petition?> ChangeableAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.Official) && !actor.IsInRole(Roles.Supervisor))
        {
            return null;
        }

        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        return petition is not null && actor.MaySeeInBackOffice(petition) ? petition : null;
    }

    private async Task<PetitionResult<Petition>> SaveAsync(IEnumerable<(Petition, PetitionEvent)> recorded, Petition petition, CancellationToken ct)
    {
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
}

/// <summary>Data of a "representatives-designated" event (names stay in their table, masked on screen).</summary>
public sealed record RepresentativesData(int Count, RepresentativeChoice ChosenBy);
