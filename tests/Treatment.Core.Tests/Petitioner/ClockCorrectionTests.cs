using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Workflows;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Tests.Petitioner;

/// <summary>Extensions of month and year periods in their own unit (Decree §21), and Decree §12⑤'s day per 20 certificates.</summary>
public sealed class ClockCorrectionTests
{
    private static readonly IDeadlineCalculator Clock = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(Path.Combine(WorkflowTestData.WorkflowsFolder, "calendar")));
    private static readonly Actor Official = new(Guid.NewGuid(), "김민원", new HashSet<string> { "Official" }, 1, 1);

    [Fact]
    public void Extend_MonthPeriod_ExtendsByAMonthInsteadOfRefusingTheUnit()
    {
        var (definition, petition) = MonthPetition();
        var before = petition.DueAt!.Value;
        var extend = definition.Transitions.Single(t => t.Has<CountsAsExtension>());
        var now = before.AddDays(-3);
        var inputs = new TriggerInputs { Reason = "현장 확인", ExtensionDays = 1 };
        var fired = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, Clock, now), extend.Trigger, inputs, [WorkflowRole.Official]);

        var recorded = new PetitionChange(Clock, null).Fire(petition, definition, fired.Result!, inputs, Official, now);

        Assert.Null(recorded.Error);
        Assert.Equal(new TreatmentPeriod(PeriodUnit.Months, 1), petition.Extensions.Single().Length);
        Assert.InRange((petition.DueAt!.Value - before).TotalDays, 28, 35); // a month from the day after the due, rolled past a weekend
    }

    [Fact]
    public void Extend_MonthPeriod_LongerThanTheOriginalPeriod_Refused()
    {
        var (definition, petition) = MonthPetition();
        var extend = definition.Transitions.Single(t => t.Has<CountsAsExtension>());

        var fired = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, Clock, petition.ReceivedAt.AddDays(3)), extend.Trigger, new TriggerInputs { Reason = "검토", ExtensionDays = 2 }, [WorkflowRole.Official]);

        Assert.Equal("ExtensionWithinOriginalPeriod", fired.Error?.Guard);
    }

    [Theory]
    [InlineData(PeriodUnit.Immediate, 0, 1, PeriodUnit.Immediate, 0)]
    [InlineData(PeriodUnit.Immediate, 0, 19, PeriodUnit.Immediate, 0)]
    [InlineData(PeriodUnit.Immediate, 0, 20, PeriodUnit.Days, 1)]
    [InlineData(PeriodUnit.Immediate, 0, 45, PeriodUnit.Days, 2)]
    [InlineData(PeriodUnit.Days, 3, 40, PeriodUnit.Days, 5)]
    public void BulkCertificates_OneMoreDayPerTwenty(PeriodUnit unit, int value, int copies, PeriodUnit expectedUnit, int expectedValue) =>
        Assert.Equal(new TreatmentPeriod(expectedUnit, expectedValue), IntakeRules.WithBulkCertificates(new TreatmentPeriod(unit, value), copies));

    private static (WorkflowDefinition Definition, Petition Petition) MonthPetition()
    {
        var definition = WorkflowTestData.Catalog.Latest("legal");
        var received = new DateTimeOffset(2025, 7, 7, 1, 0, 0, TimeSpan.Zero);
        var petition = new Petition
        {
            ReceiptNumber = "T-M", Title = "개발행위 허가", Body = "본문", PetitionerName = "홍길동", WorkflowId = definition.Id, WorkflowVersion = definition.Version,
            State = definition.Transitions.Single(t => t.Has<CountsAsExtension>()).From[0], PeriodUnit = PeriodUnit.Months, PeriodValue = 1,
            ClockState = ClockState.Running, ReceivedAt = received, ClockStartedAt = received, Kind = PetitionKind.Legal,
        };
        Assert.Null(new PetitionChange(Clock, null).RecomputeDue(petition, definition));
        return (definition, petition);
    }
}
