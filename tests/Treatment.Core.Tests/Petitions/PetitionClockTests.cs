using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Clock;
using Treatment.Core.Tests.Workflows;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Petitions;

public sealed class PetitionClockTests
{
    private static Petition Grievance(DateTimeOffset received) => new()
    {
        ReceiptNumber = "2025-SEOUL-JONGNO-000001",
        Title = "t",
        Body = "b",
        PetitionerName = "홍길동",
        WorkflowId = "grievance",
        WorkflowVersion = 1,
        State = "reviewing",
        Kind = PetitionKind.Grievance,
        PeriodUnit = PeriodUnit.Days,
        PeriodValue = 7,
        ReceivedAt = received,
        ClockStartedAt = received,
        ClockState = ClockState.Running,
    };

    [Fact]
    public void Due_ClosedExcludedSpan_MovesTheDueByItsWorkingDays()
    {
        var definition = WorkflowTestData.Catalog.Get("grievance", 1);
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        var before = PetitionClock.Due(petition, definition, TestCalendar.Calculator).Value!.DueDate;

        petition.Exclusions = [new ClockSpan(ExclusionType.GrievanceFieldInvestigation, new DateOnly(2025, 7, 8), new DateOnly(2025, 7, 9))];
        var after = PetitionClock.Due(petition, definition, TestCalendar.Calculator).Value!.DueDate;

        Assert.Equal(new DateOnly(2025, 7, 15), before);
        Assert.Equal(new DateOnly(2025, 7, 17), after);
    }

    [Fact]
    public void Due_OpenExcludedSpan_IsNotCountedUntilClosed()
    {
        var definition = WorkflowTestData.Catalog.Get("grievance", 1);
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        petition.Exclusions = [new ClockSpan(ExclusionType.GrievanceFieldInvestigation, new DateOnly(2025, 7, 8), null)];

        Assert.Equal(new DateOnly(2025, 7, 15), PetitionClock.Due(petition, definition, TestCalendar.Calculator).Value!.DueDate);
    }

    [Fact]
    public void Due_ExtensionLongerThanOriginal_IsAClockError()
    {
        var definition = WorkflowTestData.Catalog.Get("grievance", 1);
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        var extensions = new List<GrantedExtension> { new(TreatmentPeriod.Days(8), false, "r", TestCalendar.Kst(2025, 7, 8)) };

        var result = PetitionClock.Due(petition, definition, TestCalendar.Calculator, extensions);

        Assert.Equal(ClockErrorCode.ExtensionLongerThanOriginal, result.Error?.Code);
    }

    [Fact]
    public void Due_ObjectionRestart_CountsTenWorkingDaysFromTheObjection()
    {
        var definition = WorkflowTestData.Catalog.Get("legal", 1);
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        petition.WorkflowId = "legal";
        petition.ClockStartedAt = TestCalendar.Kst(2025, 8, 4, 10);
        petition.ClockLimit = PetitionClock.ObjectionDecisionLimit;

        var due = PetitionClock.Due(petition, definition, TestCalendar.Calculator).Value!;

        Assert.Equal(new DateOnly(2025, 8, 18), due.DueDate);
    }

    [Fact]
    public void Facts_SupplementDueYesterday_SupplementPeriodLapsed()
    {
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        petition.SupplementDueOn = new DateOnly(2025, 7, 10);

        var lapsed = PetitionClock.Facts(petition, TestCalendar.Calculator, TestCalendar.Kst(2025, 7, 11, 9));
        var notYet = PetitionClock.Facts(petition, TestCalendar.Calculator, TestCalendar.Kst(2025, 7, 10, 17));

        Assert.True(lapsed.SupplementPeriodLapsed);
        Assert.False(notYet.SupplementPeriodLapsed);
    }

    [Fact]
    public void Facts_RefusalReceived_ObjectionDeadlineSixtyCalendarDaysLater()
    {
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        petition.RefusalReceivedOn = new DateOnly(2025, 7, 10);

        var facts = PetitionClock.Facts(petition, TestCalendar.Calculator, TestCalendar.Kst(2025, 7, 11, 9));

        Assert.Equal(new DateOnly(2025, 9, 8), facts.ObjectionFilingDeadline);
    }

    [Fact]
    public void AllowsImmediateIssuance_OnlyImmediateLegalAffairsFromElectronicChannels()
    {
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        petition.Kind = PetitionKind.Legal;
        petition.PeriodUnit = PeriodUnit.Immediate;
        petition.Channel = Channel.OnlinePortal;
        Assert.True(PetitionClock.AllowsImmediateIssuance(petition));

        petition.Channel = Channel.Visit;
        Assert.False(PetitionClock.AllowsImmediateIssuance(petition));
    }

    [Fact]
    public void DueMilestonePlanner_RunningPetition_PlansItsDue_PausedOrClosedNothing()
    {
        var definition = WorkflowTestData.Catalog.Get("grievance", 1);
        var petition = Grievance(TestCalendar.Kst(2025, 7, 7, 10));
        petition.DueAt = TestCalendar.Kst(2025, 7, 15, 23, 59);
        var planner = new DueMilestonePlanner();

        Assert.Equal(new MilestonePlan(petition.DueAt, "due"), planner.Plan(petition, definition, petition.ReceivedAt));
        petition.ClockState = ClockState.Paused;
        Assert.Equal(new MilestonePlan(null, null), planner.Plan(petition, definition, petition.ReceivedAt));
    }
}
