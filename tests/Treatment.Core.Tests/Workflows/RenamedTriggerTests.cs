using System.Text;
using Treatment.Core.Generation;
using Treatment.Core.Reports;
using Treatment.Core.Tests.Generation;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Workflows;

/// <summary>
/// Trigger names belong to the workflow files: renaming every trigger of every definition and effects file must change
/// nothing but the names — the same transitions, clock, effects, decisions, notices and report figures.
/// </summary>
public sealed class RenamedTriggerTests(GeneratorFixture fixture) : IClassFixture<GeneratorFixture>
{
    private static WorkflowCatalog Load(string folder) => WorkflowCatalog.LoadOrThrow(folder, WorkflowTestData.TemplatesFolder);

    [Fact]
    public void Load_EveryTriggerRenamed_SameTransitionsEffectsDecisionsAndNotices()
    {
        // Arrange
        using var renamed = new RenamedTriggers(WorkflowTestData.WorkflowsFolder);

        // Act
        var copy = Load(renamed.Folder);

        // Assert
        Assert.Equal(38, renamed.Map.Count);
        foreach (var original in WorkflowTestData.Catalog.All)
        {
            var other = copy.Get(original.Id, original.Version);
            Assert.Equal(original.ResultNotice, other.ResultNotice);
            Assert.Equal(original.Transitions.Length, other.Transitions.Length);
            foreach (var (a, b) in original.Transitions.Zip(other.Transitions))
            {
                Assert.Equal(renamed.Renamed(a.Trigger), b.Trigger);
                Assert.Equal(string.Join(",", a.From), string.Join(",", b.From));
                Assert.Equal((a.To, a.Clock, a.Decision), (b.To, b.Clock, b.Decision));
                Assert.Equal(a.Notices.ToList(), b.Notices.ToList());
                Assert.Equal(a.Effects.Select(e => e.Name).ToList(), b.Effects.Select(e => e.Name).ToList());
            }

            Assert.Equal(original.Milestones.Select(m => string.Join(",", m.Until.Select(renamed.Renamed))).ToList(), other.Milestones.Select(m => string.Join(",", m.Until)).ToList());
        }

        Assert.Equal(
            ReportFactMap.Describe(WorkflowTestData.Catalog).Select(kv => (renamed.Map.GetValueOrDefault(kv.Key, kv.Key), kv.Value)),
            ReportFactMap.Describe(copy).Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public void ReportAppendix_EveryTriggerRenamed_NamesTheRenamedTriggersAndNoneOfTheOld()
    {
        // Arrange
        using var renamed = new RenamedTriggers(WorkflowTestData.WorkflowsFolder);
        static string Prose(WorkflowCatalog catalog) => string.Join("\n", ReportAppendix.Definitions(catalog).Select(d => d.Ko + "\n" + d.En));

        // Act
        var original = Prose(WorkflowTestData.Catalog);
        var copy = Prose(Load(renamed.Folder));

        // Assert: the same prose once every quoted original name is replaced by its new name
        Assert.Contains("'request-supplement'", original);
        Assert.Contains("grant, ", original);
        var expected = renamed.Map.OrderByDescending(kv => kv.Key.Length)
            .Aggregate(original, (text, kv) => text.Replace($"'{kv.Key}'", $"'{kv.Value}'", StringComparison.Ordinal));
        var decided = System.Text.RegularExpressions.Regex.Replace(expected, @"\(([a-z-]+(, [a-z-]+)* → [a-z-]+(; )?)+\)", m =>
            System.Text.RegularExpressions.Regex.Replace(m.Value, "[a-z-]+(?= →|,)", w => renamed.Map.GetValueOrDefault(w.Value, w.Value)));
        Assert.Equal(decided, copy);
        Assert.DoesNotContain("'request-supplement'", copy);
    }

    [Fact]
    public void GenerateChunk_EveryTriggerRenamed_SamePetitionsEventsAndReportFacts()
    {
        // Arrange
        using var renamed = new RenamedTriggers(WorkflowTestData.WorkflowsFolder);
        var generator = new PetitionGenerator(Load(renamed.Folder), fixture.Clock);
        var options = new GenerationOptions(2025, 4000, 11, GenerationOptions.DefaultHorizon(2025));

        // Act
        var original = fixture.Generator.GenerateChunk(options, fixture.Catalogue, 0, 4000);
        var copy = generator.GenerateChunk(options, fixture.Catalogue, 0, 4000);

        // Assert: every step, due, decision and closing is the same; only the trigger names differ.
        Assert.Equal(Fingerprint(original, renamed.Renamed), Fingerprint(copy, t => t ?? ""));
        Assert.Equal(Facts(original), Facts(copy));
        Assert.Contains(original.Facts, f => f.Measure == RollupMeasures.ObjectionFiled);
        Assert.Contains(original.Facts, f => f.Measure == RollupMeasures.Decided && f.Label == "partly-granted");
    }

    private static string Fingerprint(GeneratedChunk chunk, Func<string?, string> trigger)
    {
        var text = new StringBuilder();
        foreach (var g in chunk.Petitions)
        {
            var p = g.Petition;
            text.Append($"{p.Kind}|{p.State}|{p.DueAt:O}|{p.DecidedAt:O}|{p.ClosedAt:O}|{p.ResultNoticesSent}|{p.SupplementDueOn}|{p.RefusalReceivedOn}|{p.ExtensionCount}\n");
            foreach (var e in g.Events)
            {
                text.Append($"  {e.Type}|{trigger(e.Trigger)}|{e.FromState}|{e.ToState}|{e.At:O}|{e.ActorName}|{e.Data}\n");
            }
        }

        return text.ToString();
    }

    private static List<string> Facts(GeneratedChunk chunk) =>
        RollupWriter.Merge(chunk.Facts).Select(f => $"{f.AgencyId}|{f.Month}|{f.Kind}|{f.AffairId}|{f.Channel}|{f.Measure}|{f.Label}|{f.Bucket}|{f.Count}|{f.Total}").Order(StringComparer.Ordinal).ToList();
}
