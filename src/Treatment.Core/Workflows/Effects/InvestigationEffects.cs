using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Workflows.Effects;

public sealed class CountsAsFieldInvestigation() : CountingEffect("counts-as-field-investigation", RollupMeasures.FieldInvestigation, "현지 조사로 셉니다.", "Counts a field investigation.");

/// <summary>The guard on a second extension of a field investigation reads this count.</summary>
public sealed class CountsFieldInvestigationExtension : TriggerEffect
{
    public override string Name => "counts-field-investigation-extension";

    public override LocalizedText Description { get; } = new("현지 조사 연장 횟수를 셉니다.", "Counts the extensions of the field investigation.");

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today) => petition.FieldInvestigationExtensionCount++;
}
