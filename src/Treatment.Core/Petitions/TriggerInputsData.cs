namespace Treatment.Core.Petitions;

/// <summary>The inputs of a transition as kept in its audit event (JSON), so that a later notice can quote the decision.</summary>
public sealed record TriggerInputsData(
    string? Reason,
    int? ExtensionDays,
    bool? Consent,
    string? DecisionText,
    string? Remedies,
    string? TransferTarget,
    DateOnly? SupplementDueDate,
    int? SupplementDays,
    int? InvestigationDays)
{
    public static readonly TriggerInputsData Empty = new(null, null, null, null, null, null, null, null, null);
}
