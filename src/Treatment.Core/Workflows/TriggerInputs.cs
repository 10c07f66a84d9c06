namespace Treatment.Core.Workflows;

/// <summary>What the actor supplies with a trigger; a definition names the inputs each transition requires.</summary>
public sealed record TriggerInputs
{
    public static readonly TriggerInputs Empty = new();

    public string? Reason { get; init; }

    public int? ExtensionDays { get; init; }

    /// <summary>The petitioner's consent (Decree §21②: required for a second extension).</summary>
    public bool? Consent { get; init; }

    public string? DecisionText { get; init; }

    /// <summary>Remedies stated with a refusal (Act §27③, Decree §40).</summary>
    public string? Remedies { get; init; }

    public string? TransferTarget { get; init; }

    public DateOnly? SupplementDueDate { get; init; }

    /// <summary>Length of a supplement re-request (Decree §24②: at most 10 days).</summary>
    public int? SupplementDays { get; init; }

    /// <summary>Length of a grievance field investigation or its extension (Decree §17④⑤).</summary>
    public int? InvestigationDays { get; init; }

    /// <summary>Names of the inputs a definition may require; each maps to one property above.</summary>
    public static readonly IReadOnlyList<string> KnownNames =
    [
        "reason", "extensionDays", "consent", "decisionText", "remedies", "transferTarget", "supplementDueDate",
        "supplementDays", "investigationDays",
    ];

    public bool Has(string name) => name switch
    {
        "reason" => !string.IsNullOrWhiteSpace(Reason),
        "extensionDays" => ExtensionDays is not null,
        "consent" => Consent is not null,
        "decisionText" => !string.IsNullOrWhiteSpace(DecisionText),
        "remedies" => !string.IsNullOrWhiteSpace(Remedies),
        "transferTarget" => !string.IsNullOrWhiteSpace(TransferTarget),
        "supplementDueDate" => SupplementDueDate is not null,
        "supplementDays" => SupplementDays is not null,
        "investigationDays" => InvestigationDays is not null,
        _ => false,
    };
}
