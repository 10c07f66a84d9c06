using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Assignment;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>Each distribution policy, applied when intake routes a petition to a department (the demo's 서교동 민원팀).</summary>
[Collection(AssignmentCollection.Name)]
public sealed class DistributionTests(TreatmentApp app)
{
    private const string Agency = "SEOUL-MAPO-SEOGYO";
    private readonly AssignmentData _data = new(app);

    [Fact]
    public async Task Receive_ManualPolicy_PetitionWaitsInTheDepartmentsQueue()
    {
        // Arrange
        await OfficialsAsync();
        var (scope, db) = _data.Open();
        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", DistributionPolicy.Manual);

        // Act
        var petition = await AssignmentData.ReceiveAsync(scope, Agency);

        // Assert
        var saved = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petition.Id);
        Assert.Null(saved.AssigneeId);
        Assert.Equal((await AssignmentData.DepartmentAsync(db, Agency, "CIVIL")).Id, saved.DepartmentId);
        Assert.False(await db.PetitionEvents.AnyAsync(e => e.PetitionId == petition.Id && e.Type == PetitionEventTypes.Assigned));
    }

    [Theory]
    [InlineData(DistributionPolicy.Manual, false)]
    [InlineData(DistributionPolicy.RoundRobin, true)]
    [InlineData(DistributionPolicy.LeastOpenWork, true)]
    public async Task Allocate_ReturnsTheRoutedDepartmentsPolicy_SoIntakeReadsOfficialsOnlyWhenItDistributes(DistributionPolicy policy, bool distributes)
    {
        // Arrange
        var (scope, db) = _data.Open();
        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", policy);
        var department = await AssignmentData.DepartmentAsync(db, Agency, "CIVIL");
        var receipts = scope.ServiceProvider.GetRequiredService<ReceiptAllocator>();

        // Act
        var allocation = await receipts.AllocateAsync(department.AgencyId, 2026, department.Id, CancellationToken.None);

        // Assert
        Assert.Equal(policy, allocation.DepartmentPolicy);
        Assert.Equal(distributes, allocation.DepartmentDistributes);
        Assert.True(allocation.Id > 0 && allocation.Sequence > 0);
    }

    [Fact]
    public async Task Receive_RoundRobin_GivesEachOfficialATurnAndAuditsEachAssignment()
    {
        // Arrange
        var officials = await OfficialsAsync();
        var (scope, db) = _data.Open();
        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", DistributionPolicy.RoundRobin);

        // Act
        var assignees = new List<Guid?>();
        for (var i = 0; i < 6; i++)
        {
            assignees.Add((await AssignmentData.ReceiveAsync(scope, Agency, title: $"순번 배부 {i}")).AssigneeId);
        }

        // Assert
        Assert.All(assignees, a => Assert.Contains(a!.Value, officials));
        Assert.All(officials, o => Assert.Equal(2, assignees.Count(a => a == o)));
        for (var i = 1; i < assignees.Count; i++)
        {
            Assert.NotEqual(assignees[i - 1], assignees[i]);
        }

        var last = await db.Petitions.AsNoTracking().OrderByDescending(p => p.Id).FirstAsync(p => p.AgencyId == db.Agencies.Single(a => a.Code == Agency).Id);
        var audit = await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == last.Id && e.Type == PetitionEventTypes.Assigned);
        Assert.Contains(last.AssigneeId!.Value.ToString(), audit.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_LeastOpenWork_GivesThePetitionToTheOfficialWithFewestOpenPetitions()
    {
        // Arrange: make the third official the only one with the fewest open petitions.
        var officials = await OfficialsAsync();
        var (scope, db) = _data.Open();
        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", DistributionPolicy.LeastOpenWork);
        var open = await OpenCountsAsync(db, officials);
        var target = officials[2];
        var most = open.Values.Max();
        foreach (var official in officials.Where(o => o != target))
        {
            for (var i = open[official]; i < most + 2; i++)
            {
                await _data.QueuedAsync(db, Agency, "CIVIL", assignee: official, title: "업무량 맞추기");
            }
        }

        for (var i = open[target]; i < most; i++)
        {
            await _data.QueuedAsync(db, Agency, "CIVIL", assignee: target, title: "업무량 맞추기");
        }

        // Act
        var first = await AssignmentData.ReceiveAsync(scope, Agency, title: "업무량 배부 1");
        var second = await AssignmentData.ReceiveAsync(scope, Agency, title: "업무량 배부 2");

        // Assert: most+1 for the target after the first; the others had most+2, so it still has the fewest.
        Assert.Equal(target, first.AssigneeId);
        Assert.Equal(target, second.AssigneeId);
        var third = await AssignmentData.ReceiveAsync(scope, Agency, title: "업무량 배부 3");
        Assert.NotEqual(target, third.AssigneeId);
    }

    [Fact]
    public async Task Receive_ByKindOrAffair_GivesThePetitionToTheMatchedOfficial_OthersToEveryone()
    {
        // Arrange
        var officials = await OfficialsAsync();
        var (scope, db) = _data.Open();
        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", DistributionPolicy.RoundRobin, byMatch: true);
        var department = await AssignmentData.DepartmentAsync(db, Agency, "CIVIL");
        var passport = await db.Affairs.AsNoTracking().SingleAsync(a => a.Code == "FARM-ACQ-CERT");
        await db.Set<DistributionMatch>().Where(m => m.DepartmentId == department.Id).ExecuteDeleteAsync();
        db.Set<DistributionMatch>().AddRange(
            new DistributionMatch { DepartmentId = department.Id, UserId = officials[1], Kind = PetitionKind.Grievance },
            new DistributionMatch { DepartmentId = department.Id, UserId = officials[2], AffairId = passport.Id });
        await db.SaveChangesAsync();

        // Act
        var grievances = new List<Guid?>();
        for (var i = 0; i < 3; i++)
        {
            grievances.Add((await AssignmentData.ReceiveAsync(scope, Agency, PetitionKind.Grievance, title: $"고충 {i}")).AssigneeId);
        }

        var passportPetition = await AssignmentData.ReceiveAsync(scope, Agency, PetitionKind.Legal, "FARM-ACQ-CERT", "농지취득자격증명 신청");
        var others = new List<Guid?>();
        for (var i = 0; i < 3; i++)
        {
            others.Add((await AssignmentData.ReceiveAsync(scope, Agency, PetitionKind.Other, title: $"기타 {i}")).AssigneeId);
        }

        // Assert
        Assert.All(grievances, a => Assert.Equal(officials[1], a));
        Assert.Equal(officials[2], passportPetition.AssigneeId);
        Assert.Equal(3, others.Distinct().Count());
        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", DistributionPolicy.Manual);
    }

    [Fact]
    public async Task Receive_AutomaticPolicyWithNoOfficialAvailable_WaitsInTheQueue()
    {
        // Arrange: 합정동 has no officials at all.
        var (scope, db) = _data.Open();
        await AssignmentData.SetPolicyAsync(db, "SEOUL-MAPO-HAPJEONG", "CIVIL", DistributionPolicy.LeastOpenWork);

        // Act
        var petition = await AssignmentData.ReceiveAsync(scope, "SEOUL-MAPO-HAPJEONG");

        // Assert
        Assert.Null(petition.AssigneeId);
    }

    private async Task<List<Guid>> OfficialsAsync() =>
    [
        (await _data.OfficialAsync("seogyo.a", Agency, "CIVIL")).Id,
        (await _data.OfficialAsync("seogyo.b", Agency, "CIVIL")).Id,
        (await _data.OfficialAsync("seogyo.c", Agency, "CIVIL")).Id,
    ];

    private static async Task<Dictionary<Guid, int>> OpenCountsAsync(Treatment.Core.Persistence.TreatmentDbContext db, List<Guid> officials)
    {
        var counts = await db.Petitions.AsNoTracking().Where(p => p.IsOpen && p.AssigneeId != null && officials.Contains(p.AssigneeId.Value))
            .GroupBy(p => p.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return officials.ToDictionary(o => o, o => counts.GetValueOrDefault(o));
    }
}
