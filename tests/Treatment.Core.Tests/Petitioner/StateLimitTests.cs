using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Workflows;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Tests.Petitioner;

/// <summary>
/// States with their own limit, through the change path and the planner: the field investigation (14 days, once 7
/// more: Decree §17④⑤), the collection period of a document (15 days by the Civil Act: Act §27④, Decree §25④), and
/// the second extension that needs the petitioner's recorded consent (Decree §21②).
/// </summary>
public sealed class StateLimitTests
{
    private static readonly IDeadlineCalculator Clock = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(Path.Combine(WorkflowTestData.WorkflowsFolder, "calendar")));
    private static readonly WorkflowMilestonePlanner Planner = new(Clock);
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private static readonly Actor Official = new(Guid.NewGuid(), "김민원", new HashSet<string> { "Official" }, 1, 1);
    private static readonly DateTimeOffset Monday = new(2025, 7, 7, 10, 0, 0, Kst);

    [Fact]
    public void FieldInvestigation_Of14Days_LastDayIsThe14thDate_PlannedToEndTheNextMidnight()
    {
        var (definition, petition) = Grievance();
        Fire(definition, petition, t => t.Has<SetsFieldInvestigationEnd>(), new TriggerInputs { Reason = "현장", InvestigationDays = 14 }, Monday);

        Assert.Equal(new DateOnly(2025, 7, 20), petition.StateEndsOn);
        Assert.Equal(new DateTimeOffset(2025, 7, 21, 0, 0, 0, Kst), LimitAt(petition, definition));
    }

    [Fact]
    public void FieldInvestigation_ExtendedBy7_Once_ASecondExtensionAndMoreThan14Or7DaysRefused()
    {
        var (definition, petition) = Grievance();
        var machine = new PetitionMachine(definition);
        var start = definition.Transitions.Single(t => t.Has<SetsFieldInvestigationEnd>());
        var tooLong = machine.Fire(PetitionClock.Facts(petition, Clock, Monday), start.Trigger, new TriggerInputs { Reason = "현장", InvestigationDays = 15 }, [WorkflowRole.Official]);
        Fire(definition, petition, t => t == start, new TriggerInputs { Reason = "현장", InvestigationDays = 14 }, Monday);
        var extend = definition.Transitions.Single(t => t.Has<ExtendsFieldInvestigationEnd>());
        var eightDays = machine.Fire(PetitionClock.Facts(petition, Clock, Monday.AddDays(3)), extend.Trigger, new TriggerInputs { Reason = "추가", InvestigationDays = 8 }, [WorkflowRole.Official]);
        Fire(definition, petition, t => t == extend, new TriggerInputs { Reason = "추가", InvestigationDays = 7 }, Monday.AddDays(3));
        var second = machine.Fire(PetitionClock.Facts(petition, Clock, Monday.AddDays(4)), extend.Trigger, new TriggerInputs { Reason = "또", InvestigationDays = 1 }, [WorkflowRole.Official]);

        Assert.Equal("FieldInvestigationWithinLimit", tooLong.Error?.Guard);
        Assert.Equal("FieldInvestigationExtensionOnce", eightDays.Error?.Guard);
        Assert.Equal("FieldInvestigationExtensionOnce", second.Error?.Guard);
        Assert.Equal(new DateOnly(2025, 7, 27), petition.StateEndsOn); // 21 dates from the 7th
        Assert.Equal(new DateTimeOffset(2025, 7, 28, 0, 0, 0, Kst), LimitAt(petition, definition));
    }

    [Fact]
    public void FieldInvestigation_EndedBySystemLate_ExcludesOnlyItsDays_AndTheDueMovesByThem()
    {
        var (definition, petition) = Grievance();
        var dueBefore = petition.DueAt!.Value;
        Fire(definition, petition, t => t.Has<SetsFieldInvestigationEnd>(), new TriggerInputs { Reason = "현장", InvestigationDays = 14 }, Monday);

        // The sweep ends it three days after its last day (the 20th): the span still ends on the 20th.
        Fire(definition, petition, t => t.Has<EndsPauseAtItsLimit>(), TriggerInputs.Empty, new DateTimeOffset(2025, 7, 23, 9, 0, 0, Kst), WorkflowRole.System);

        var span = Assert.Single(petition.Exclusions);
        Assert.Equal((new DateOnly(2025, 7, 7), (DateOnly?)new DateOnly(2025, 7, 20)), (span.From, span.To));
        Assert.Equal(ClockState.Running, petition.ClockState);
        Assert.Null(petition.StateEndsOn);
        Assert.True(petition.DueAt > dueBefore.AddDays(13), $"{dueBefore} → {petition.DueAt}");
    }

    [Fact]
    public void EndState_Milestones_FireOnlyATransitionTheSystemMayFireFromTheirState()
    {
        foreach (var definition in WorkflowTestData.Catalog.All)
        {
            foreach (var milestone in definition.Milestones.Where(m => m.Action == MilestoneActions.EndState))
            {
                Assert.Equal(MilestoneAnchor.StateEnds, milestone.Anchor);
                Assert.NotNull(SweepTransitionIssuer.StateEndTransition(definition, milestone.State!, milestone));
            }
        }

        Assert.Contains(WorkflowTestData.Catalog.Latest("grievance").Milestones, m => m.Action == MilestoneActions.EndState);
        Assert.Contains(WorkflowTestData.Catalog.Latest("legal").Milestones, m => m.Action == MilestoneActions.EndState);
    }

    [Theory]
    [InlineData("2025-07-07T10:00", "2025-07-22")] // Monday + 15, the first day excluded: Tuesday the 22nd
    [InlineData("2025-09-22T10:00", "2025-10-10")] // the 15th day, 7 Oct, is Chuseok; 8 Oct its substitute, 9 Oct Hangul Day
    [InlineData("2025-07-04T17:00", "2025-07-21")] // Friday + 15 ends Saturday the 19th: Monday the 21st
    public void CollectionPeriod_FifteenDaysByTheCivilAct_RollsOverWeekendsAndHolidays(string heldAt, string lastDay)
    {
        var definition = WorkflowTestData.Catalog.Latest("legal");
        var hold = definition.Transitions.Single(t => t.Has<SetsCollectionPeriod>());
        var petition = NewPetition(definition, hold.From[0], PeriodUnit.Days, 10);
        var at = new DateTimeOffset(DateTime.Parse(heldAt, System.Globalization.CultureInfo.InvariantCulture), Kst);

        Fire(definition, petition, t => t == hold, TriggerInputs.Empty, at);

        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), petition.StateEndsOn);
        Assert.Equal("awaiting-collection", petition.State);
        Assert.Equal(new DateTimeOffset(petition.StateEndsOn!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), Kst), LimitAt(petition, definition));
    }

    [Fact]
    public void CloseUncollected_BeforeTheLimitRefused_AfterItCountedAsUncollectedClosure()
    {
        var definition = WorkflowTestData.Catalog.Latest("legal");
        var hold = definition.Transitions.Single(t => t.Has<SetsCollectionPeriod>());
        var petition = NewPetition(definition, hold.From[0], PeriodUnit.Days, 10);
        Fire(definition, petition, t => t == hold, TriggerInputs.Empty, Monday);
        var close = definition.Transitions.Single(t => t.Has<CountsAsUncollectedClosure>());

        var early = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, Clock, new DateTimeOffset(2025, 7, 22, 23, 0, 0, Kst)), close.Trigger, TriggerInputs.Empty, [WorkflowRole.System]);
        Fire(definition, petition, t => t == close, TriggerInputs.Empty, new DateTimeOffset(2025, 7, 23, 0, 1, 0, Kst), WorkflowRole.System);

        Assert.Equal("StateLimitPassed", early.Error?.Guard);
        Assert.False(petition.IsOpen);
        Assert.Contains(close.Effects, e => e.Measure == Treatment.Core.Reports.RollupMeasures.UncollectedClosure);
    }

    [Theory]
    [InlineData("legal")]
    [InlineData("grievance")]
    [InlineData("inquisitive")]
    [InlineData("recommendatory")]
    public void SecondExtension_NewestVersion_NeedsThePetitionersRecordedConsent_NotTheOfficialsInput(string workflow)
    {
        var definition = WorkflowTestData.Catalog.Latest(workflow);
        var extend = definition.Transitions.Single(t => t.Has<CountsAsExtension>());
        var petition = NewPetition(definition, extend.From[0], PeriodUnit.Days, 10);
        Fire(definition, petition, t => t == extend, new TriggerInputs { Reason = "검토", ExtensionDays = 2 }, Monday);
        var machine = new PetitionMachine(definition);
        var inputs = new TriggerInputs { Reason = "추가 검토", ExtensionDays = 2, Consent = true };

        var refused = machine.Fire(PetitionClock.Facts(petition, Clock, Monday.AddDays(1)), extend.Trigger, inputs, [WorkflowRole.Official]);
        new PetitionChange(Clock, null).PetitionerConsented(petition, definition, null, "민원인 (포털)", Monday.AddDays(1));
        Fire(definition, petition, t => t == extend, new TriggerInputs { Reason = "추가 검토", ExtensionDays = 2 }, Monday.AddDays(1).AddMinutes(5));

        Assert.Equal("SecondExtensionRequiresPetitionerConsent", refused.Error?.Guard);
        Assert.Equal(2, petition.ExtensionCount);
        Assert.True(petition.Extensions[1].Consent);
    }

    [Fact]
    public void SecondExtension_ConsentRecordedBeforeTheFirstExtension_DoesNotCount()
    {
        var definition = WorkflowTestData.Catalog.Latest("legal");
        var extend = definition.Transitions.Single(t => t.Has<CountsAsExtension>());
        var petition = NewPetition(definition, extend.From[0], PeriodUnit.Days, 10);
        petition.ExtensionConsentAt = Monday.AddMinutes(-1);
        Fire(definition, petition, t => t == extend, new TriggerInputs { Reason = "검토", ExtensionDays = 2 }, Monday);

        var refused = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, Clock, Monday.AddDays(1)), extend.Trigger, new TriggerInputs { Reason = "추가", ExtensionDays = 2 }, [WorkflowRole.Official]);

        Assert.Equal("SecondExtensionRequiresPetitionerConsent", refused.Error?.Guard);
    }

    /// <summary>When the planner ends the state at its limit (the end-state milestone's instant), or null if it does not plan it.</summary>
    private static DateTimeOffset? LimitAt(Petition petition, WorkflowDefinition definition) =>
        Planner.Enumerate(petition, definition, DateTimeOffset.MinValue).SingleOrDefault(m => m.Definition.Action == MilestoneActions.EndState)?.At;

    private static (WorkflowDefinition Definition, Petition Petition) Grievance()
    {
        var definition = WorkflowTestData.Catalog.Latest("grievance");
        var start = definition.Transitions.Single(t => t.Has<SetsFieldInvestigationEnd>());
        return (definition, NewPetition(definition, start.From[0], PeriodUnit.Days, 7));
    }

    private static Petition NewPetition(WorkflowDefinition definition, string state, PeriodUnit unit, int value)
    {
        var received = Monday.AddDays(-3);
        var petition = new Petition
        {
            ReceiptNumber = "T-S", Title = "기한 민원", Body = "본문", PetitionerName = "홍길동", WorkflowId = definition.Id, WorkflowVersion = definition.Version,
            State = state, PeriodUnit = unit, PeriodValue = value, ClockState = ClockState.Running, ReceivedAt = received, ClockStartedAt = received,
            ArrivedAt = received, UpdatedAt = received,
        };
        Assert.Null(new PetitionChange(Clock, null).RecomputeDue(petition, definition));
        return petition;
    }

    private static void Fire(WorkflowDefinition definition, Petition petition, Func<TransitionDefinition, bool> pick, TriggerInputs inputs, DateTimeOffset now, WorkflowRole role = WorkflowRole.Official)
    {
        var transition = definition.TransitionsFrom(petition.State).Single(pick);
        var fired = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, Clock, now), transition.Trigger, inputs, [role]);
        Assert.True(fired.Result is not null, fired.Error?.Message.En);
        var recorded = new PetitionChange(Clock, null).Fire(petition, definition, fired.Result!, inputs, role == WorkflowRole.System ? Actor.System : Official, now);
        Assert.Null(recorded.Error);
    }
}
