using Treatment.Core.Clock;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Workflows;

/// <summary>The repository's workflows/ and templates/ folders, and facts/inputs builders for the definitions.</summary>
public static class WorkflowTestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string WorkflowsFolder => Path.Combine(RepositoryRoot, "workflows");

    public static string TemplatesFolder => Path.Combine(RepositoryRoot, "templates");

    private static readonly Lazy<WorkflowCatalog> LazyCatalog = new(() => WorkflowCatalog.LoadOrThrow(WorkflowsFolder, TemplatesFolder));

    public static WorkflowCatalog Catalog => LazyCatalog.Value;

    public static readonly DateTimeOffset Now = new(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(9));

    public static PetitionFacts Facts(WorkflowDefinition definition, string state, Func<PetitionFacts, PetitionFacts>? change = null)
    {
        var facts = new PetitionFacts
        {
            WorkflowId = definition.Id,
            WorkflowVersion = definition.Version,
            State = state,
            SubKind = definition.Period.SubKinds.FirstOrDefault()?.Name,
            OriginalPeriod = definition.Period.PeriodFor(definition.Period.SubKinds.FirstOrDefault()?.Name) ?? TreatmentPeriod.Days(14),
            Now = Now,
        };
        return change is null ? facts : change(facts);
    }

    /// <summary>Every input filled with a value every guard accepts.</summary>
    public static TriggerInputs AllInputs { get; } = new()
    {
        Reason = "민원인이 서류 보완에 시간이 필요하다고 요청함",
        ExtensionDays = 3,
        Consent = true,
        DecisionText = "요청하신 사항을 검토한 결과를 알려 드립니다.",
        Remedies = "행정심판법에 따른 행정심판 또는 행정소송법에 따른 행정소송",
        TransferTarget = "국토교통부",
        SupplementDueDate = new DateOnly(2026, 3, 16),
        SupplementDays = 5,
        InvestigationDays = 5,
    };

    public static TriggerInputs Without(TriggerInputs inputs, string name) => name switch
    {
        "reason" => inputs with { Reason = null },
        "extensionDays" => inputs with { ExtensionDays = null },
        "consent" => inputs with { Consent = null },
        "decisionText" => inputs with { DecisionText = null },
        "remedies" => inputs with { Remedies = null },
        "transferTarget" => inputs with { TransferTarget = null },
        "supplementDueDate" => inputs with { SupplementDueDate = null },
        "supplementDays" => inputs with { SupplementDays = null },
        "investigationDays" => inputs with { InvestigationDays = null },
        _ => throw new ArgumentException($"no test mapping for input '{name}'"),
    };

    public sealed record GuardScenario(
        Func<PetitionFacts, PetitionFacts> AllowFacts,
        Func<PetitionFacts, PetitionFacts> RefuseFacts,
        Func<TriggerInputs, TriggerInputs> RefuseInputs);

    private static TriggerInputs Same(TriggerInputs i) => i;

    private static PetitionFacts Same(PetitionFacts f) => f;

    /// <summary>For each guard: facts that satisfy it, and facts or inputs that make it refuse.</summary>
    public static readonly IReadOnlyDictionary<string, GuardScenario> Guards = new Dictionary<string, GuardScenario>
    {
        ["ExtensionWithinOriginalPeriod"] = new(f => f with { OriginalPeriod = TreatmentPeriod.Days(14) }, f => f with { OriginalPeriod = TreatmentPeriod.Days(14) }, i => i with { ExtensionDays = 15 }),
        ["AtMostTwoExtensions"] = new(Same, f => f with { ExtensionCount = 2 }, Same),
        ["SecondExtensionRequiresConsent"] = new(Same, f => f with { ExtensionCount = 1 }, i => i with { Consent = false }),
        ["SecondExtensionRequiresPetitionerConsent"] = new(Same, f => f with { ExtensionCount = 1, PetitionerConsentedToSecondExtension = false }, Same),
        ["StateLimitPassed"] = new(f => f with { StateEndsOn = f.Today.AddDays(-1) }, f => f with { StateEndsOn = f.Today }, Same),
        ["SupplementExtensionAllowed"] = new(Same, f => f with { SupplementExtensionCount = 2 }, Same),
        ["SupplementPeriodLapsed"] = new(f => f with { SupplementPeriodLapsed = true }, f => f with { SupplementPeriodLapsed = false }, Same),
        ["SupplementReRequestWithinLimit"] = new(Same, Same, i => i with { SupplementDays = 11 }),
        ["SupplementUndeliveredTwice"] = new(f => f with { UndeliveredSupplementRequests = 2 }, f => f with { UndeliveredSupplementRequests = 1 }, Same),
        ["RepeatedPetitionClosable"] = new(f => f with { ResultNoticesOnSameMatter = 2, FilingsOnSameMatter = 3 }, f => f with { ResultNoticesOnSameMatter = 1, FilingsOnSameMatter = 3 }, Same),
        ["ManyPersonCommitteeReviewed"] = new(Same, f => f with { SignerCount = 5, HouseholdCount = 5, CommitteeReviewed = false }, Same),
        ["ObjectionWithinFilingPeriod"] = new(
            f => f with { RefusalReceivedOn = new DateOnly(2026, 2, 2), ObjectionFilingDeadline = new DateOnly(2026, 4, 3) },
            f => f with { RefusalReceivedOn = new DateOnly(2025, 12, 1), ObjectionFilingDeadline = new DateOnly(2026, 1, 30) },
            Same),
        ["ObjectionFilingPeriodOver"] = new(
            f => f with { RefusalReceivedOn = new DateOnly(2025, 12, 1), ObjectionFilingDeadline = new DateOnly(2026, 1, 30) },
            f => f with { RefusalReceivedOn = new DateOnly(2026, 2, 2), ObjectionFilingDeadline = new DateOnly(2026, 4, 3) },
            Same),
        ["ObjectionExtensionOnce"] = new(Same, f => f with { ObjectionExtensionCount = 1 }, Same),
        ["FieldInvestigationWithinLimit"] = new(Same, Same, i => i with { InvestigationDays = 15 }),
        ["FieldInvestigationExtensionOnce"] = new(Same, f => f with { FieldInvestigationExtensionCount = 1 }, Same),
        ["ImmediateIssuanceAllowed"] = new(
            f => f with { OriginalPeriod = TreatmentPeriod.Immediate, AffairAllowsImmediateIssuance = true },
            f => f with { OriginalPeriod = TreatmentPeriod.Immediate, AffairAllowsImmediateIssuance = false },
            Same),
        ["PeriodNotImmediate"] = new(f => f with { OriginalPeriod = TreatmentPeriod.Days(14) }, f => f with { OriginalPeriod = TreatmentPeriod.Immediate }, Same),
    };

    /// <summary>Facts satisfying every guard of the transition.</summary>
    public static PetitionFacts AllowingFacts(WorkflowDefinition definition, TransitionDefinition transition, string from) =>
        transition.Guards.Aggregate(Facts(definition, from), (f, g) => Guards[g].AllowFacts(f));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Treatment.sln")) && Directory.Exists(Path.Combine(dir.FullName, "workflows")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Treatment.sln with workflows/) not found above " + AppContext.BaseDirectory);
    }
}
