using Treatment.Core.Clock;

namespace Treatment.Core.Workflows.Guards;

/// <summary>A repeated petition may be closed once two result notices were sent and it is filed a third time (Act §23①, case #39).</summary>
public sealed class RepeatedPetitionClosableGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("반복민원: 2회 이상 결과 통지 후 3회째 제출 (법 §23①)", "Repeated petition: third filing after two result notices (Act §23①)");

    public override GuardResult Evaluate(GuardContext context)
    {
        var f = context.Facts;
        if (f.ResultNoticesOnSameMatter < 2)
        {
            return GuardResult.Refuse(
                $"같은 내용의 결과 통지가 {f.ResultNoticesOnSameMatter}회뿐입니다(2회 이상 필요).",
                $"Only {f.ResultNoticesOnSameMatter} result notices were sent on the same matter (two are needed).");
        }

        return f.FilingsOnSameMatter >= 3
            ? GuardResult.Allow
            : GuardResult.Refuse(
                $"같은 내용의 제출이 {f.FilingsOnSameMatter}회뿐입니다(3회 이상 필요).",
                $"Only {f.FilingsOnSameMatter} filings on the same matter (three are needed).");
    }
}

/// <summary>A many-person petition (Act §2(6)) is closed as repeated only after the committee's review (Decree §26).</summary>
public sealed class ManyPersonCommitteeReviewedGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("다수인관련민원은 민원조정위원회 심의 후 (시행령 §26)", "Many-person petition reviewed by the committee first (Decree §26)");

    public override GuardResult Evaluate(GuardContext context) => !context.Facts.IsManyPerson || context.Facts.CommitteeReviewed
        ? GuardResult.Allow
        : GuardResult.Refuse("다수인관련민원은 민원조정위원회 심의를 먼저 거쳐야 합니다.", "A many-person petition must be reviewed by the civil-petition coordination committee first.");
}

/// <summary>An objection is filed within 60 days of receiving the refusal (Act §35①); the deadline comes from the clock.</summary>
public sealed class ObjectionWithinFilingPeriodGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("거부처분을 받은 날부터 60일 이내 (법 §35①)", "Within 60 days of receiving the refusal (Act §35①)");

    public override GuardResult Evaluate(GuardContext context)
    {
        var f = context.Facts;
        if (f.RefusalReceivedOn is null || f.ObjectionFilingDeadline is not { } deadline)
        {
            return GuardResult.Refuse("거부처분 통지를 받은 날이 기록되지 않았습니다.", "The date the refusal was received is not recorded.");
        }

        return f.Today <= deadline
            ? GuardResult.Allow
            : GuardResult.Refuse($"이의신청 기간({deadline:yyyy-MM-dd}까지)이 지났습니다.", $"The objection period ended on {deadline:yyyy-MM-dd}.");
    }
}

/// <summary>Closing a refusal for good once the objection filing period is over.</summary>
public sealed class ObjectionFilingPeriodOverGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("이의신청 기간 경과 (법 §35①)", "Objection filing period over (Act §35①)");

    public override GuardResult Evaluate(GuardContext context) => context.Facts.ObjectionFilingDeadline is { } deadline && context.Facts.Today > deadline
        ? GuardResult.Allow
        : GuardResult.Refuse("이의신청 기간이 아직 지나지 않았습니다.", "The objection filing period is not over yet.");
}

/// <summary>The objection decision may be extended once, by at most 10 days (Decree §40②).</summary>
public sealed class ObjectionExtensionOnceGuard : WorkflowGuard
{
    public const string Limit = "objectionExtension";

    public override LocalizedText Description { get; } = new("이의신청 결정기간 1회 10일 이내 연장 (시행령 §40②)", "Objection decision extended once by at most 10 days (Decree §40②)");

    public override IReadOnlyList<string> RequiredLimits => [Limit];

    public override GuardResult Evaluate(GuardContext context)
    {
        if (context.Facts.ObjectionExtensionCount >= 1)
        {
            return GuardResult.Refuse("이의신청 결정기간은 이미 연장되었습니다.", "The objection decision was already extended.");
        }

        if (!context.InputsKnown || context.Inputs.ExtensionDays is not { } days)
        {
            return GuardResult.Allow;
        }

        var max = LimitDays(context, Limit);
        return days >= 1 && days <= max
            ? GuardResult.Allow
            : GuardResult.Refuse($"연장 기간 {days}일은 1일~{max}일이어야 합니다.", $"An extension of {days} days must be 1 to {max} days.");
    }
}

/// <summary>A grievance field investigation lasts at most 14 days (Decree §17④).</summary>
public sealed class FieldInvestigationWithinLimitGuard : WorkflowGuard
{
    public const string Limit = "fieldInvestigation";

    public override LocalizedText Description { get; } = new("현지조사 14일 이내 (시행령 §17④)", "Field investigation at most 14 days (Decree §17④)");

    public override IReadOnlyList<string> RequiredLimits => [Limit];

    public override GuardResult Evaluate(GuardContext context)
    {
        if (!context.InputsKnown || context.Inputs.InvestigationDays is not { } days)
        {
            return GuardResult.Allow;
        }

        var max = LimitDays(context, Limit);
        return days >= 1 && days <= max
            ? GuardResult.Allow
            : GuardResult.Refuse($"현지조사 기간 {days}일은 1일~{max}일이어야 합니다.", $"A field investigation of {days} days must be 1 to {max} days.");
    }
}

/// <summary>The field investigation may be extended once, by at most 7 days (Decree §17⑤).</summary>
public sealed class FieldInvestigationExtensionOnceGuard : WorkflowGuard
{
    public const string Limit = "fieldInvestigationExtension";

    public override LocalizedText Description { get; } = new("현지조사 1회 7일 이내 연장 (시행령 §17⑤)", "Field investigation extended once by at most 7 days (Decree §17⑤)");

    public override IReadOnlyList<string> RequiredLimits => [Limit];

    public override GuardResult Evaluate(GuardContext context)
    {
        if (context.Facts.FieldInvestigationExtensionCount >= 1)
        {
            return GuardResult.Refuse("현지조사 기간은 이미 연장되었습니다.", "The field investigation was already extended.");
        }

        if (!context.InputsKnown || context.Inputs.InvestigationDays is not { } days)
        {
            return GuardResult.Allow;
        }

        var max = LimitDays(context, Limit);
        return days >= 1 && days <= max
            ? GuardResult.Allow
            : GuardResult.Refuse($"연장 기간 {days}일은 1일~{max}일이어야 합니다.", $"An extension of {days} days must be 1 to {max} days.");
    }
}

/// <summary>Certificate affairs whose period is immediate and that allow it are issued automatically on receipt.</summary>
public sealed class ImmediateIssuanceAllowedGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("즉시 처리 사무로 자동 발급 허용", "Immediate affair that allows automatic issuance");

    public override GuardResult Evaluate(GuardContext context) =>
        context.Facts.OriginalPeriod.Unit == PeriodUnit.Immediate && context.Facts.AffairAllowsImmediateIssuance
            ? GuardResult.Allow
            : GuardResult.Refuse("즉시 자동 발급이 허용된 사무가 아닙니다.", "The affair does not allow immediate automatic issuance.");
}

/// <summary>Immediate petitions cannot be extended: their period is 3 working hours (Decree §19); used to keep extension off them.</summary>
public sealed class PeriodNotImmediateGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("즉시 처리 민원이 아님", "Period is not immediate");

    public override GuardResult Evaluate(GuardContext context) => context.Facts.OriginalPeriod.Unit != PeriodUnit.Immediate
        ? GuardResult.Allow
        : GuardResult.Refuse("즉시 처리 민원은 연장할 수 없습니다.", "An immediate petition cannot be extended.");
}

/// <summary>The state's own limit has run out: its last day (<see cref="PetitionFacts.StateEndsOn"/>) is past (e.g. Decree §25④).</summary>
public sealed class StateLimitPassedGuard : WorkflowGuard
{
    public override LocalizedText Description { get; } = new("기한(수령 기간 등)이 지남", "The state's own limit (such as the collection period) has passed");

    public override GuardResult Evaluate(GuardContext context) => context.Facts.StateEndsOn is { } last && context.Facts.Today > last
        ? GuardResult.Allow
        : GuardResult.Refuse(
            $"기한({context.Facts.StateEndsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"})이 아직 지나지 않았습니다.",
            $"The limit ({context.Facts.StateEndsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}) has not passed yet.");
}
