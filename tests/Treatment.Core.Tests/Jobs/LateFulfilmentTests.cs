using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Workflows;
using static Treatment.Core.Tests.Clock.TestCalendar;

namespace Treatment.Core.Tests.Jobs;

public sealed class LateFulfilmentTests
{
    private static readonly WorkflowMilestonePlanner Planner = new(Calculator);

    private static readonly Treatment.Core.Workflows.WorkflowDefinition Legal = WorkflowTestData.Catalog.Get("legal", 1);

    /// <summary>A legal petition received Monday 2026-03-09 10:00 KST, under review.</summary>
    private static Petition UnderReview() => new()
    {
        ReceiptNumber = "2026-TEST-000002",
        Title = "건축 신고",
        Body = "본문",
        PetitionerName = "홍길동",
        WorkflowId = "legal",
        WorkflowVersion = 1,
        State = "reviewing",
        ArrivedAt = Kst(2026, 3, 9, 10),
        ReceivedAt = Kst(2026, 3, 9, 10),
        UpdatedAt = Kst(2026, 3, 9, 10),
        ClockState = ClockState.Running,
        PeriodUnit = PeriodUnit.Days,
        PeriodValue = 10,
        DueAt = Calculator.Compute(Kst(2026, 3, 9, 10), TreatmentPeriod.Days(10)).Value!.Due,
        AgencyId = 7,
        DepartmentId = 70,
    };

    [Fact]
    public void Find_SupplementationRequestedAfterEightWorkingHours_LateSupplementationRequestBreach()
    {
        var breaches = LateFulfilment.Find(Planner, UnderReview(), Legal, "request-supplement", Kst(2026, 3, 10, 15));

        var breach = Assert.Single(breaches);
        Assert.Equal("supplement-request-window", breach.Obligation);
        Assert.Equal(Kst(2026, 3, 10, 10), breach.DueAt);
        Assert.Equal(7, breach.AgencyId);
    }

    [Fact]
    public void Find_SupplementationRequestedWithinTheWindow_NoBreach()
    {
        var breaches = LateFulfilment.Find(Planner, UnderReview(), Legal, "request-supplement", Kst(2026, 3, 9, 14));

        Assert.Empty(breaches);
    }

    [Fact]
    public void Find_RoutedLate_LeftToTheSweep()
    {
        var breaches = LateFulfilment.Find(Planner, UnderReview(), Legal, "route", Kst(2026, 3, 10, 15));

        Assert.Empty(breaches);
    }
}
