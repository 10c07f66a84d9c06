using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Workflows.Effects;

/// <summary>The supplementation due date is the one the request names (Act §22①, Decree §24①).</summary>
public sealed class SetsSupplementDue : TriggerEffect
{
    public override string Name => "sets-supplement-due";

    public override LocalizedText Description { get; } = new("보완 기한을 정하고 보완 요구로 셉니다.", "Sets the supplementation due date and counts a supplementation request.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.SupplementDueDate];

    public override string? Measure => RollupMeasures.SupplementRequest;

    public override bool MeasureByAffair => true;

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today) => petition.SupplementDueOn = inputs.SupplementDueDate;
}

/// <summary>The petitioner's request moves the supplementation due date; at most twice (Decree §24①).</summary>
public sealed class ExtendsSupplementDue : TriggerEffect
{
    public override string Name => "extends-supplement-due";

    public override LocalizedText Description { get; } = new("보완 기한을 연장하고 연장 횟수를 셉니다.", "Moves the supplementation due date and counts the extension.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.SupplementDueDate];

    public override string? Measure => RollupMeasures.SupplementExtended;

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today)
    {
        petition.SupplementExtensionCount++;
        petition.SupplementDueOn = inputs.SupplementDueDate;
    }
}

/// <summary>A re-request gives a new period counted from today (Decree §24②).</summary>
public sealed class ReRequestsSupplement : TriggerEffect
{
    public override string Name => "re-requests-supplement";

    public override LocalizedText Description { get; } = new("오늘부터 정한 일수로 보완 기한을 다시 정하고 재보완 요구로 셉니다.", "Sets the supplementation due to today plus the days given and counts a re-request.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.SupplementDays];

    public override string? Measure => RollupMeasures.SupplementReRequest;

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today) => petition.SupplementDueOn = today.AddDays(inputs.SupplementDays ?? 0);
}

public sealed class CountsAsSupplemented() : CountingEffect("counts-as-supplemented", RollupMeasures.Supplemented, "보완 완료로 셉니다.", "Counts a completed supplementation.");

public sealed class CountsAsReturned() : CountingEffect("counts-as-returned", RollupMeasures.Returned, "반려로 셉니다.", "Counts a return of the documents.");

public sealed class CountsAsDeemedWithdrawn() : CountingEffect("counts-as-deemed-withdrawn", RollupMeasures.DeemedWithdrawn, "취하 간주로 셉니다(시행령 §25).", "Counts a deemed withdrawal (Decree §25).");
