using System.Globalization;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

/// <summary>
/// Korean and English names of the codes stored in the audit trail and the breach list: event types, milestones (the
/// obligations and escalations of the workflow files) and, through the pinned definition, triggers and states.
/// A code without a name is shown as itself.
/// </summary>
public static class CodeTitles
{
    private static readonly Dictionary<string, LocalizedText> EventTypes = new(StringComparer.Ordinal)
    {
        [PetitionEventTypes.Received] = new("접수", "Received"),
        [MilestoneEventTypes.Transition] = new("처리", "Action"),
        [PetitionEventTypes.Reassigned] = new("담당자 변경", "Reassigned"),
        [PetitionEventTypes.RevealedPersonalData] = new("개인정보 열람", "Personal data revealed"),
        [PetitionEventTypes.WorkflowMigrated] = new("처리 절차 버전 이전", "Moved to another workflow version"),
        [PetitionEventTypes.Assigned] = new("자동 배부", "Assigned by distribution"),
        [PetitionEventTypes.Claimed] = new("담당 (내가 처리)", "Taken from the queue"),
        [PetitionEventTypes.Released] = new("부서 대기로 반납", "Handed back to the queue"),
        [PetitionEventTypes.Distributed] = new("배부", "Distributed"),
        [PetitionEventTypes.HandedOver] = new("부서 간 이관", "Handed over to another department"),
        [PetitionEventTypes.Substituted] = new("대리 지정 (부재)", "To the substitute (absence)"),
        [PetitionEventTypes.ReturnedToQueue] = new("부서 대기로 회수", "Returned to the queue"),
        [MilestoneEventTypes.Reminder] = new("기한 알림", "Reminder"),
        [MilestoneEventTypes.Overdue] = new("처리기한 경과", "Overdue"),
        [MilestoneEventTypes.Escalation] = new("보고·독촉", "Escalation"),
        [MilestoneEventTypes.ObligationBreach] = new("의무 기한 위반", "Obligation breach"),
        [MilestoneEventTypes.DueRecomputed] = new("처리기한 재계산 (공휴일 변경)", "Due recomputed (holiday change)"),
        [MilestoneEventTypes.SweepQuarantined] = new("기한 점검에서 격리", "Set aside by the deadline sweep"),
        [MilestoneEventTypes.SweepReleased] = new("기한 점검으로 되돌림", "Released to the deadline sweep"),
        [PetitionEventTypes.SameMatterJudged] = new("같은 내용 판단", "Same matter judged"),
        [PetitionEventTypes.RosterRecorded] = new("연명부 기록", "Signer roster recorded"),
        [PetitionEventTypes.RepresentativesDesignated] = new("대표자 선정", "Representatives designated"),
        [PetitionEventTypes.Merged] = new("병합 (다른 민원과 함께 처리)", "Merged into another petition"),
        [PetitionEventTypes.MergedGroupFormed] = new("병합 처리 (같은 취지 민원)", "Petitions merged into this one"),
        [PetitionEventTypes.MergedOutcomeFollowed] = new("병합 처리 결과 반영", "Outcome of the treated petition followed"),
        [PetitionEventTypes.ReferredToCommittee] = new("민원조정위원회 상정", "Put before the coordination committee"),
        [PetitionEventTypes.CommitteeHearingNotified] = new("위원회 출석·의견 제출 통지", "Petitioner asked to attend the committee or submit views"),
        [PetitionEventTypes.CommitteeDecided] = new("민원조정위원회 결정", "Committee decision"),
        [PetitionEventTypes.ComplexDesignated] = new("복합민원 지정 (주무부서)", "Designated a complex petition (lead department)"),
        [PetitionEventTypes.ConsultationRequested] = new("협의 요청", "Consultation requested"),
        [PetitionEventTypes.ConsultationAnswered] = new("협의 회신", "Consultation answered"),
        [PetitionEventTypes.ConsultationOverdue] = new("협의 기한 경과 (보고)", "Consultation overdue (escalated)"),
        [PetitionEventTypes.GuideAssigned] = new("민원후견인 지정", "Guide official assigned"),
        [PetitionEventTypes.WorkingCommitteeHeld] = new("민원실무심의회 심의", "Working committee met"),
        [PetitionEventTypes.CoordinationCommitteeRequested] = new("민원조정위원회 재심의 요청", "Re-deliberation by the coordination committee requested"),
    };

    // Milestone names of workflows/*/v*.yaml; a published file cannot gain titles (its content hash is fixed), so they live here.
    private static readonly Dictionary<string, LocalizedText> Milestones = new(StringComparer.Ordinal)
    {
        ["register-arrival"] = new("도달 민원 접수 기한", "Registration of an arrived petition"),
        ["route-to-department"] = new("처리부서 배정 기한", "Routing to the department"),
        ["transfer-window"] = new("이송 기한", "Transfer to the competent agency"),
        ["supplement-request-window"] = new("보완 요구 기한", "Supplementation request"),
        ["halfway-reminder"] = new("처리기간 절반 경과 알림", "Half of the period elapsed"),
        ["two-thirds-reminder"] = new("처리기간 3분의 2 경과 알림", "Two thirds of the period elapsed"),
        ["due"] = new("처리기한", "Due"),
        ["examiner-reminder"] = new("민원심사관 독촉 (독촉장)", "Examiner's reminder (독촉장)"),
        ["agency-head-escalation"] = new("기관장 보고", "Report to the agency head"),
        ["progress-notice"] = new("진행상황 통지", "Progress notice"),
        ["field-investigation-limit"] = new("현지조사 기간", "Field investigation's days"),
        ["collection-period"] = new("문서 수령 기간", "Document collection period"),
        // The obligation of workflows/standards/hand-over.yaml (Decree §13②), shown on the breach list.
        ["wrong-department-handover"] = new("부서 간 이관 기한", "Hand-over to the competent department"),
    };

    /// <summary>Milestone names that have a title (a test checks every workflow file's milestones against it).</summary>
    public static IReadOnlyCollection<string> KnownMilestones => Milestones.Keys;

    /// <summary>Event types that have a title.</summary>
    public static IReadOnlyCollection<string> KnownEventTypes => EventTypes.Keys;

    public static LocalizedText EventType(string type) => EventTypes.GetValueOrDefault(type) ?? new LocalizedText(type, type);

    /// <summary>A milestone or obligation by its planned name; a repeated one ("progress-notice@2") keeps its occurrence.</summary>
    /// <summary>A notice's delivery status (rulebook §3.2: "undelivered" only when returned).</summary>
    public static LocalizedText Delivery(Notices.NoticeDeliveryStatus status) => status switch
    {
        Notices.NoticeDeliveryStatus.InPerson => new("직접 교부", "handed over in person"),
        Notices.NoticeDeliveryStatus.Queued => new("발송 대기", "queued"),
        Notices.NoticeDeliveryStatus.Sent => new("발송됨", "sent"),
        Notices.NoticeDeliveryStatus.Failed => new("발송 실패(재발송 대기)", "failed (awaiting resend)"),
        _ => new("반송(송달 불능)", "returned undelivered"),
    };

    public static LocalizedText Milestone(string plannedName)
    {
        var at = plannedName.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? plannedName : plannedName[..at];
        if (!Milestones.TryGetValue(name, out var title))
        {
            return new LocalizedText(plannedName, plannedName);
        }

        return at >= 0 && int.TryParse(plannedName.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var occurrence)
            ? new LocalizedText($"{title.Ko} ({occurrence}회차)", $"{title.En} (#{occurrence})")
            : title;
    }

    /// <summary>A trigger's title in the given definition, else in any definition of the catalogue that has it.</summary>
    public static LocalizedText Trigger(WorkflowDefinition? definition, string trigger, WorkflowCatalog? catalog = null) =>
        definition?.Transitions.FirstOrDefault(t => t.Trigger == trigger)?.Title
        ?? catalog?.All.Reverse().SelectMany(d => d.Transitions).FirstOrDefault(t => t.Trigger == trigger)?.Title
        ?? new LocalizedText(trigger, trigger);

    /// <summary>A state's title in the given definition, else in any definition of the catalogue that has it.</summary>
    public static LocalizedText State(WorkflowDefinition? definition, string state, WorkflowCatalog? catalog = null) =>
        definition?.FindState(state)?.Title
        ?? catalog?.All.Reverse().Select(d => d.FindState(state)).FirstOrDefault(s => s is not null)?.Title
        ?? new LocalizedText(state, state);
}
