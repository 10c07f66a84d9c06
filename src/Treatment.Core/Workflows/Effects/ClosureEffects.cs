using Treatment.Core.Reports;

namespace Treatment.Core.Workflows.Effects;

/// <summary>The petition goes on as a new petition at the target agency, linked to this one (Act §16, Decree §13③).</summary>
public sealed class OpensTransferCopy : TriggerEffect
{
    public override string Name => "opens-transfer-copy";

    public override LocalizedText Description { get; } = new("이송받는 기관에 새 민원으로 접수하고 이송으로 셉니다.", "Opens the petition anew at the target agency and counts a transfer out.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.TransferTarget];

    public override string? Measure => RollupMeasures.TransferredOut;
}

public sealed class CountsAsWithdrawn() : CountingEffect("counts-as-withdrawn", RollupMeasures.Withdrawn, "취하로 셉니다.", "Counts a withdrawal.");

public sealed class CountsAsRepeatedClosure() : CountingEffect("counts-as-repeated-closure", RollupMeasures.RepeatedClosure, "반복민원 종결로 셉니다(법 §23).", "Counts a closure as repeated (Act §23).");

/// <summary>The treatment period's extension, counted as the first or second by the extension count after it (Decree §21).</summary>
public sealed class CountsAsExtension : TriggerEffect
{
    public override string Name => "counts-as-extension";

    public override LocalizedText Description { get; } = new("처리기간 1차·2차 연장과 그 사유로 셉니다.", "Counts a first or second extension of the treatment period and its reason.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.ExtensionDays];
}

/// <summary>Sending it discharges the definition's progress-notice milestone for one interval (Decree §23).</summary>
public sealed class DischargesProgressNotice : TriggerEffect
{
    public override string Name => "discharges-progress-notice";

    public override LocalizedText Description { get; } = new("진행상황 통지 의무(시행령 §23)를 그 주기 동안 이행한 것으로 봅니다.", "Discharges the progress-notice obligation (Decree §23) for one interval.");
}
