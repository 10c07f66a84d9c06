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

/// <summary>An effect that needs the clock and the instant (periods by the Civil Act on the holiday calendar).</summary>
public interface IClockedEffect
{
    void Apply(Petition petition, TriggerInputs inputs, DateTimeOffset now, Clock.IDeadlineCalculator clock);
}

/// <summary>
/// Supplementation periods belong to the petitioner and run by the Civil Act (§§156–161; rulebook §3.2): the day of
/// the request is not counted, and a last day on a Saturday or holiday moves to the next working day.
/// </summary>
public static class CivilSupplementDates
{
    /// <summary>The last day of <paramref name="days"/> days from a request sent at <paramref name="sentAt"/>.</summary>
    public static DateOnly From(DateTimeOffset sentAt, int days, Clock.IDeadlineCalculator clock) =>
        clock.Compute(new Clock.DeadlineRequest(sentAt, Clock.TreatmentPeriod.Days(Math.Max(1, days)), [], Clock.CountingMode.Civil, [])).GetValueOrThrow().DueDate;

    /// <summary>More days after a current last day: the new period starts at midnight after it, so its first day counts (Civil Act §157 proviso).</summary>
    public static DateOnly After(DateOnly currentDue, int days, Clock.IDeadlineCalculator clock) =>
        From(new DateTimeOffset(currentDue.AddDays(1).ToDateTime(TimeOnly.MinValue), Clock.DeadlineCalculator.KstOffset), days, clock);
}

/// <summary>The request fixes its period in days, counted by the Civil Act (Act §22①, Decree §24①, Civil Act §§157, 161).</summary>
public sealed class SetsCivilSupplementDue : TriggerEffect, IClockedEffect
{
    public override string Name => "sets-civil-supplement-due";

    public override LocalizedText Description { get; } = new("보완 기한을 민법에 따라(첫날 불산입, 말일이 토요일·공휴일이면 다음 날) 정하고 보완 요구로 셉니다.", "Sets the supplementation due by the Civil Act (first day excluded, a last day on a Saturday or holiday rolls forward) and counts a request.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.SupplementDays];

    public override string? Measure => RollupMeasures.SupplementRequest;

    public override bool MeasureByAffair => true;

    public void Apply(Petition petition, TriggerInputs inputs, DateTimeOffset now, Clock.IDeadlineCalculator clock) =>
        petition.SupplementDueOn = CivilSupplementDates.From(now, inputs.SupplementDays ?? 0, clock);
}

/// <summary>The petitioner's request adds days after the current last day, by the Civil Act; at most twice (Decree §24①).</summary>
public sealed class ExtendsCivilSupplementDue : TriggerEffect, IClockedEffect
{
    public override string Name => "extends-civil-supplement-due";

    public override LocalizedText Description { get; } = new("보완 기한 다음 날부터 요청한 일수를 민법에 따라 더하고 연장 횟수를 셉니다.", "Adds the days asked for after the current supplementation due, by the Civil Act, and counts the extension.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.SupplementDays];

    public override string? Measure => RollupMeasures.SupplementExtended;

    public void Apply(Petition petition, TriggerInputs inputs, DateTimeOffset now, Clock.IDeadlineCalculator clock)
    {
        petition.SupplementExtensionCount++;
        var current = petition.SupplementDueOn ?? PetitionClock.KoreanDate(now);
        petition.SupplementDueOn = CivilSupplementDates.After(current, inputs.SupplementDays ?? 0, clock);
    }
}

/// <summary>A re-request gives at most 10 days from its sending, by the Civil Act (Decree §24②).</summary>
public sealed class ReRequestsCivilSupplement : TriggerEffect, IClockedEffect
{
    public override string Name => "re-requests-civil-supplement";

    public override LocalizedText Description { get; } = new("재보완 기한을 민법에 따라 정하고 재보완 요구로 셉니다.", "Sets the re-request's due by the Civil Act and counts a re-request.");

    public override IReadOnlyList<string> RequiredInputs => [TriggerInputs.Names.SupplementDays];

    public override string? Measure => RollupMeasures.SupplementReRequest;

    public void Apply(Petition petition, TriggerInputs inputs, DateTimeOffset now, Clock.IDeadlineCalculator clock) =>
        petition.SupplementDueOn = CivilSupplementDates.From(now, inputs.SupplementDays ?? 0, clock);
}
