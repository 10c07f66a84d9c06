namespace Treatment.Core.Clock;

/// <summary>Why a due could not be computed.</summary>
public enum ClockErrorCode
{
    InvalidPeriod,
    ImmediateNotCivil,
    ExclusionReversed,
    OutsideCalendar,
    ExtensionLongerThanOriginal,
    TooManyExtensions,
    SecondExtensionNeedsConsent,
    ExtensionUnitMismatch,
}

/// <summary>A refused computation with a message in Korean and in English (never an exception trace).</summary>
public sealed record ClockError(ClockErrorCode Code, string MessageKo, string MessageEn)
{
    /// <summary>Stable kebab-case code for APIs and scripts, e.g. extension-longer-than-original.</summary>
    public string Slug => string.Concat(Code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public override string ToString() => $"{MessageKo} ({MessageEn})";
}

/// <summary>Either a value or a <see cref="ClockError"/>.</summary>
public readonly struct ClockResult<T>
    where T : class
{
    private ClockResult(T? value, ClockError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ClockError? Error { get; }

    public bool IsSuccess => Error is null;

    /// <summary>The value, or an <see cref="InvalidOperationException"/> carrying the error text for callers that validated already.</summary>
    public T GetValueOrThrow() => Value ?? throw new InvalidOperationException(Error?.ToString());

    public static implicit operator ClockResult<T>(T value) => new(value, null);

    public static implicit operator ClockResult<T>(ClockError error) => new(null, error);
}
