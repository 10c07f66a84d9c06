using System.Security.Cryptography;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Workflows;

public sealed class CatalogTests
{
    private static readonly WorkflowCatalog Catalog = WorkflowTestData.Catalog;

    [Fact]
    public void Load_RepositoryFolder_AllSixKindsWithoutErrors()
    {
        var result = WorkflowLoader.LoadFolder(WorkflowTestData.WorkflowsFolder, WorkflowTestData.TemplatesFolder);

        Assert.Empty(result.Errors);
        Assert.Equal(["grievance", "inquisitive", "legal", "other", "prior-examination", "recommendatory"], result.Definitions.Select(d => d.Id).Distinct().Order());
        Assert.Equal(Directory.EnumerateFiles(WorkflowTestData.WorkflowsFolder, "v*.yaml", SearchOption.AllDirectories).Count(f => !f.EndsWith(".effects.yaml", StringComparison.Ordinal)), result.Definitions.Count);
    }

    [Fact]
    public void ContentHash_EachDefinition_IsSha256OfTheFileBytes()
    {
        foreach (var d in Catalog.All)
        {
            var bytes = File.ReadAllBytes(Path.Combine(WorkflowTestData.WorkflowsFolder, d.Id, $"v{d.Version}.yaml"));

            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), d.ContentHash);
        }
    }

    [Fact]
    public void Latest_OtherHasThreeVersionsAndLegalFour_ReturnTheNewest()
    {
        Assert.Equal(3, Catalog.Latest("other").Version);
        Assert.Equal(4, Catalog.Latest("legal").Version);
    }

    [Fact]
    public void MachineFor_PetitionPinnedToV1_KeepsV1MilestonesWhileNewPetitionsGetV2()
    {
        var v1 = Catalog.Get("other", 1);
        var latest = Catalog.Latest("other");
        var pinnedToV1 = WorkflowTestData.Facts(v1, "received");
        var newPetition = WorkflowTestData.Facts(latest, "received");
        var inputs = new TriggerInputs { TransferTarget = "서울특별시", Reason = "소관 기관" };

        var onV1 = Catalog.MachineFor(pinnedToV1).Fire(pinnedToV1, "transfer", inputs, [WorkflowRole.Official]);
        var armedV1 = Catalog.MachineFor(pinnedToV1).Definition.Milestones.Select(m => m.Name).ToList();
        var armedV2 = Catalog.MachineFor(newPetition).Definition.Milestones.Select(m => m.Name).ToList();

        Assert.True(onV1.Succeeded);
        Assert.Equal(1, Catalog.MachineFor(pinnedToV1).Definition.Version);
        Assert.DoesNotContain("two-thirds-reminder", armedV1);
        Assert.Contains("two-thirds-reminder", armedV2);
    }

    [Fact]
    public void Fire_RouteOnGrievance_ArmsMilestonesExceptDischargedObligations()
    {
        var grievance = Catalog.Latest("grievance");
        var facts = WorkflowTestData.Facts(grievance, "received");

        var outcome = new PetitionMachine(grievance).Fire(facts, "route", TriggerInputs.Empty, [WorkflowRole.Official]);

        Assert.Contains(outcome.Result!.MilestonesDischarged, m => m.Name == "route-to-department");
        Assert.DoesNotContain(outcome.Result.MilestonesArmed, m => m.Name == "route-to-department");
        Assert.Contains(outcome.Result.MilestonesArmed, m => m.Name == "examiner-reminder");
    }

    [Fact]
    public void Fire_TransitionStoppingTheClock_ArmsNoMilestone()
    {
        var grievance = Catalog.Latest("grievance");
        var facts = WorkflowTestData.Facts(grievance, "reviewing");

        var outcome = new PetitionMachine(grievance).Fire(facts, "resolve", new TriggerInputs { DecisionText = "처리 결과" }, [WorkflowRole.Official]);

        Assert.Equal(ClockEffectKind.Stop, outcome.Result!.Clock.Kind);
        Assert.Empty(outcome.Result.MilestonesArmed);
    }

    [Fact]
    public void Fire_FactsPinnedToAnotherVersion_Throws()
    {
        var v2 = Catalog.Get("other", 2);
        var pinnedToV1 = WorkflowTestData.Facts(Catalog.Get("other", 1), "received");

        Assert.Throws<ArgumentException>(() => new PetitionMachine(v2).PermittedTriggers(pinnedToV1, [WorkflowRole.Official]));
    }

    [Fact]
    public void VerifyPublishedHashes_SameHashes_NoErrors()
    {
        var known = Catalog.All.Select(d => new PublishedHash(d.Id, d.Version, d.ContentHash));

        Assert.Empty(Catalog.VerifyPublishedHashes(known));
    }

    [Fact]
    public void VerifyPublishedHashes_ChangedFile_TellsToAddNextVersion()
    {
        var known = new[] { new PublishedHash("other", 1, new string('a', 64)) };

        var errors = Catalog.VerifyPublishedHashes(known);

        var error = Assert.Single(errors);
        Assert.Equal("workflows/other/v1.yaml", error.File);
        Assert.Contains("v4.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyPublishedHashes_StoredEntityWithChangedHash_Error()
    {
        var stored = new PublishedWorkflowVersion { WorkflowId = "legal", Version = 1, ContentHash = new string('c', 64) };

        var error = Assert.Single(Catalog.VerifyPublishedHashes([stored]));

        Assert.Equal("workflows/legal/v1.yaml", error.File);
        Assert.Contains("put the change in a new file v5.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyPublishedHashes_EffectsFileChanged_NamesTheEffectsFile()
    {
        var legal = Catalog.Get("legal", 1);
        var known = new[] { new PublishedHash("legal", 1, legal.ContentHash, new string('d', 64)) };

        var error = Assert.Single(Catalog.VerifyPublishedHashes(known));

        Assert.Equal("workflows/legal/v1.effects.yaml", error.File);
        Assert.Contains("new version v5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectsHash_EachDefinition_IsSha256OfItsEffectsFile()
    {
        foreach (var d in Catalog.All)
        {
            var bytes = File.ReadAllBytes(Path.Combine(WorkflowTestData.WorkflowsFolder, d.Id, $"v{d.Version}.effects.yaml"));

            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), d.EffectsHash);
        }
    }

    [Fact]
    public void VerifyPublishedHashes_PublishedVersionMissing_Error()
    {
        var errors = Catalog.VerifyPublishedHashes([new PublishedHash("grievance", 9, new string('b', 64))]);

        Assert.Contains("missing", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanMigration_MappedUnmappedAndInvalid_OutcomePerPetition()
    {
        var source = Catalog.Get("other", 1);
        var to = Catalog.Get("other", 2);
        var fakeOld = source with { States = source.States.Add(source.States[0] with { Name = "on-hold" }) };
        OpenPetitionState[] petitions = [new(1, "received"), new(2, "on-hold"), new(3, "queued")];
        var map = new Dictionary<string, string> { ["queued"] = "waiting" };

        var plan = WorkflowMigrationPlanner.Plan(fakeOld, to, petitions, map);

        Assert.Equal(
            [
                new MigrationOutcome(1, "received", "received", MigrationOutcomeKind.Moved),
                new MigrationOutcome(2, "on-hold", null, MigrationOutcomeKind.UnmappedState),
                new MigrationOutcome(3, "queued", "waiting", MigrationOutcomeKind.InvalidTargetState),
            ],
            plan);
    }

    [Fact]
    public void PlanMigration_MapToExistingState_Moved()
    {
        var source = Catalog.Get("other", 1);
        var to = Catalog.Get("other", 2);

        var plan = WorkflowMigrationPlanner.Plan(source, to, [new OpenPetitionState(7, "received")], new Dictionary<string, string> { ["received"] = "answered" });

        Assert.Equal(new MigrationOutcome(7, "received", "answered", MigrationOutcomeKind.Moved), Assert.Single(plan));
    }

    [Fact]
    public void PlanMigration_DifferentWorkflows_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            WorkflowMigrationPlanner.Plan(Catalog.Get("other", 1), Catalog.Get("legal", 1), [], new Dictionary<string, string>()));
    }
}
