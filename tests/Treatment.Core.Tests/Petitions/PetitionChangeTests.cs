using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Clock;
using Treatment.Core.Tests.Workflows;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Tests.Petitions;

/// <summary>The one change path, without a database: what a transition, a moved due and a reassignment do to a petition.</summary>
public sealed class PetitionChangeTests
{
    private static readonly WorkflowDefinition Legal = WorkflowTestData.Catalog.Get("legal", 1);

    private static readonly Actor Official = new(Guid.NewGuid(), "김민원", new HashSet<string> { "Official" }, 1, 1);

    private static Petition Arrived(DateTimeOffset at) => new()
    {
        ReceiptNumber = "2025-T-000001",
        Kind = PetitionKind.Legal,
        Channel = Channel.Visit,
        Title = "t",
        Body = "b",
        PetitionerName = "홍길동",
        ArrivedAt = at,
        ReceivedAt = at,
        AgencyId = 1,
        DepartmentId = 1,
        WorkflowId = Legal.Id,
        WorkflowVersion = Legal.Version,
        State = Legal.InitialState,
        PeriodUnit = PeriodUnit.Days,
        PeriodValue = 7,
    };

    private static PetitionEvent Fire(PetitionChange change, Petition petition, Func<TransitionDefinition, bool> pick, DateTimeOffset at, TriggerInputs? inputs = null)
    {
        var trigger = Legal.Pick(petition.State, pick)!.Trigger;
        var result = new PetitionMachine(Legal).Fire(PetitionClock.Facts(petition, change.Clock, at), trigger, inputs ?? TriggerInputs.Empty, [WorkflowRole.Official]).Result!;
        var fired = change.Fire(petition, Legal, result, inputs ?? TriggerInputs.Empty, Official, at);
        Assert.Null(fired.Error);
        return fired.Value!;
    }

    [Fact]
    public void Fire_GrantThenResultNotice_DecidedAtIsTheGrantAndTheNoticeClosesIt()
    {
        // Arrange: registered Monday 2025-07-07 10:00 KST, routed.
        var change = new PetitionChange(TestCalendar.Calculator, planner: null);
        var petition = Arrived(TestCalendar.Kst(2025, 7, 7, 10));
        Fire(change, petition, TransitionPicks.Receipt, TestCalendar.Kst(2025, 7, 7, 10));
        Fire(change, petition, TransitionPicks.Advance, TestCalendar.Kst(2025, 7, 7, 11));
        var generation = petition.ClockGeneration;

        // Act
        var grant = Fire(change, petition, TransitionPicks.Deciding(DecisionOutcome.Granted), TestCalendar.Kst(2025, 7, 9, 15), new TriggerInputs { DecisionText = "인용" });
        var notice = Fire(change, petition, TransitionPicks.SendsResultNotice(Legal), TestCalendar.Kst(2025, 7, 10, 9));

        // Assert
        Assert.Equal(TestCalendar.Kst(2025, 7, 9, 15), petition.DecidedAt);
        Assert.Equal(1, petition.ResultNoticesSent);
        Assert.False(petition.IsOpen);
        Assert.Equal(ClockState.Stopped, petition.ClockState);
        Assert.Equal(generation + 1, petition.ClockGeneration);
        Assert.Equal(PetitionEventTypes.Transition, grant.Type);
        Assert.Contains("\"decisionText\":\"인용\"", grant.Data, StringComparison.Ordinal);
        Assert.True(PetitionChange.Closes(Legal, notice));
        Assert.False(PetitionChange.Closes(Legal, grant));
    }

    [Fact]
    public void Fire_SupplementRequest_AppliesItsEffectAndPausesTheClock()
    {
        var change = new PetitionChange(TestCalendar.Calculator, planner: null);
        var petition = Arrived(TestCalendar.Kst(2025, 7, 7, 10));
        Fire(change, petition, TransitionPicks.Receipt, TestCalendar.Kst(2025, 7, 7, 10));
        Fire(change, petition, TransitionPicks.Advance, TestCalendar.Kst(2025, 7, 7, 11));

        Fire(change, petition, TransitionPicks.With<SetsSupplementDue>(), TestCalendar.Kst(2025, 7, 8, 10), new TriggerInputs { Reason = "위임장", SupplementDueDate = new DateOnly(2025, 7, 15) });

        Assert.Equal(new DateOnly(2025, 7, 15), petition.SupplementDueOn);
        Assert.Equal(ClockState.Paused, petition.ClockState);
        Assert.Null(petition.DecidedAt);
        Assert.Equal(new ClockSpan(ExclusionType.Supplement, new DateOnly(2025, 7, 8), null), Assert.Single(petition.Exclusions));
    }

    [Fact]
    public void MoveDue_HolidayApplied_NewGenerationAndAnEventWithTheReason()
    {
        var change = new PetitionChange(TestCalendar.Calculator, planner: null);
        var petition = Arrived(TestCalendar.Kst(2025, 7, 7, 10));
        Fire(change, petition, TransitionPicks.Receipt, TestCalendar.Kst(2025, 7, 7, 10));
        var generation = petition.ClockGeneration;
        var later = petition.DueAt!.Value.AddDays(1);

        var recorded = change.MoveDue(petition, Legal, later, TestCalendar.Kst(2025, 7, 8, 9), PetitionEventTypes.DueRecomputed, null, "system", "2025-07-10 임시공휴일",
            new DueRecomputedData("a", "b", new DateOnly(2025, 7, 10), true, generation + 1));

        Assert.Equal(later, petition.DueAt);
        Assert.Equal(generation + 1, petition.ClockGeneration);
        Assert.Equal(PetitionEventTypes.DueRecomputed, recorded.Type);
        Assert.Equal("2025-07-10 임시공휴일", recorded.Reason);
        Assert.Contains("\"holiday\":true", recorded.Data, StringComparison.Ordinal);
    }
}
