using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Complex;

/// <summary>A consultation as shown beside the petition's clock: who was asked, by when, and what they answered.</summary>
public sealed record ConsultationView(
    long Id, long PetitionId, string AgencyName, string AgencyNameEn, string DepartmentName, string DepartmentNameEn, string Question,
    DateTimeOffset RequestedAt, DateTimeOffset DueAt, ConsultationOpinion? Opinion, string? Answer, DateTimeOffset? AnsweredAt,
    string? AnsweredByName, DateTimeOffset? EscalatedAt, bool Late, uint Version);

/// <summary>A department the lead department may consult (any agency's).</summary>
public sealed record ConsultableDepartment(int Id, string AgencyName, string NameKo, string NameEn);

/// <summary>An official who may be the guide (민원후견인).</summary>
public sealed record GuideCandidate(Guid Id, string Name);

/// <summary>The complex-petition panel of the petition page (full scope only).</summary>
public sealed record ComplexPanel(
    bool IsComplex, bool Eligible, bool MayManage, string? LeadDepartment, string? LeadDepartmentEn, string? GuideName,
    DateTimeOffset? CommitteeRequestedAt, string? CommitteeReason, DateTimeOffset? PetitionDue,
    IReadOnlyList<ConsultationView> Consultations, IReadOnlyList<WorkingCommitteeMeeting> Meetings,
    IReadOnlyList<ConsultableDepartment> Departments, IReadOnlyList<GuideCandidate> Guides, string DefaultPeriod);

/// <summary>
/// The shared part a consulted department reads (the explicit grant of <see cref="SharedPartScope"/>): title, receipt
/// number, state, due and lead department of the petition, and its own consultation — nothing else.
/// </summary>
public sealed record SharedPart(
    string ReceiptNumber, string Title, LocalizedText State, bool IsOpen, DateTimeOffset? Due, string LeadDepartment, string LeadDepartmentEn,
    ConsultationView Consultation, bool MayAnswer);

/// <summary>A row of the consultation inbox or the supervisors' late list.</summary>
public sealed record ConsultationRow(long Id, string ReceiptNumber, string Title, string DepartmentName, string DepartmentNameEn, DateTimeOffset DueAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EscalatedAt, bool Late);

public sealed partial class ComplexPetitionService
{
    /// <summary>The panel for a petition in the actor's full scope; null outside it.</summary>
    public async Task<ComplexPanel?> PanelAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var petition = await InScopeAsync(actor, petitionId, ct);
        if (petition is null)
        {
            return null;
        }

        var complex = await db.ComplexPetitions.AsNoTracking().FirstOrDefaultAsync(c => c.PetitionId == petitionId, ct);
        var lead = complex?.LeadDepartmentId ?? petition.DepartmentId;
        var mayManage = MayManage(actor, petition, lead) && petition.IsOpen;
        var leadDepartment = lead is null ? null : await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == lead, ct);
        var guide = complex?.GuideUserId is { } guideId ? await db.Users.AsNoTracking().Where(u => u.Id == guideId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        List<ConsultationView> consultations = complex is null ? [] : await ViewsAsync(db.Consultations.Where(c => c.PetitionId == petitionId), ct);
        List<WorkingCommitteeMeeting> meetings = complex is null ? [] : await db.WorkingCommitteeMeetings.AsNoTracking().Where(m => m.PetitionId == petitionId).OrderBy(m => m.HeldAt).ToListAsync(ct);
        List<ConsultableDepartment> departments = complex is null || !mayManage ? [] : await db.Departments.AsNoTracking()
            .Where(d => d.Id != complex.LeadDepartmentId)
            .OrderBy(d => d.AgencyId != petition.AgencyId).ThenBy(d => d.AgencyId).ThenBy(d => d.Id)
            .Select(d => new ConsultableDepartment(d.Id, d.Agency!.NameKo, d.NameKo, d.NameEn)).ToListAsync(ct);
        List<GuideCandidate> guides = complex is null || !mayManage ? [] : await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.AgencyId == petition.AgencyId && u.DepartmentId != null)
            .OrderBy(u => u.DepartmentId != lead).ThenBy(u => u.DisplayName)
            .Select(u => new GuideCandidate(u.Id, u.DisplayName)).ToListAsync(ct);
        return new ComplexPanel(
            complex is not null, petition.Kind == PetitionKind.Legal && petition.IsOpen && petition.DepartmentId is not null, mayManage,
            leadDepartment?.NameKo, leadDepartment?.NameEn, guide, complex?.CoordinationCommitteeRequestedAt, complex?.CoordinationCommitteeReason,
            petition.DueAt, consultations, meetings, departments, guides, rule.DefaultConsultationPeriod.ToString());
    }

    /// <summary>The shared part of the consultation's petition for a department granted it; null otherwise (404).</summary>
    public async Task<SharedPart?> SharedPartAsync(Actor actor, long consultationId, CancellationToken ct)
    {
        var consultation = await db.Consultations.AsNoTracking().GrantedTo(actor).FirstOrDefaultAsync(c => c.Id == consultationId, ct);
        if (consultation is null)
        {
            return null;
        }

        var shared = await db.Petitions.AsNoTracking().Where(p => p.Id == consultation.PetitionId)
            .Select(p => new { p.ReceiptNumber, p.Title, p.State, p.IsOpen, p.DueAt, p.WorkflowId, p.WorkflowVersion }).FirstAsync(ct);
        var lead = await db.ComplexPetitions.AsNoTracking().Where(c => c.PetitionId == consultation.PetitionId)
            .Join(db.Departments, c => c.LeadDepartmentId, d => d.Id, (c, d) => new { d.NameKo, d.NameEn }).FirstAsync(ct);
        var view = (await ViewsAsync(db.Consultations.Where(c => c.Id == consultationId), ct)).Single();
        var state = CodeTitles.State(catalog.TryGet(shared.WorkflowId, shared.WorkflowVersion), shared.State, catalog);
        return new SharedPart(shared.ReceiptNumber, shared.Title, state, shared.IsOpen, shared.DueAt, lead.NameKo, lead.NameEn, view,
            consultation.IsOpen && consultation.MayAnswer(actor));
    }

    /// <summary>The consultations asked of the actor's department (officials) or agency (supervisors, examiners, admins): open first, by due.</summary>
    public async Task<IReadOnlyList<ConsultationRow>> InboxAsync(Actor actor, bool includeAnswered, CancellationToken ct)
    {
        var granted = db.Consultations.AsNoTracking().GrantedTo(actor);
        if (!includeAnswered)
        {
            granted = granted.Where(c => c.AnsweredAt == null);
        }

        return await RowsAsync(granted.OrderBy(c => c.AnsweredAt != null).ThenBy(c => c.DueAt).Take(200), ct);
    }

    /// <summary>
    /// Late consultations a supervisor watches: open and past their due, asked of the actor's agency or asked on the
    /// actor's agency's petitions (supervisors, examiners and admins only; others get none).
    /// </summary>
    public async Task<IReadOnlyList<ConsultationRow>> LateAsync(Actor actor, CancellationToken ct)
    {
        if (actor.AgencyId is not { } agencyId || !(actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin)))
        {
            return [];
        }

        var now = Now();
        var late = db.Consultations.AsNoTracking()
            .Where(c => c.AnsweredAt == null && c.DueAt < now)
            .Where(c => c.AgencyId == agencyId || db.Petitions.Any(p => p.Id == c.PetitionId && p.AgencyId == agencyId))
            .OrderBy(c => c.DueAt).Take(200);
        return await RowsAsync(late, ct);
    }

    /// <summary>
    /// The seam for the 민원조정위원회 (Act §34①): complex petitions of the actor's agency whose re-deliberation was
    /// requested, oldest first, for the committee's register to take up.
    /// </summary>
    public async Task<IReadOnlyList<(long PetitionId, DateTimeOffset RequestedAt, string Reason)>> CoordinationCommitteeRequestsAsync(Actor actor, CancellationToken ct)
    {
        if (actor.AgencyId is not { } agencyId || !(actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Examiner) || actor.IsInRole(Roles.Admin)))
        {
            return [];
        }

        var rows = await db.ComplexPetitions.AsNoTracking()
            .Where(c => c.CoordinationCommitteeRequestedAt != null && db.Petitions.Any(p => p.Id == c.PetitionId && p.AgencyId == agencyId))
            .OrderBy(c => c.CoordinationCommitteeRequestedAt)
            .Select(c => new { c.PetitionId, c.CoordinationCommitteeRequestedAt, c.CoordinationCommitteeReason }).ToListAsync(ct);
        return rows.Select(r => (r.PetitionId, r.CoordinationCommitteeRequestedAt!.Value, r.CoordinationCommitteeReason ?? "")).ToList();
    }

    private async Task<List<ConsultationView>> ViewsAsync(IQueryable<Consultation> consultations, CancellationToken ct)
    {
        var now = Now();
        var rows = await consultations.AsNoTracking()
            .Join(db.Departments, c => c.DepartmentId, d => d.Id, (c, d) => new { c, d.NameKo, d.NameEn, Agency = d.Agency!.NameKo, AgencyEn = d.Agency!.NameEn })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.c.RequestedAt).ThenBy(r => r.c.Id).Select(r => new ConsultationView(r.c.Id, r.c.PetitionId, r.Agency, r.AgencyEn, r.NameKo, r.NameEn, r.c.Question, r.c.RequestedAt, r.c.DueAt,
            r.c.Opinion, r.c.Answer, r.c.AnsweredAt, r.c.AnsweredByName, r.c.EscalatedAt, r.c.IsLateAt(now), r.c.Version)).ToList();
    }

    private async Task<IReadOnlyList<ConsultationRow>> RowsAsync(IQueryable<Consultation> consultations, CancellationToken ct)
    {
        var now = Now();
        var rows = await consultations
            .Join(db.Petitions, c => c.PetitionId, p => p.Id, (c, p) => new { c, p.ReceiptNumber, p.Title })
            .Join(db.Departments, x => x.c.DepartmentId, d => d.Id, (x, d) => new { x.c, x.ReceiptNumber, x.Title, d.NameKo, d.NameEn })
            .ToListAsync(ct);
        // Open first, then by due (the order of the query before its joins is not kept by them).
        return rows.OrderBy(r => r.c.AnsweredAt is not null).ThenBy(r => r.c.DueAt).ThenBy(r => r.c.Id).Select(r => new ConsultationRow(r.c.Id, r.ReceiptNumber, r.Title, r.NameKo, r.NameEn, r.c.DueAt, r.c.AnsweredAt, r.c.EscalatedAt, r.c.IsLateAt(now))).ToList();
    }
}
