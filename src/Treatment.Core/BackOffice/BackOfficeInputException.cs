using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

/// <summary>One field of a back-office form and what is wrong with it, in Korean and English.</summary>
public sealed record FieldError(string Field, LocalizedText Message);

/// <summary>The request is in scope but its inputs are not acceptable; the page shows the messages beside the form.</summary>
public sealed class BackOfficeInputException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message.En}")))
{
    public BackOfficeInputException(string field, string messageKo, string messageEn)
        : this([new FieldError(field, new LocalizedText(messageKo, messageEn))])
    {
    }

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
