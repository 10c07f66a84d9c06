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
