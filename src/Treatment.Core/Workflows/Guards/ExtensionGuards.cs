using Treatment.Core.Clock;

namespace Treatment.Core.Workflows.Guards;

/// <summary>An extension is at most the original period (Decree §21①②, rulebook §4).</summary>
public sealed class ExtensionWithinOriginalPeriodGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("연장 기간은 당초 처리기간 이내 (시행령 §21)", "Extension within the original period (Decree §21)");

    public override GuardResult Evaluate(GuardContext context)
    {
        if (!context.InputsKnown || context.Inputs.ExtensionDays is not { } days)
        {
            return GuardResult.Allow;
        }

        if (days <= 0)
        {
            return GuardResult.Refuse("연장 일수는 1일 이상이어야 합니다.", "The extension must be at least one day.");
        }

        if (context.Facts.OriginalPeriod.Unit is PeriodUnit.Months or PeriodUnit.Years)
        {
            // Policy extension-in-period-unit: a month or year period is extended in months or years.
            var original = context.Facts.OriginalPeriod;
            return days <= original.Value
                ? GuardResult.Allow
                : GuardResult.Refuse($"연장 기간 {days}{(original.Unit == PeriodUnit.Months ? "개월" : "년")}이 당초 처리기간({original})을 넘습니다.", $"An extension of {days} {original.Unit.ToString().ToLowerInvariant()} exceeds the original period ({original}).");
        }

        var max = MaximumDays(context.Facts.OriginalPeriod);
        return days <= max
            ? GuardResult.Allow
            : GuardResult.Refuse(
                $"연장 기간 {days}일이 당초 처리기간({context.Facts.OriginalPeriod}, 최대 {max}일)을 넘습니다.",
                $"An extension of {days} days exceeds the original period ({context.Facts.OriginalPeriod}, at most {max} days).");
    }

    /// <summary>Weeks/months/years count by the fewest days they can span, so an accepted extension never exceeds the original.</summary>
    public static int MaximumDays(TreatmentPeriod original) => original.Unit switch
    {
        PeriodUnit.Days => original.Value,
        PeriodUnit.Hours => original.Value / 8,
        PeriodUnit.Weeks => original.Value * 7,
        PeriodUnit.Months => original.Value * 28,
        PeriodUnit.Years => original.Value * 365,
        _ => 0,
    };
}

/// <summary>No third extension (Decree §21②).</summary>
public sealed class AtMostTwoExtensionsGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("연장은 2회까지 (시행령 §21)", "At most two extensions (Decree §21)");

    public override GuardResult Evaluate(GuardContext context) => context.Facts.ExtensionCount < 2
        ? GuardResult.Allow
        : GuardResult.Refuse("처리기간은 이미 2회 연장되어 더 연장할 수 없습니다.", "The period was already extended twice; no third extension.");
}

/// <summary>The second extension needs the petitioner's consent (Decree §21②).</summary>
public sealed class SecondExtensionRequiresConsentGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("2차 연장은 민원인 동의 필요 (시행령 §21②)", "Second extension needs the petitioner's consent (Decree §21②)");

    public override GuardResult Evaluate(GuardContext context)
    {
        if (context.Facts.ExtensionCount != 1 || !context.InputsKnown)
        {
            return GuardResult.Allow;
        }

        return context.Inputs.Consent == true
            ? GuardResult.Allow
            : GuardResult.Refuse("2차 연장에는 민원인의 동의가 필요합니다.", "A second extension needs the petitioner's consent.");
    }
}

/// <summary>
/// The second extension needs the petitioner's consent (Decree §21②), as the petitioner recorded it through a channel
/// (the consent-to-extension petitioner action) after the first extension; an official's input does not stand for it.
/// </summary>
public sealed class SecondExtensionRequiresPetitionerConsentGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("2차 연장은 민원인이 직접 기록한 동의 필요 (시행령 §21②)", "Second extension needs the consent the petitioner recorded (Decree §21②)");

    public override GuardResult Evaluate(GuardContext context) =>
        context.Facts.ExtensionCount != 1 || context.Facts.PetitionerConsentedToSecondExtension
            ? GuardResult.Allow
            : GuardResult.Refuse(
                "2차 연장에는 민원인의 동의가 필요합니다. 민원인이 첫 연장 뒤에 동의(consent-to-extension)를 기록해야 합니다.",
                "A second extension needs the petitioner's consent, recorded by the petitioner (consent-to-extension) after the first extension.");
}
