using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>Classes of refusal the edge maps to HTTP statuses (400, 403, 404, 409, 422).</summary>
public enum PetitionErrorKind
{
    /// <summary>The input itself is wrong (400), with field errors.</summary>
    Invalid,

    /// <summary>Unknown, or outside the actor's agency (404: its existence is not revealed).</summary>
    NotFound,

    /// <summary>The actor's role may not do this (403).</summary>
    Forbidden,

    /// <summary>The trigger does not exist from the current state (409).</summary>
    IllegalTrigger,

    /// <summary>Someone else changed the petition first, or an idempotency key was reused with another body (409).</summary>
    Conflict,

    /// <summary>A statutory rule refuses it, e.g. an extension longer than the original period (422).</summary>
    RuleBroken,
}

/// <summary>A refused petition operation: a stable code, a message in Korean and English, and field errors for invalid input.</summary>
public sealed record PetitionError(PetitionErrorKind Kind, string Code, LocalizedText Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static PetitionError NotFound() =>
        new(PetitionErrorKind.NotFound, "petition-not-found", new LocalizedText("민원을 찾을 수 없습니다.", "The petition was not found."));

    public static PetitionError Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new(PetitionErrorKind.Invalid, "invalid-input", new LocalizedText("입력값이 올바르지 않습니다.", "The input is not valid."), fields);

    public static PetitionError Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A petition merged into another (Decree §6⑥) is treated only through that one.</summary>
    public static PetitionError Merged() =>
        new(PetitionErrorKind.IllegalTrigger, "petition-merged", new LocalizedText("병합된 민원입니다. 병합하여 처리하는 민원에서 처리하십시오.", "This petition is merged; treat the petition it was merged into."));

    public static PetitionError Concurrent() =>
        new(PetitionErrorKind.Conflict, "concurrent-change", new LocalizedText("다른 사용자가 먼저 이 민원을 변경했습니다. 다시 불러온 뒤 시도하십시오.", "Someone else changed this petition first; reload and try again."));
}

/// <summary>Either a value or a <see cref="PetitionError"/>; domain refusals are results, not exceptions.</summary>
public readonly struct PetitionResult<T>
{
    private PetitionResult(T? value, PetitionError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public PetitionError? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator PetitionResult<T>(T value) => new(value, null);

    public static implicit operator PetitionResult<T>(PetitionError error) => new(default, error);
}

/// <summary>Refusals shared by the change path's callers: the workflow's own, and bad trigger inputs.</summary>
public static class PetitionErrors
{
    public static PetitionError FromWorkflow(WorkflowDomainError error) => error.Kind switch
    {
        WorkflowErrorKind.IllegalTrigger => new PetitionError(PetitionErrorKind.IllegalTrigger, "illegal-trigger", error.Message),
        WorkflowErrorKind.RoleNotAllowed => new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", error.Message),
        WorkflowErrorKind.MissingInput => new PetitionError(PetitionErrorKind.Invalid, "missing-input", error.Message,
            new Dictionary<string, string[]> { ["inputs"] = [error.Message.Ko + " (" + error.Message.En + ")"] }),
        _ => new PetitionError(PetitionErrorKind.RuleBroken, "guard-refused", error.Message),
    };

    /// <summary>Trigger inputs within the intake limits (<see cref="IntakeLimits"/>); null when all are.</summary>
    public static PetitionError? InInputs(TriggerInputs inputs)
    {
        var fields = new Dictionary<string, string[]>();
        void Text(string name, string? value, int max)
        {
            if (value is not null && TextRules.Check(value, max, multiline: true, required: false) is { } message)
            {
                fields[name] = [message];
            }
        }

        Text("reason", inputs.Reason, IntakeLimits.Reason);
        Text("decisionText", inputs.DecisionText, IntakeLimits.Reason);
        Text("remedies", inputs.Remedies, IntakeLimits.Reason);
        Text("transferTarget", inputs.TransferTarget, IntakeLimits.Title);
        if (inputs.ExtensionDays is < 1 or > IntakeLimits.MaxDays)
        {
            fields["extensionDays"] = [$"1~{IntakeLimits.MaxDays}일이어야 합니다. (1 to {IntakeLimits.MaxDays} days)"];
        }

        if (inputs.SupplementDays is < 1 or > IntakeLimits.MaxDays)
        {
            fields["supplementDays"] = [$"1~{IntakeLimits.MaxDays}일이어야 합니다. (1 to {IntakeLimits.MaxDays} days)"];
        }

        if (inputs.InvestigationDays is < 1 or > IntakeLimits.MaxDays)
        {
            fields["investigationDays"] = [$"1~{IntakeLimits.MaxDays}일이어야 합니다. (1 to {IntakeLimits.MaxDays} days)"];
        }

        return fields.Count == 0 ? null : PetitionError.Invalid(fields);
    }
}
