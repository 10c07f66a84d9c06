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

/// <summary>
/// The investigation lasts the days given (at most 14 by its guard, Decree §17④), its first day the day it starts
/// (policy <c>field-investigation-ends-by-itself</c>: the days are the dates the pause excludes).
/// </summary>
public sealed class SetsFieldInvestigationEnd : TriggerEffect
{
    public override string Name => "sets-field-investigation-end";

    public override LocalizedText Description { get; } = new("현지조사의 마지막 날(시작일 포함 조사 일수)을 정합니다.", "Sets the field investigation's last day (the days given, its first day included).");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.InvestigationDays];

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today) =>
        petition.StateEndsOn = today.AddDays(Math.Max(1, inputs.InvestigationDays ?? 1) - 1);
}

/// <summary>The one extension adds its days (at most 7 by its guard, Decree §17⑤) after the current last day.</summary>
public sealed class ExtendsFieldInvestigationEnd : TriggerEffect
{
    public override string Name => "extends-field-investigation-end";

    public override LocalizedText Description { get; } = new("현지조사의 마지막 날을 연장 일수만큼 늦춥니다.", "Moves the field investigation's last day by the extension's days.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.InvestigationDays];

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today) =>
        petition.StateEndsOn = (petition.StateEndsOn ?? today).AddDays(Math.Max(0, inputs.InvestigationDays ?? 0));
}

/// <summary>
/// Ending the pause: the excluded span ends on the pause's last day even when the sweep ends it later (a late sweep
/// never excludes a day more than the limit), and the limit is cleared.
/// </summary>
public sealed class EndsPauseAtItsLimit : TriggerEffect
{
    public override string Name => "ends-pause-at-its-limit";

    public override LocalizedText Description { get; } = new("제외 기간을 한도의 마지막 날에 닫습니다(스윕이 늦어도 하루도 더 빼지 않음).", "Closes the excluded span on the limit's last day (a late sweep never excludes a day more).");

    public override void Apply(Petition petition, TriggerInputs inputs, DateOnly today)
    {
        if (petition.StateEndsOn is { } last && last < today)
        {
            petition.Exclusions = petition.Exclusions.Select(s => s.To is null ? s with { To = last < s.From ? s.From : last } : s).ToList();
        }

        petition.StateEndsOn = null;
    }
}
