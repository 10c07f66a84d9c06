using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Assignment;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>The wrong-department hand-over (Decree §13②): 3 working hours, its own action, distinct from return (반려).</summary>
[Collection(AssignmentCollection.Name)]
public sealed class HandOverTests(TreatmentApp app)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private readonly AssignmentData _data = new(app);

    [Theory]
    [InlineData("2025-07-04T16:00", "2025-07-07T10:00")] // Friday 16:00: two hours on Friday, one on Monday morning
    [InlineData("2025-07-07T11:30", "2025-07-07T15:30")] // the lunch hour is not counted
    [InlineData("2025-07-05T10:00", "2025-07-07T12:00")] // received on a Saturday: counting starts Monday 09:00
    public void HandOverDue_ThreeWorkingHoursFromArrival(string arrived, string expected)
    {
        // Arrange
        using var scope = app.Services.CreateScope();
        var rule = AssignmentData.Service<HandOverRule>(scope);
        var clock = AssignmentData.Service<IDeadlineCalculator>(scope);

        // Act
        var due = rule.DueFrom(new DateTimeOffset(DateTime.Parse(arrived, System.Globalization.CultureInfo.InvariantCulture), Kst), clock);

        // Assert
        Assert.Equal("wrong-department-handover", rule.Obligation);
        Assert.Equal(new DateTimeOffset(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Kst), due);
    }

    [Fact]
    public async Task HandOver_WithinTheLimit_MovesToTheCompetentDepartmentOpenAndInItsStateWithoutBreach()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var official = await AssignmentData.ActorAsync(db, "mapo.official");
        var petition = await _data.QueuedAsync(db, "SEOUL-MAPO", "CIVIL", TimeSpan.FromMinutes(30), official.UserId, "복지 업무가 잘못 온 민원");
        var welfare = await AssignmentData.DepartmentAsync(db, "SEOUL-MAPO", "WELFARE");

        // Act
        var result = await AssignmentData.Service<AssignmentService>(scope).HandOverAsync(petition.Id, welfare.Id, "복지정책과 소관입니다.", official, default);

        // Assert
        Assert.True(result.IsSuccess, result.Error?.Code);
        var saved = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petition.Id);
        Assert.Equal(welfare.Id, saved.DepartmentId);
        Assert.Null(saved.AssigneeId); // 복지정책과 distributes manually: it waits in that queue
        Assert.True(saved.IsOpen);
        Assert.Equal(petition.State, saved.State);
        var audit = await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == petition.Id && e.Type == PetitionEventTypes.HandedOver);
        Assert.False(System.Text.Json.JsonDocument.Parse(audit.Data!).RootElement.GetProperty("handOver").GetProperty("late").GetBoolean());
        Assert.False(await db.ObligationBreaches.AnyAsync(b => b.PetitionId == petition.Id));
    }

    [Fact]
    public async Task HandOver_AfterTheLimit_IsRecordedAsABreachForTheSupervisors()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var official = await AssignmentData.ActorAsync(db, "mapo.official");
        var petition = await _data.QueuedAsync(db, "SEOUL-MAPO", "CIVIL", TimeSpan.FromDays(4), official.UserId, "늦게 이관하는 민원");
        var welfare = await AssignmentData.DepartmentAsync(db, "SEOUL-MAPO", "WELFARE");
        var service = AssignmentData.Service<AssignmentService>(scope);
        var expectedDue = AssignmentData.Service<HandOverRule>(scope).DueFrom(petition.ReceivedAt, AssignmentData.Service<IDeadlineCalculator>(scope));

        // Act
        var result = await service.HandOverAsync(petition.Id, welfare.Id, "소관 부서 착오", official, default);

        // Assert
        Assert.True(result.IsSuccess, result.Error?.Code);
        var breach = await db.ObligationBreaches.AsNoTracking().SingleAsync(b => b.PetitionId == petition.Id);
        Assert.Equal("wrong-department-handover", breach.Obligation);
        Assert.Equal(expectedDue, breach.DueAt);
        Assert.Equal((await AssignmentData.DepartmentAsync(db, "SEOUL-MAPO", "CIVIL")).Id, breach.DepartmentId);
        var supervisor = await AssignmentData.ActorAsync(db, "mapo.supervisor");
        var breaches = await AssignmentData.Service<Treatment.Core.BackOffice.SupervisorService>(scope).BreachesAsync(supervisor, includeResolved: true, default);
        Assert.Contains(breaches, b => b.PetitionId == petition.Id);
    }

    [Fact]
    public async Task HandOver_ToADepartmentWithAnAutomaticPolicy_AssignsItInTheSameChange()
    {
        // Arrange
        var (scope, db) = _data.Open();
        await AssignmentData.SetPolicyAsync(db, "SEOUL-MAPO", "BUILDING", DistributionPolicy.RoundRobin);
        var official = await AssignmentData.ActorAsync(db, "mapo.official");
        var petition = await _data.QueuedAsync(db, "SEOUL-MAPO", "CIVIL", TimeSpan.FromMinutes(20), title: "건축 업무");
        var building = await AssignmentData.DepartmentAsync(db, "SEOUL-MAPO", "BUILDING");

        // Act
        var result = await AssignmentData.Service<AssignmentService>(scope).HandOverAsync(petition.Id, building.Id, "건축과 소관", official, default);

        // Assert
        Assert.True(result.IsSuccess, result.Error?.Code);
        var mapoBuilding = await AssignmentData.ActorAsync(db, "mapo.building");
        Assert.Equal(mapoBuilding.UserId, (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petition.Id)).AssigneeId);
        await AssignmentData.SetPolicyAsync(db, "SEOUL-MAPO", "BUILDING", DistributionPolicy.Manual);
    }

    [Fact]
    public async Task HandOver_ByAnOfficialOfAnotherDepartment_IsNotFound()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var petition = await _data.QueuedAsync(db, "SEOUL-MAPO", "CIVIL");
        var outsider = await AssignmentData.ActorAsync(db, "mapo.building");
        var welfare = await AssignmentData.DepartmentAsync(db, "SEOUL-MAPO", "WELFARE");

        // Act
        var result = await AssignmentData.Service<AssignmentService>(scope).HandOverAsync(petition.Id, welfare.Id, "이관", outsider, default);

        // Assert
        Assert.Equal(PetitionErrorKind.NotFound, result.Error?.Kind);
    }
}
