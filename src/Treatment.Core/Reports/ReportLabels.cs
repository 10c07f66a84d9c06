namespace Treatment.Core.Reports;

/// <summary>Korean labels for the identifiers in report keys (kinds, channels, figures), shown before the identifier.</summary>
public static class ReportLabels
{
    private static readonly Dictionary<string, string> Korean = new(StringComparer.Ordinal)
    {
        ["Legal"] = "법정민원", ["Inquisitive"] = "질의민원", ["Recommendatory"] = "건의민원", ["Grievance"] = "고충민원", ["Other"] = "기타민원",
        ["OnlinePortal"] = "통합전자민원창구", ["EWindow"] = "기관 전자민원창구", ["Visit"] = "방문", ["Mail"] = "우편", ["Fax"] = "팩스", ["Phone"] = "전화", ["Kiosk"] = "무인민원발급기",
        ["total"] = "합계", ["decided"] = "결정", ["on-time"] = "기한 내 처리", ["decided-late"] = "지연 결정", ["open-overdue"] = "미처리 지연", ["late"] = "지연 합계",
        ["on-time-rate"] = "기한 내 처리율(%)", ["mean-days"] = "평균 처리일(근무일)", ["median-days"] = "중앙값(근무일)", ["p90-days"] = "90백분위(근무일)",
        ["statutory-days"] = "법정 처리기간(근무일)", ["transferred-in"] = "이송받음", ["transferred-out"] = "이송함", ["many-person"] = "다수인관련민원",
        ["extension-1"] = "1차 연장", ["extension-2"] = "2차 연장", ["mean-extension-days"] = "평균 연장 일수", ["supplement-request"] = "보완 요구",
        ["supplement-re-request"] = "재보완 요구", ["supplemented"] = "보완 완료", ["mean-supplement-days"] = "평균 보완 기간(일)", ["returned"] = "반려",
        ["deemed-withdrawn"] = "취하 간주", ["withdrawn"] = "취하", ["granted"] = "인용", ["partly-granted"] = "일부 인용", ["refused"] = "거부", ["answered"] = "회신",
        ["objection-filed"] = "이의신청", ["objection-upheld"] = "이의신청 인용", ["objection-dismissed"] = "이의신청 기각", ["objection-decided-on-time"] = "기한 내 이의신청 결정",
        ["objection-extended"] = "이의신청 결정기간 연장", ["repeated-closure"] = "반복민원 종결", ["monthly-checks"] = "월간 점검", ["examiner-reminder"] = "민원심사관 독촉",
        ["obligation-breaches"] = "의무 기한 위반", ["supplement-requests"] = "보완 요구", ["extensions"] = "연장", ["overdue"] = "지연", ["score"] = "합계",
        ["count"] = "건수", ["days"] = "일수", ["Supplement"] = "보완", ["GrievanceFieldInvestigation"] = "고충민원 현지조사",
    };

    /// <summary>"법정민원 (Legal)" for a known identifier, the identifier itself otherwise.</summary>
    public static string Of(string key) => Korean.TryGetValue(key, out var ko) ? $"{ko} ({key})" : key;
}
