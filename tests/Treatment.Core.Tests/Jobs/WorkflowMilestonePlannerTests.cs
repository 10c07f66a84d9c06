using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Workflows;
using static Treatment.Core.Tests.Clock.TestCalendar;

namespace Treatment.Core.Tests.Jobs;

public sealed class WorkflowMilestonePlannerTests
{
    private static readonly WorkflowMilestonePlanner Planner = new(Calculator);

    private static readonly Treatment.Core.Workflows.WorkflowDefinition Grievance = WorkflowTestData.Catalog.Get("grievance", 1);

    /// <summary>A grievance petition (7 days) received Monday 2026-03-09 10:00 KST, due at the end of Tuesday 2026-03-17.</summary>
    private static Petition Received(string state = "received")
    {
        var received = Kst(2026, 3, 9, 10);
        return new Petition
        {
            ReceiptNumber = "2026-TEST-000001",
            Title = "제목",
            Body = "본문",
            PetitionerName = "홍길동",
            WorkflowId = "grievance",
            WorkflowVersion = 1,
            State = state,
            ArrivedAt = received,
            ReceivedAt = received,
            UpdatedAt = received,
            ClockState = ClockState.Running,
            PeriodUnit = PeriodUnit.Days,
            PeriodValue = 7,
            DueAt = Calculator.Compute(received, TreatmentPeriod.Days(7)).Value!.Due,
        };
    }

    [Fact]
    public void Plan_NewPetition_FirstMilestoneIsRoutingOneWorkingHourAfterReceipt()
    {
        var petition = Received();

        var plan = Planner.Plan(petition, Grievance, petition.ReceivedAt);

        Assert.Equal("route-to-department", plan.Milestone);
        Assert.Equal(Kst(2026, 3, 9, 11), plan.At);
    }

    [Fact]
    public void PlanAfter_EachMilestoneInTurn_WalksTheLadderInOrder()
    {
        var petition = Received();
        var names = new List<string>();
        var plan = Planner.Plan(petition, Grievance, petition.ReceivedAt);
        while (plan.Milestone is { } name && names.Count < 8)
        {
            names.Add(name);
            plan = Planner.PlanAfter(petition, Grievance, name, plan.At!.Value);
        }

        Assert.Equal(["route-to-department", "transfer-window", "halfway-reminder", "due", "examiner-reminder", "agency-head-escalation", "progress-notice@1", "progress-notice@2"], names);
    }

    [Fact]
    public void Enumerate_DueLadder_ExaminerOneWorkingDayAndAgencyHeadFiveWorkingDaysAfterTheDue()
    {
        var petition = Received();

        var milestones = Planner.Enumerate(petition, Grievance, DateTimeOffset.MinValue).ToDictionary(m => m.Name, m => m.At);

        Assert.Equal(petition.DueAt, milestones["due"]);
        Assert.Equal(Kst(2026, 3, 18, 18), milestones["examiner-reminder"]);
        Assert.Equal(Kst(2026, 3, 24, 18), milestones["agency-head-escalation"]);
        Assert.True(milestones["halfway-reminder"] > petition.ReceivedAt && milestones["halfway-reminder"] < petition.DueAt);
    }

    [Fact]
    public void Plan_PausedClock_LeavesOutEveryMilestoneCountedFromTheDue()
    {
        var petition = Received("field-investigation");
        petition.ClockState = ClockState.Paused;

        var names = Planner.Enumerate(petition, Grievance, DateTimeOffset.MinValue).Select(m => m.Name).ToList();

        Assert.DoesNotContain("due", names);
        Assert.DoesNotContain("halfway-reminder", names);
        Assert.Contains("progress-notice@1", names);
    }

    [Fact]
    public void Plan_StateWithoutDischargingTrigger_RoutingObligationsNotPlanned()
    {
        var petition = Received("resolved");

        var names = Planner.Enumerate(petition, Grievance, DateTimeOffset.MinValue).Select(m => m.Name).ToList();

        Assert.DoesNotContain("route-to-department", names);
        Assert.DoesNotContain("transfer-window", names);
    }

    [Fact]
    public void Plan_CursorOnDueThenDueMovesLater_DueStaysNextAtItsNewInstant()
    {
        var petition = Received("reviewing");
        petition.NextMilestone = "due";
        petition.NextMilestoneAt = petition.DueAt;
        var later = Calculator.Compute(new DeadlineRequest(petition.ReceivedAt, TreatmentPeriod.Days(7), [new ExcludedSpan(ExclusionType.Supplement, new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 13))], CountingMode.Statutory, [])).Value!.Due;
        petition.DueAt = later;

        var plan = Planner.Plan(petition, Grievance, Kst(2026, 3, 16, 9));

        Assert.Equal("due", plan.Milestone);
        Assert.Equal(later, plan.At);
    }

    [Fact]
    public void Plan_ClosedPetition_NothingPlanned()
    {
        var petition = Received();
        petition.IsOpen = false;

        var plan = Planner.Plan(petition, Grievance, petition.ReceivedAt);

        Assert.Null(plan.Milestone);
        Assert.Null(plan.At);
    }
}
