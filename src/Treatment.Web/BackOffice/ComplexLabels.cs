using Treatment.Core.Complex;

namespace Treatment.Web.BackOffice;

/// <summary>Korean and English names of the complex petition's opinions and committee decisions.</summary>
public static class ComplexLabels
{
    public static string Of(ConsultationOpinion opinion) => opinion switch
    {
        ConsultationOpinion.Agree => L.T("동의", "Agree"),
        ConsultationOpinion.AgreeWithConditions => L.T("조건부 동의", "Agree with conditions"),
        _ => L.T("부동의", "Disagree"),
    };

    public static string Of(WorkingCommitteeDecision decision) => decision switch
    {
        WorkingCommitteeDecision.Approve => L.T("가결 (처리 가능)", "Approved"),
        WorkingCommitteeDecision.ApproveWithConditions => L.T("조건부 가결", "Approved with conditions"),
        WorkingCommitteeDecision.Reject => L.T("부결 (처리 불가)", "Rejected"),
        _ => L.T("보류 (재심의)", "Deferred"),
    };

    /// <summary>Where a consultation stands: answered (in time or late), escalated, late, or waiting.</summary>
    public static (string Text, string Css) State(ConsultationView c) => c switch
    {
        { AnsweredAt: not null, Late: false } => (L.T("회신", "Answered"), "badge ok"),
        { AnsweredAt: not null } => (L.T("지연 회신", "Answered late"), "badge atrisk"),
        { EscalatedAt: not null } => (L.T("기한 경과 · 보고됨", "Overdue · escalated"), "badge overdue"),
        { Late: true } => (L.T("기한 경과", "Overdue"), "badge overdue"),
        _ => (L.T("회신 대기", "Awaiting answer"), "badge paused"),
    };
}
