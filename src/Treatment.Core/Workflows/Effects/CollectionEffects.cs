using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Workflows.Effects;

/// <summary>An effect that reads a period the definition declares (its <c>limits:</c>), with the clock.</summary>
public interface ILimitEffect
{
    /// <summary>The limit's name in the definition.</summary>
    string Limit { get; }

    void Apply(Petition petition, LimitDefinition limit, DateTimeOffset now, IDeadlineCalculator clock);
}

/// <summary>
/// A document to be collected in person waits the definition's collection period (Act §27④, Decree §25④: 15 days),
/// counted by the Civil Act from the day the petitioner is told it is ready (policy <c>uncollected-after-ready-notice</c>).
/// </summary>
public sealed class SetsCollectionPeriod : TriggerEffect, ILimitEffect
{
    public const string LimitName = "collectionPeriod";

    public override string Name => "sets-collection-period";

    public override LocalizedText Description { get; } = new("수령 기한(민법 계산, 첫날 불산입)을 정합니다.", "Sets the last day to collect the document (Civil Act counting, first day excluded).");

    public override IReadOnlyList<string> RequiredLimits => [LimitName];

    public string Limit => LimitName;

    public void Apply(Petition petition, LimitDefinition limit, DateTimeOffset now, IDeadlineCalculator clock) =>
        petition.StateEndsOn = clock.Compute(new DeadlineRequest(now, limit.Period, [], CountingMode.Civil, [])).GetValueOrThrow().DueDate;
}

public sealed class CountsAsUncollectedClosure() : CountingEffect("counts-as-uncollected-closure", RollupMeasures.UncollectedClosure,
    "수령하지 않은 문서의 종결로 셉니다(법 §27④, 시행령 §25④).", "Counts a closure of an uncollected document (Act §27④, Decree §25④).");
