using System.Text;
using Treatment.Core.Clock;
using Treatment.Core.Generation;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Tests.Generation;

public sealed class PetitionGeneratorTests(GeneratorFixture fixture) : IClassFixture<GeneratorFixture>
{
    private static string Fingerprint(GeneratedChunk chunk)
    {
        var text = new StringBuilder();
        foreach (var g in chunk.Petitions)
        {
            var p = g.Petition;
            text.Append($"{p.AgencyId}|{p.Kind}|{p.AffairId}|{p.Channel}|{p.State}|{p.ReceivedAt:O}|{p.DueAt:O}|{p.PetitionerName}\n");
            foreach (var e in g.Events)
            {
                text.Append($"  {e.Type}|{e.Trigger}|{e.At:O}\n");
            }
        }

        return text.ToString();
    }

    [Fact]
    public void GenerateChunk_SameSeed_SameData()
    {
        // Arrange / Act
        var first = fixture.Generate(seed: 42, count: 800);
        var second = fixture.Generate(seed: 42, count: 800);

        // Assert
        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public void GenerateChunk_OtherSeed_DifferentData()
    {
        var first = fixture.Generate(seed: 42, count: 300);
        var other = fixture.Generate(seed: 43, count: 300);

        Assert.NotEqual(Fingerprint(first), Fingerprint(other));
    }

    [Fact]
    public void GenerateChunk_EveryEvent_IsATransitionOfThePetitionsDefinition()
    {
        // Arrange
        var chunk = fixture.Generate(seed: 7);

        // Act / Assert
        foreach (var g in chunk.Petitions)
        {
            var p = g.Petition;
            var definition = fixture.Catalog.Get(p.WorkflowId, p.WorkflowVersion);
            Assert.Equal("created", g.Events[0].Type);
            Assert.Equal(definition.InitialState, g.Events[0].ToState);
            var state = definition.InitialState;
            var last = g.Events[0].At;
            foreach (var e in g.Events.Skip(1).Where(e => e.Type == "transition"))
            {
                Assert.True(e.At >= last, $"{p.Kind} events out of order at {e.Trigger}");
                last = e.At;
                Assert.Equal(state, e.FromState);
                if (e.Type == "transition")
                {
                    Assert.Contains(definition.TransitionsFrom(state), t => t.Trigger == e.Trigger && t.Target(state) == e.ToState);
                }

                state = e.ToState!;
            }

            Assert.Equal(state, p.State);
            Assert.Equal(definition.FindState(state)!.Terminal, !p.IsOpen);
        }
    }

    [Fact]
    public void GenerateChunk_RunningClock_DueIsTheClocksDue()
    {
        var chunk = fixture.Generate(seed: 11);

        var checkedCount = 0;
        foreach (var p in chunk.Petitions.Select(g => g.Petition).Where(p => p.ClockState == ClockState.Running && p.State is "reviewing" or "received"))
        {
            var exclusions = p.Exclusions.Select(s => new ExcludedSpan(s.Type, s.From, s.To!.Value)).ToList();
            var extensions = p.Extensions.Select(x => new ClockExtension(x.Length, x.Consent)).ToList();
            var due = fixture.Clock.Compute(new DeadlineRequest(p.ReceivedAt, p.Period, exclusions, CountingMode.Statutory, extensions)).GetValueOrThrow().Due;
            Assert.Equal(due, p.DueAt);
            checkedCount++;
        }

        Assert.True(checkedCount > 10, $"only {checkedCount} open petitions with a running clock");
    }

    [Fact]
    public void GenerateChunk_ThreeThousand_ContainsEveryKindOfCase()
    {
        var chunk = fixture.Generate(seed: 5);

        var triggers = chunk.Petitions.SelectMany(g => g.Events).Select(e => e.Trigger).ToHashSet();
        Assert.All(
            ["register", "extend", "request-supplement", "supplement", "return", "refuse", "file-objection", "transfer", "withdraw", "close-as-repeated", "issue-immediately", "answer", "resolve", "accept-partly"],
            t => Assert.Contains(t, triggers));
        Assert.Contains(chunk.Petitions.SelectMany(g => g.Events), ReportFactMap.IsExaminerReminder);
        Assert.All(PetitionGenerator.GeneratedKinds, k => Assert.Contains(chunk.Petitions, g => g.Petition.Kind == k));
        Assert.Contains(chunk.Petitions, g => g.Petition is { IsOpen: true, Overdue: true });
        Assert.Contains(chunk.Petitions, g => g.Petition.ExtensionCount == 2 && g.Petition.Extensions[1].Consent);
        Assert.Contains(chunk.Petitions, g => g.TransferredFromLocalIndex is not null);
    }

    [Fact]
    public void GenerateChunk_Arrivals_FewerOnSundaysThanOnMondays()
    {
        var chunk = fixture.Generate(seed: 3);

        var byDay = chunk.Petitions.GroupBy(g => RollupWriter.DateOf(g.Petition.ArrivedAt).DayOfWeek).ToDictionary(x => x.Key, x => x.Count());
        Assert.True(byDay.GetValueOrDefault(DayOfWeek.Sunday) * 3 < byDay[DayOfWeek.Monday], $"Sunday {byDay.GetValueOrDefault(DayOfWeek.Sunday)}, Monday {byDay[DayOfWeek.Monday]}");
    }
}
