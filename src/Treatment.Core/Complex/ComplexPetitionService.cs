using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Complex;

/// <summary>What a 민원실무심의회 meeting records (Decree §36).</summary>
public sealed record WorkingCommitteeInput(DateTimeOffset HeldAt, IReadOnlyList<string> Members, bool JointSiteCheck, string? SiteCheckNotes, WorkingCommitteeDecision Decision, string DecisionText);

/// <summary>
/// Complex petitions (복합민원, Act §§31–34, decision 022): designation with the lead department, consultations of
/// related departments and agencies, the guide official, the working committee's meetings and the request for
/// re-deliberation by the coordination committee. Every action checks role and scope here; every record appends an
/// audit event in the one event shape (<see cref="PetitionChange.Event"/>); the petition's state and clock are not
/// changed (the workflow's own triggers decide the petition).
/// </summary>
public sealed partial class ComplexPetitionService(TreatmentDbContext db, ComplexPetitionRule rule, IDeadlineCalculator clock, WorkflowCatalog catalog, TimeProvider time,
    Committee.CommitteeService committee)
{
    public const int TextLength = 2000;
    public const int MemberLength = 100;
    public const int MaxMembers = 30;

    /// <summary>
    /// Designates an open legal petition a complex petition; its department becomes the lead department (policy
    /// complex-lead-is-treating-department: another lead is reached by the hand-over first).
    /// </summary>
    public async Task<PetitionResult<ComplexPetition>> DesignateAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var petition = await InScopeAsync(actor, petitionId, ct);
        if (petition is null || !MayManage(actor, petition, petition.DepartmentId))
        {
            return PetitionError.NotFound();
        }

        if (petition.Kind != PetitionKind.Legal || !petition.IsOpen || petition.DepartmentId is not { } lead)
        {
            return Rule("not-complex-eligible", "처리 중인 법정민원만 복합민원으로 지정할 수 있습니다 (법 제31조).", "Only an open legal petition with a department can be a complex petition (Act §31).");
        }

        if (await db.ComplexPetitions.AnyAsync(c => c.PetitionId == petitionId, ct))
        {
            return Rule("already-complex", "이미 복합민원으로 지정되었습니다.", "Already designated a complex petition.");
        }

        var now = Now();
        var complex = new ComplexPetition { PetitionId = petitionId, LeadDepartmentId = lead, DesignatedById = actor.UserId, DesignatedByName = actor.Name, DesignatedAt = now };
        db.ComplexPetitions.Add(complex);
        db.PetitionEvents.Add(Event(petition, PetitionEventTypes.ComplexDesignated, actor, now, new ComplexDesignatedData(lead), null));
        await db.SaveChangesAsync(ct);
        return complex;
    }

    /// <summary>Asks a related department (of this or another agency) for its opinion, with a due (policy consultation-due-default).</summary>
    public async Task<PetitionResult<Consultation>> RequestConsultationAsync(Actor actor, long petitionId, int departmentId, string? question, string? period, CancellationToken ct)
    {
        var (petition, complex, error) = await ManagedAsync(actor, petitionId, ct);
        if (error is not null)
        {
            return error;
        }

        var fields = new Dictionary<string, string[]>();
        var text = question?.Trim() ?? "";
        if (text.Length == 0 || text.Length > TextLength || TextRules.HasForbiddenCharacters(text, multiline: true))
        {
            fields["question"] = [$"협의 내용을 {TextLength}자 이내로 적으십시오. (Write the question, at most {TextLength} characters.)"];
        }

        TreatmentPeriod? asked = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!TreatmentPeriod.TryParse(period.Trim(), out var parsed) || parsed.Unit is not (PeriodUnit.Hours or PeriodUnit.Days) || parsed.Value < 1)
            {
                fields["period"] = ["기간은 시간(예: 8h) 또는 일(예: 3d)로 적으십시오. (A period in hours such as 8h or days such as 3d.)"];
            }
            else
            {
                asked = parsed;
            }
        }

        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null || department.Id == complex!.LeadDepartmentId)
        {
            fields["departmentId"] = ["주무부서가 아닌 관계 부서·기관을 고르십시오. (Choose a related department other than the lead department.)"];
        }

        if (fields.Count > 0)
        {
            return PetitionError.Invalid(fields);
        }

        if (await db.Consultations.AnyAsync(c => c.PetitionId == petitionId && c.DepartmentId == departmentId && c.AnsweredAt == null, ct))
        {
            return Rule("consultation-open", "이 부서에 회신을 기다리는 협의가 이미 있습니다.", "A consultation of this department is already awaiting its answer.");
        }

        var now = Now();
        var consultation = new Consultation
        {
            PetitionId = petitionId,
            AgencyId = department!.AgencyId,
            DepartmentId = department.Id,
            Question = text,
            RequestedById = actor.UserId,
            RequestedByName = actor.Name,
            RequestedAt = now,
            DueAt = rule.DueFrom(now, asked, petition!.DueAt, clock),
        };
        db.Consultations.Add(consultation);
        db.PetitionEvents.Add(Event(petition, PetitionEventTypes.ConsultationRequested, actor, now,
            new ConsultationRequestedData(department.Id, department.AgencyId, consultation.DueAt, (asked ?? rule.DefaultConsultationPeriod).ToString()), text));
        await db.SaveChangesAsync(ct);
        return consultation;
    }

    /// <summary>The consulted department's answer; after the due it is recorded as late (the escalation stands).</summary>
    public async Task<PetitionResult<Consultation>> AnswerAsync(Actor actor, long consultationId, ConsultationOpinion opinion, string? answer, uint? version, CancellationToken ct)
    {
        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Id == consultationId, ct);
        if (consultation is null || !consultation.IsGrantedTo(actor))
        {
            return PetitionError.NotFound();
        }

        if (!consultation.MayAnswer(actor))
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "forbidden", new LocalizedText("협의에 회신할 권한이 없습니다.", "You may not answer this consultation."));
        }

        var text = answer?.Trim() ?? "";
        if (text.Length == 0 || text.Length > TextLength || TextRules.HasForbiddenCharacters(text, multiline: true))
        {
            return PetitionError.Invalid("reply", $"회신 의견을 {TextLength}자 이내로 적으십시오. (Write the answer, at most {TextLength} characters.)");
        }

        if (!consultation.IsOpen)
        {
            return Rule("consultation-answered", "이미 회신한 협의입니다.", "This consultation was already answered.");
        }

        if (version is { } seen && seen != consultation.Version)
        {
            return PetitionError.Concurrent();
        }

        var now = Now();
        (consultation.Opinion, consultation.Answer, consultation.AnsweredAt, consultation.AnsweredById, consultation.AnsweredByName) = (opinion, text, now, actor.UserId, actor.Name);
        var petition = await db.Petitions.AsNoTracking().FirstAsync(p => p.Id == consultation.PetitionId, ct);
        db.PetitionEvents.Add(Event(petition, PetitionEventTypes.ConsultationAnswered, actor, now,
            new ConsultationAnsweredData(consultation.Id, consultation.DepartmentId, opinion, consultation.DueAt, now > consultation.DueAt), text));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PetitionError.Concurrent();
        }

        return consultation;
    }

    /// <summary>Assigns the 민원후견인: an active official of the petition's agency (Decree §37).</summary>
    public async Task<PetitionResult<ComplexPetition>> AssignGuideAsync(Actor actor, long petitionId, Guid guideUserId, CancellationToken ct)
    {
        var (petition, complex, error) = await ManagedAsync(actor, petitionId, ct, tracked: true);
        if (error is not null)
        {
            return error;
        }

        var guide = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == guideUserId && u.IsActive && u.AgencyId == petition!.AgencyId, ct);
        if (guide is null)
        {
            return PetitionError.Invalid("guideUserId", "이 기관의 재직 중인 공무원을 고르십시오. (Choose an active official of this agency.)");
        }

        var now = Now();
        complex!.GuideUserId = guide.Id;
        db.PetitionEvents.Add(Event(petition!, PetitionEventTypes.GuideAssigned, actor, now, new GuideAssignedData(guide.Id, guide.DisplayName), null));
        await db.SaveChangesAsync(ct);
        return complex;
    }

    /// <summary>Records a meeting of the 민원실무심의회: members (the chair first), joint site check and decision.</summary>
    public async Task<PetitionResult<WorkingCommitteeMeeting>> RecordMeetingAsync(Actor actor, long petitionId, WorkingCommitteeInput input, CancellationToken ct)
    {
        var (petition, _, error) = await ManagedAsync(actor, petitionId, ct);
        if (error is not null)
        {
            return error;
        }

        var members = input.Members.Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        var fields = new Dictionary<string, string[]>();
        if (members.Count == 0 || members.Count > MaxMembers || members.Any(m => m.Length > MemberLength || TextRules.HasForbiddenCharacters(m, multiline: false)))
        {
            fields["members"] = [$"위원을 한 줄에 한 명씩 {MaxMembers}명 이내로 적으십시오 (위원장 먼저). (One member a line, at most {MaxMembers}, the chair first.)"];
        }

        var decision = input.DecisionText.Trim();
        if (decision.Length == 0 || decision.Length > TextLength || TextRules.HasForbiddenCharacters(decision, multiline: true))
        {
            fields["decisionText"] = [$"심의 결과를 {TextLength}자 이내로 적으십시오. (Write the decision, at most {TextLength} characters.)"];
        }

        var notes = input.SiteCheckNotes?.Trim();
        if (notes is { Length: > TextLength })
        {
            fields["siteCheckNotes"] = [$"현장 확인 내용은 {TextLength}자 이내입니다. (At most {TextLength} characters.)"];
        }

        var now = Now();
        if (input.HeldAt > now)
        {
            fields["heldAt"] = ["개최일시는 미래일 수 없습니다. (The meeting cannot be in the future.)"];
        }

        if (fields.Count > 0)
        {
            return PetitionError.Invalid(fields);
        }

        var meeting = new WorkingCommitteeMeeting
        {
            PetitionId = petitionId,
            HeldAt = input.HeldAt.ToUniversalTime(),
            Members = members,
            JointSiteCheck = input.JointSiteCheck,
            SiteCheckNotes = string.IsNullOrEmpty(notes) ? null : notes,
            Decision = input.Decision,
            DecisionText = decision,
            RecordedById = actor.UserId,
            RecordedByName = actor.Name,
            RecordedAt = now,
        };
        db.WorkingCommitteeMeetings.Add(meeting);
        db.PetitionEvents.Add(Event(petition!, PetitionEventTypes.WorkingCommitteeHeld, actor, now,
            new WorkingCommitteeHeldData(meeting.HeldAt, members, input.JointSiteCheck, input.Decision), decision));
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>
    /// Requests re-deliberation by the 민원조정위원회 (Act §34①) of the working committee's result: recorded on the
    /// complex petition, then put on the committee's agenda as a complex-petition re-deliberation; once, after at least
    /// one meeting.
    /// </summary>
    public async Task<PetitionResult<ComplexPetition>> RequestCoordinationCommitteeAsync(Actor actor, long petitionId, string? reason, CancellationToken ct)
    {
        var (petition, complex, error) = await ManagedAsync(actor, petitionId, ct, tracked: true);
        if (error is not null)
        {
            return error;
        }

        var text = reason?.Trim() ?? "";
        if (text.Length == 0 || text.Length > TextLength || TextRules.HasForbiddenCharacters(text, multiline: true))
        {
            return PetitionError.Invalid("reason", $"재심의 요청 사유를 {TextLength}자 이내로 적으십시오. (Give the reason, at most {TextLength} characters.)");
        }

        if (!await db.WorkingCommitteeMeetings.AnyAsync(m => m.PetitionId == petitionId, ct))
        {
            return Rule("no-working-committee", "민원실무심의회 심의 결과가 있어야 재심의를 요청할 수 있습니다.", "Re-deliberation needs a working committee decision first.");
        }

        if (complex!.CoordinationCommitteeRequestedAt is not null)
        {
            return Rule("committee-requested", "이미 민원조정위원회 재심의를 요청했습니다.", "Re-deliberation was already requested.");
        }

        var now = Now();
        (complex.CoordinationCommitteeRequestedAt, complex.CoordinationCommitteeReason, complex.CoordinationCommitteeRequestedById) = (now, text, actor.UserId);
        db.PetitionEvents.Add(Event(petition!, PetitionEventTypes.CoordinationCommitteeRequested, actor, now, null, text));
        await db.SaveChangesAsync(ct);
        // Then on the committee's agenda; should this fail, the recorded request stays listed on /Supervisor/Consultations.
        db.ChangeTracker.Clear();
        var referred = await committee.ReferAsync(actor, Committee.CommitteeSubject.ComplexReDeliberation, petitionId, null, text, ct);
        return referred.Error is { } referError ? referError : complex;
    }

    /// <summary>The lead department's officials, and the agency's supervisors and admins, manage a complex petition in their scope.</summary>
    private static bool MayManage(Actor actor, Petition petition, int? leadDepartmentId) =>
        actor.MaySeeInBackOffice(petition)
        && (actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Admin) || (actor.IsInRole(Roles.Official) && actor.DepartmentId == leadDepartmentId));

    private async Task<(Petition? Petition, ComplexPetition? Complex, PetitionError? Error)> ManagedAsync(Actor actor, long petitionId, CancellationToken ct, bool tracked = false)
    {
        var petition = await InScopeAsync(actor, petitionId, ct);
        var complexes = tracked ? db.ComplexPetitions : db.ComplexPetitions.AsNoTracking();
        var complex = petition is null ? null : await complexes.FirstOrDefaultAsync(c => c.PetitionId == petitionId, ct);
        if (petition is null || complex is null || !MayManage(actor, petition, complex.LeadDepartmentId))
        {
            return (null, null, PetitionError.NotFound());
        }

        return petition.IsOpen
            ? (petition, complex, null)
            : (null, null, Rule("petition-closed", "종결된 민원입니다.", "The petition is closed."));
    }

    private async Task<Petition?> InScopeAsync(Actor actor, long petitionId, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        return petition is not null && actor.MaySeeInBackOffice(petition) ? petition : null;
    }

    private PetitionEvent Event(Petition petition, string type, Actor actor, DateTimeOffset now, object? data, string? reason)
    {
        var recorded = PetitionChange.Event(petition, catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion), type, actor.UserId, actor.Name, now, data, petition.State, petition.State);
        recorded.Reason = reason;
        return recorded;
    }

    private DateTimeOffset Now() => time.GetUtcNow().ToUniversalTime();

    private static PetitionError Rule(string code, string ko, string en) => new(PetitionErrorKind.RuleBroken, code, new LocalizedText(ko, en));
}

public sealed record ComplexDesignatedData(int LeadDepartmentId);

public sealed record ConsultationRequestedData(int DepartmentId, int AgencyId, DateTimeOffset DueAt, string Period);

public sealed record ConsultationAnsweredData(long ConsultationId, int DepartmentId, ConsultationOpinion Opinion, DateTimeOffset DueAt, bool Late);

public sealed record ConsultationOverdueData(long ConsultationId, int DepartmentId, int AgencyId, DateTimeOffset DueAt);

public sealed record GuideAssignedData(Guid GuideUserId, string GuideName);

public sealed record WorkingCommitteeHeldData(DateTimeOffset HeldAt, IReadOnlyList<string> Members, bool JointSiteCheck, WorkingCommitteeDecision Decision);
