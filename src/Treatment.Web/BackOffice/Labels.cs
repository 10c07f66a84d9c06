using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;

namespace Treatment.Web.BackOffice;

/// <summary>Korean and English names of the enums shown on screens.</summary>
public static class Labels
{
    public static string Of(PetitionKind kind) => kind switch
    {
        PetitionKind.Legal => L.T("법정민원", "Legal"),
        PetitionKind.Inquisitive => L.T("질의민원", "Inquiry"),
        PetitionKind.Recommendatory => L.T("건의민원", "Recommendation"),
        PetitionKind.Grievance => L.T("고충민원", "Grievance"),
        PetitionKind.PriorExamination => L.T("사전심사청구", "Prior examination"),
        _ => L.T("기타민원", "Other"),
    };

    public static string Of(Channel channel) => channel switch
    {
        Channel.OnlinePortal => L.T("통합전자민원창구", "Online portal"),
        Channel.EWindow => L.T("기관 전자민원창구", "Agency e-window"),
        Channel.Visit => L.T("방문", "Visit"),
        Channel.Mail => L.T("우편", "Mail"),
        Channel.Fax => L.T("팩스", "Fax"),
        Channel.Phone => L.T("전화", "Phone"),
        _ => L.T("무인민원발급기", "Kiosk"),
    };

    public static string Role(string role) => role switch
    {
        Roles.Official => L.T("민원 담당자", "Official"),
        Roles.Supervisor => L.T("감독자", "Supervisor"),
        Roles.Examiner => L.T("민원심사관", "Examiner"),
        Roles.Analyst => L.T("분석 담당자", "Analyst"),
        Roles.Admin => L.T("관리자", "Admin"),
        _ => role,
    };

    /// <summary>An obligation or milestone by its planned name ("transfer-window", "progress-notice@2"); unknown names stay as they are.</summary>
    public static string Milestone(string plannedName) => L.T(CodeTitles.Milestone(plannedName));

    public static string Css(DueLevel level) => level switch
    {
        DueLevel.Overdue => "badge overdue",
        DueLevel.AtRisk => "badge atrisk",
        DueLevel.Paused => "badge paused",
        DueLevel.OnTrack => "badge ok",
        _ => "badge none",
    };
}
