namespace Treatment.Core.Workflows.Guards;

/// <summary>The petitioner may ask for more time to supplement at most twice (Decree §24①).</summary>
public sealed class SupplementExtensionAllowedGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("보완기간 연장 요청은 2회까지 (시행령 §24①)", "At most two requests to extend the supplementation period (Decree §24①)");

    public override GuardResult Evaluate(GuardContext context) => context.Facts.SupplementExtensionCount < 2
        ? GuardResult.Allow
        : GuardResult.Refuse("보완기간 연장은 이미 2회 요청되었습니다.", "The supplementation period was already extended twice.");
}

/// <summary>Re-requesting supplementation or returning the documents requires the set period to have passed (Decree §24②③).</summary>
public sealed class SupplementPeriodLapsedGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("보완기간 경과 (시행령 §24)", "Supplementation period has passed (Decree §24)");

    public override GuardResult Evaluate(GuardContext context) => context.Facts.SupplementPeriodLapsed
        ? GuardResult.Allow
        : GuardResult.Refuse("보완기간이 아직 지나지 않았습니다.", "The supplementation period has not passed yet.");
}

/// <summary>A re-request fixes a period of at most 10 days (Decree §24②).</summary>
public sealed class SupplementReRequestWithinLimitGuard : WorkflowGuard
{
    public const string Limit = "supplementReRequest";

    public override LocalizedText Description { get; } = new("재보완 기간은 10일 이내 (시행령 §24②)", "Re-request period at most 10 days (Decree §24②)");

    public override IReadOnlyList<string> RequiredLimits => [Limit];

    public override GuardResult Evaluate(GuardContext context)
    {
        if (!context.InputsKnown || context.Inputs.SupplementDays is not { } days)
        {
            return GuardResult.Allow;
        }

        var max = LimitDays(context, Limit);
        return days >= 1 && days <= max
            ? GuardResult.Allow
            : GuardResult.Refuse($"재보완 기간 {days}일은 1일~{max}일이어야 합니다.", $"A re-request period of {days} days must be 1 to {max} days.");
    }
}

/// <summary>Deemed withdrawal after the request came back undelivered twice for an unclear address (Decree §25).</summary>
public sealed class SupplementUndeliveredTwiceGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("보완요구 2회 반송 (시행령 §25)", "Supplementation request returned undelivered twice (Decree §25)");

    public override GuardResult Evaluate(GuardContext context) => context.Facts.UndeliveredSupplementRequests >= 2
        ? GuardResult.Allow
        : GuardResult.Refuse(
            $"보완요구 반송은 {context.Facts.UndeliveredSupplementRequests}회로, 2회 이상이어야 취하로 볼 수 있습니다.",
            $"Only {context.Facts.UndeliveredSupplementRequests} undelivered requests; two are needed to deem the petition withdrawn.");
}
