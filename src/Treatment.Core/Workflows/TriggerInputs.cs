namespace Treatment.Core.Workflows;

/// <summary>
/// What the actor supplies with a trigger; a definition names the inputs each transition requires. The one type from
/// the edge to the audit trail: the API body and the page form extend it with what the edge adds (the version read),
/// and the transition event stores it as it is.
/// </summary>
public record TriggerInputs
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

    /// <summary>The YAML names of the inputs; each maps to one property above.</summary>
    public static class Names
    {
        public const string Reason = "reason";
        public const string ExtensionDays = "extensionDays";
        public const string Consent = "consent";
        public const string DecisionText = "decisionText";
        public const string Remedies = "remedies";
        public const string TransferTarget = "transferTarget";
        public const string SupplementDueDate = "supplementDueDate";
        public const string SupplementDays = "supplementDays";
        public const string InvestigationDays = "investigationDays";
    }

    /// <summary>Names of the inputs a definition may require; each maps to one property above.</summary>
    public static readonly IReadOnlyList<string> KnownNames =
    [
        Names.Reason, Names.ExtensionDays, Names.Consent, Names.DecisionText, Names.Remedies, Names.TransferTarget,
        Names.SupplementDueDate, Names.SupplementDays, Names.InvestigationDays,
    ];

    /// <summary>No input given (a method, so that it is not stored with the inputs).</summary>
    public bool IsEmpty() =>
        Reason is null && ExtensionDays is null && Consent is null && DecisionText is null && Remedies is null
        && TransferTarget is null && SupplementDueDate is null && SupplementDays is null && InvestigationDays is null;

    public bool Has(string name) => name switch
    {
        Names.Reason => !string.IsNullOrWhiteSpace(Reason),
        Names.ExtensionDays => ExtensionDays is not null,
        Names.Consent => Consent is not null,
        Names.DecisionText => !string.IsNullOrWhiteSpace(DecisionText),
        Names.Remedies => !string.IsNullOrWhiteSpace(Remedies),
        Names.TransferTarget => !string.IsNullOrWhiteSpace(TransferTarget),
        Names.SupplementDueDate => SupplementDueDate is not null,
        Names.SupplementDays => SupplementDays is not null,
        Names.InvestigationDays => InvestigationDays is not null,
        _ => false,
    };
}
