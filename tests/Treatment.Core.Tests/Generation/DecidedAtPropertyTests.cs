using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Treatment.Core.Generation;
using Treatment.Core.Petitions;

namespace Treatment.Core.Tests.Generation;

/// <summary>
/// decided_at is the instant of the first transition the definition marks as a decision (Act §27: the decision, not its
/// notice, ends treatment time); petitions that end without one (withdrawn, returned, transferred, closed as repeated)
/// have none. Checked over generated petitions of every kind, the generator firing through the change path.
/// </summary>
public sealed class DecidedAtPropertyTests
{
    private static readonly Lazy<GeneratorFixture> Fixture = new(() => new GeneratorFixture());

    public static class Seeds
    {
        public static Arbitrary<int> Values() => Gen.Choose(1, 1_000_000).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Seeds)], MaxTest = 25)]
    public bool DecidedAt_GeneratedPetitions_IsTheFirstDecisionEventsInstantOrEmptyWithoutOne(int seed)
    {
        var fixture = Fixture.Value;
        var chunk = fixture.Generate(seed, count: 400);

        return chunk.Petitions.All(g =>
        {
            var definition = fixture.Catalog.Get(g.Petition.WorkflowId, g.Petition.WorkflowVersion);
            var firstDecision = g.Events.FirstOrDefault(e =>
                e.Type == PetitionEventTypes.Transition && e.Trigger is { } t && definition.FindTransition(t)?.Decision is not null);
            return g.Petition.DecidedAt == firstDecision?.At;
        });
    }

    [Fact]
    public void DecidedAt_GeneratedYear_EveryKindDecidedAndClosuresWithoutDecision()
    {
        var fixture = Fixture.Value;
        var petitions = fixture.Generate(seed: 20_250_101, count: 6000).Petitions.Select(g => g.Petition).ToList();

        Assert.All(PetitionGenerator.GeneratedKinds, kind => Assert.Contains(petitions, p => p.Kind == kind && p.DecidedAt is not null));
        Assert.Contains(petitions, p => !p.IsOpen && p.DecidedAt is null && p.Outcome is "withdrawn" or "returned" or "transferred" or "closed-as-repeated");
        Assert.DoesNotContain(petitions, p => p.Outcome is "withdrawn" or "returned" or "transferred" or "closed-as-repeated" && p.DecidedAt is not null);
        // Answered on the spot: a decision without a written notice still has its instant.
        Assert.Contains(petitions, p => p.Kind == PetitionKind.Other && p.DecidedAt is not null && p.ResultNoticesSent == 0);
    }
}
