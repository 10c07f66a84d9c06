using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Workflows.Effects;

/// <summary>Electronic delivery on the day it is sent (interp.): the objection period runs from it (Act §35①).</summary>
public sealed class StartsObjectionPeriod : TriggerEffect
{
    public override string Name => "starts-objection-period";

    public override LocalizedText Description { get; } = new("거부 통지를 받은 날(오늘)부터 이의신청 기간을 셉니다.", "Starts the objection period from today, the day the refusal is received.");

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today) => petition.RefusalReceivedOn = today;
}

public sealed class CountsAsObjection() : CountingEffect("counts-as-objection", RollupMeasures.ObjectionFiled, "이의신청 접수로 셉니다.", "Counts a filed objection.");

public sealed class CountsAsObjectionExtension() : CountingEffect("counts-as-objection-extension", RollupMeasures.ObjectionExtended, "이의신청 결정기간 연장으로 셉니다.", "Counts an extension of the objection decision.");

/// <summary>An objection decision, on time when made by the objection decision's due.</summary>
public abstract class ObjectionDecisionEffect(string name, string measure, string ko, string en) : CountingEffect(name, measure, ko, en)
{
    public override bool DecidesObjection => true;
}

public sealed class UpholdsObjection() : ObjectionDecisionEffect("upholds-objection", RollupMeasures.ObjectionUpheld, "이의신청 인용으로 셉니다.", "Counts an upheld objection.");

public sealed class DismissesObjection() : ObjectionDecisionEffect("dismisses-objection", RollupMeasures.ObjectionDismissed, "이의신청 기각으로 셉니다.", "Counts a dismissed objection.");
