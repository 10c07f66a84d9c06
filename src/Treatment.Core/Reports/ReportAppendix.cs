using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Reports;

/// <summary>
/// The appendix of the yearly report: what every figure counts and which audit events it comes from. The triggers it
/// names are read from the loaded definitions and their effects files, so a renamed or added trigger shows here as it counts.
/// </summary>
public static class ReportAppendix
{
    public static IReadOnlyList<ReportDefinition> Definitions(WorkflowCatalog catalog)
    {
        var transitions = catalog.All.SelectMany(d => d.Transitions).DistinctBy(t => t.Trigger).ToList();
        string Counting(string measure) => Quoted(transitions.Where(t => t.Effects.Any(e => e.Measure == measure)).Select(t => t.Trigger));
        string Deciding(DecisionOutcome outcome) => string.Join(", ", transitions.Where(t => t.Decision == outcome).Select(t => t.Trigger));
        var decisions = string.Join("; ", DecisionOutcomes.All
            .Where(o => transitions.Any(t => t.Decision == o))
            .Select(o => $"{Deciding(o)} → {o.Name()}"));
        var extensions = Quoted(transitions.Where(t => t.Has<CountsAsExtension>()).Select(t => t.Trigger));
        return
    [
        new("year / previous year", "모든 수치는 보고 연도와 전년도를 나란히 표시합니다. 사건은 발생 일시(한국 시간)의 연도에 속합니다(접수는 접수일, 결정은 결정일).",
            "Every figure is shown for the report year beside the previous year. An event belongs to the year of its instant in KST (receipt by the receipt date, decisions by the decision date)."),
        new("received", $"접수 건수: '{ReportFactMap.ReceivedState}' 상태에 처음 들어간 사건(법정민원은 {ReportFactMap.ArrivedState} → {ReportFactMap.ReceivedState}, 그 밖의 민원은 접수 시 생성).",
            $"Received: events entering state '{ReportFactMap.ReceivedState}' for the first time (legal: from '{ReportFactMap.ArrivedState}'; other kinds: created as received)."),
        new("transferred-in / transferred-out", $"이송받음: 다른 기관에서 이송된 민원(transferred_from_petition_id 있음)의 접수. 이송함: {Counting(RollupMeasures.TransferredOut)} 트리거.",
            $"Transferred in: receipts of petitions transferred from another agency. Transferred out: {Counting(RollupMeasures.TransferredOut)} trigger."),
        new("many-person", $"다수인관련민원: 접수 시 서명 5명 이상·5세대 이상(법 §2(6)), 접수 뒤 기록된 서명부('{PetitionEventTypes.RosterRecorded}')로 그 기준을 넘거나 밑돌게 된 민원은 그때 더하거나 뺍니다.",
            $"Many-person petitions: at least 5 signers and 5 households at receipt (Act §2(6)); a roster recorded later ('{PetitionEventTypes.RosterRecorded}') that crosses the threshold adds or removes one in its month."),
        new("merged / committee-review", $"병합: 접수 때 같은 취지의 민원 5건 이상을 하나로 병합하며 닫힌 민원('{PetitionEventTypes.Merged}', 시행령 §6⑥; 처리하는 민원 한 건만 결정으로 셉니다). 위원회 심의: 민원에 관해 기록된 민원조정위원회 결정('{PetitionEventTypes.CommitteeDecided}', 법 §34).",
            $"Merged: petitions closed by merging five or more of the same purpose on receipt ('{PetitionEventTypes.Merged}', Decree §6⑥; only the treated one counts as a decision). Committee reviews: 민원조정위원회 decisions recorded about a petition ('{PetitionEventTypes.CommitteeDecided}', Act §34)."),
        new("decided", $"결정 건수: 결정 트리거({decisions}). 통지가 아니라 결정 시점이 처리 완료 시점입니다.",
            $"Decisions: decision triggers ({decisions}). The decision, not its notice, ends treatment time."),
        new("on-time / decided-late", "기한 내 처리: 결정 시각 ≤ 그 시점의 처리기한(due_at, 연장·제외 기간 반영, 시계가 계산). 한 근무시간이라도 늦으면 지연입니다.",
            "On time: decision instant ≤ the due at that moment (due_at, with extensions and excluded periods, computed by the clock). One working hour late is late."),
        new("open-overdue", "미처리 지연: 기준 시각(보고 연도 말 또는 현재 중 이른 때)에 아직 열려 있고, 시계가 진행 중이며, 처리기한이 지난 민원. 지연으로 셉니다. 전년도 값도 현재 열려 있는 민원 기준입니다.",
            "Open overdue: petitions still open, clock running, due before the as-of instant (end of the year or now, whichever is earlier); counted as late. The previous year's value also counts petitions open today."),
        new("on-time-rate", "기한 내 처리율(%) = 기한 내 처리 ÷ (결정 + 미처리 지연) × 100, 소수 첫째 자리 반올림.", "On-time rate (%) = on time ÷ (decided + open overdue) × 100, rounded to one decimal."),
        new("mean-days / median-days / p90-days", "처리 소요 근무일: 접수일 다음 날부터 결정일까지의 근무일 수(접수 당일 결정은 0, 제외 기간 포함, 공휴일 달력 기준). 평균(소수 둘째 자리), 중앙값·90백분위는 최근접 순위.",
            "Treatment time in working days: working days after the receipt date up to and including the decision date (same day = 0; excluded periods included; government-office calendar). Mean to two decimals; median and p90 by nearest rank."),
        new("statutory-days", "법정 처리기간의 명목 근무일 평균: 시간 ÷ 8(올림), 일은 그대로, 주 5, 월 21, 년 250(해석).", "Mean statutory period in nominal working days: hours ÷ 8 (rounded up), days as stated, week 5, month 21, year 250 (interp.)."),
        new("extension-1 / extension-2", $"1차·2차 연장: {extensions} 트리거, 연장 후 연장 횟수로 구분(시행령 §21). 평균 연장 일수 = 연장 일수 합 ÷ 연장 건수.",
            $"First and second extensions: {extensions} trigger, told apart by the extension count after it (Decree §21). Mean extension days = sum of extension days ÷ extensions."),
        new("extension reasons", $"연장 사유: {extensions} 사건의 사유 문구(200자까지)별 건수.", $"Extension reasons: {extensions} events counted by their reason text (first 200 characters)."),
        new("supplement-request / re-request / supplemented", $"보완 요구: {Counting(RollupMeasures.SupplementRequest)}, 재보완: {Counting(RollupMeasures.SupplementReRequest)}, 보완 완료: {Counting(RollupMeasures.Supplemented)} 트리거.",
            $"Supplementation requests: {Counting(RollupMeasures.SupplementRequest)}; re-requests: {Counting(RollupMeasures.SupplementReRequest)}; supplemented: {Counting(RollupMeasures.Supplemented)}."),
        new("mean-supplement-days", "평균 보완 기간: 종결된 민원의 보완(Supplement) 제외 기간 일수(양 끝 포함) 합 ÷ 그 기간 수.", "Mean supplementation duration: days of Supplement excluded spans (both ends included) of petitions closed in the year ÷ number of spans."),
        new("returned / deemed-withdrawn / withdrawn", $"반려: {Counting(RollupMeasures.Returned)}, 취하 간주: {Counting(RollupMeasures.DeemedWithdrawn)}(시행령 §25), 취하: {Counting(RollupMeasures.Withdrawn)}.", $"Returns: {Counting(RollupMeasures.Returned)}; deemed withdrawals: {Counting(RollupMeasures.DeemedWithdrawn)} (Decree §25); withdrawals: {Counting(RollupMeasures.Withdrawn)}."),
        new("excluded periods", "제외 기간(유형별): 그 해에 종결된 민원의 제외 기간 수와 일수(열린 기간은 종결일까지).", "Excluded periods by type: spans and days of petitions closed in the year (an open span ends on the closing date)."),
        new("outcomes", "처리 결과: 결정 트리거별 결과(위 'decided' 참고).", "Outcomes: the outcome each decision trigger records (see 'decided')."),
        new("objections", $"이의신청: 접수 {Counting(RollupMeasures.ObjectionFiled)}, 인용 {Counting(RollupMeasures.ObjectionUpheld)}, 기각 {Counting(RollupMeasures.ObjectionDismissed)}, 기한 내 결정 = 결정 시각 ≤ 이의신청 결정기한, 연장 {Counting(RollupMeasures.ObjectionExtended)}(법 §35, 시행령 §40).",
            $"Objections: filed {Counting(RollupMeasures.ObjectionFiled)}, upheld {Counting(RollupMeasures.ObjectionUpheld)}, dismissed {Counting(RollupMeasures.ObjectionDismissed)}, decided on time = decision ≤ the objection decision due, extended {Counting(RollupMeasures.ObjectionExtended)} (Act §35, Decree §40)."),
        new("closures", $"종결 상태: 종결 사건의 최종 상태별 건수, 반복민원 종결 {Counting(RollupMeasures.RepeatedClosure)}(법 §23). 중복민원 종결: 그중 다른 기관에서 이송받은 민원(법 §23②).",
            $"Closures by final state; repeated closures {Counting(RollupMeasures.RepeatedClosure)} (Act §23). Duplicate closures: those of them transferred in from another agency (Act §23②)."),
        new("correction-demand / notice-naming-official / notice-returned", $"시정 요구: 민원인이 채널로 낸 '{PetitionEventTypes.CorrectionDemanded}' 사건(시행령 §18). 담당자 실명 기재 통지: 발급된 통지서 수(모든 통지서가 담당 부서·성명·연락처를 적음, 시행령 §31). 통지 반송: 담당자나 반송 통보로 기록된 '{PetitionEventTypes.NoticeReturned}' 사건(주소 불명 등, 발송 실패 재시도는 제외).",
            $"Correction demands: '{PetitionEventTypes.CorrectionDemanded}' events a petitioner filed through a channel (Decree §18). Notices naming the official: notices issued (every notice states the official's unit, name and contact, Decree §31). Returned notices: '{PetitionEventTypes.NoticeReturned}' events recorded by an official or a bounce (unclear address; our own send retries are not counted)."),
        new("uncollected-closure", $"미수령 문서 종결: {Counting(RollupMeasures.UncollectedClosure)}(교부 대기 15일이 지나 기한 감시 작업이나 담당자가 종결, 법 §27④, 시행령 §25④).",
            $"Uncollected closures: {Counting(RollupMeasures.UncollectedClosure)} (a document awaiting collection closed after 15 days by the sweep or an official, Act §27④, Decree §25④)."),
        new("monthly-checks", "월간 점검: 그 해의 monthly_checks 행 수(시행령 §22).", "Monthly checks: monthly_checks rows of the year (Decree §22)."),
        new("examiner-reminder", $"민원심사관 독촉: 기한 감시 작업이 남긴 '{ReportFactMap.EscalationEventType}' 사건 중 data.action이 '{ReportFactMap.ExaminerReminderAction}'인 것(시행령 §28②).", $"Examiner reminders: '{ReportFactMap.EscalationEventType}' events of the milestone sweep whose data.action is '{ReportFactMap.ExaminerReminderAction}' (Decree §28②)."),
        new("obligation-breaches", "의무 기한 위반: obligation_breaches 중 감지 시각이 그 해인 행(의무별).", "Obligation breaches: obligation_breaches rows detected in the year, by obligation."),
        new("simplification", "간소화 검토 대상: 보고 연도의 보완 요구 + 연장 + 지연(지연 결정 + 미처리 지연) 합이 큰 법정민원 사무 상위 10개(법 §41, 시행령 §48).",
            "Simplification candidates: the ten legal affairs with the highest supplementation requests + extensions + overdue (late decisions + open overdue) in the report year (Act §41, Decree §48)."),
        new("channel trend", "온라인: 통합전자민원창구(OnlinePortal)·기관 전자민원창구(EWindow), 그 밖은 오프라인. 연도별 접수 건수.", "Online: the national portal (OnlinePortal) and the agency e-window (EWindow); the rest offline. Receipts per year."),
        new("source", "수치는 연도별 집계(petition_rollup_years)와 아직 합산되지 않은 변경분(petition_rollup_deltas, 민원 변경과 같은 트랜잭션에서 기록), 미처리 지연·운영 표에서 계산합니다.",
            "Figures come from the rollup summed by year (petition_rollup_years) and the facts not yet folded into it (petition_rollup_deltas, written in the transaction of each petition change), plus the open-overdue and operations tables."),
    ];
    }

    private static string Quoted(IEnumerable<string> triggers) => string.Join(", ", triggers.Select(t => $"'{t}'"));

    /// <summary>Trigger → fact, as <see cref="RollupWriter.Facts"/> applies it, derived from the loaded definitions.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FactMap(WorkflowCatalog catalog) => ReportFactMap.Describe(catalog);
}
