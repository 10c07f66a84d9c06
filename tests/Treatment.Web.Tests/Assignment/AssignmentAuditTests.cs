using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>
/// Every way a petition changes hands goes through <see cref="PetitionChange.Reassign"/>: one event shape (who, from,
/// to, why) whatever the path, and the next milestone replanned as after any other change.
/// </summary>
[Collection(AssignmentCollection.Name)]
public sealed class AssignmentAuditTests(TreatmentApp app)
{
    private const string Agency = "SEOUL-JONGNO";
    private const string Department = "BUILDING";
    private static readonly string[] DataNames = ["fromAssignee", "toAssignee", "fromDepartment", "toDepartment", "handOver"];
    private readonly AssignmentData _data = new(app);

    [Fact]
    public async Task EveryAssignmentPath_WritesTheOneEventShapeThroughTheChangePath()
    {
        // Arrange
        var first = await _data.OfficialAsync("audit.first", Agency, Department);
        var second = await _data.OfficialAsync("audit.second", Agency, Department);
        await _data.OfficialAsync("audit.lead", Agency, Department, Roles.Supervisor);
        var (scope, db) = _data.Open();
        var petition = await _data.QueuedAsync(db, Agency, Department, title: "배정 경로 감사");
        var (firstActor, lead) = (await AssignmentData.ActorAsync(db, "audit.first"), await AssignmentData.ActorAsync(db, "audit.lead"));
        var (supervisor, admin) = (await AssignmentData.ActorAsync(db, "jongno.supervisor"), await AssignmentData.ActorAsync(db, "jongno.admin"));
        var assignments = AssignmentData.Service<AssignmentService>(scope);
        var welfare = await AssignmentData.DepartmentAsync(db, Agency, "WELFARE");
        var today = DueBadges.KstDate(app.Time.GetUtcNow());
        var seen = new List<string>();

        async Task Step(string type, Func<Task<bool>> act, Actor actor, string? reason)
        {
            var before = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petition.Id);
            Assert.True(await act(), type);
            await AssertOneShapeAsync(db, petition.Id, type, actor, (before.AssigneeId, before.DepartmentId), reason);
            seen.Add(type);
        }

        // Act and assert: claim, release, distribution by the team lead, the supervisors' reassignment, an absence
        // with a substitute, disabling the substitute, and the hand-over to another department.
        await Step(PetitionEventTypes.Claimed, async () => (await assignments.ClaimAsync(petition.Id, firstActor, default)).IsSuccess, firstActor, null);
        await Step(PetitionEventTypes.Released, async () => (await assignments.ReleaseAsync(petition.Id, "검토 후 반납", firstActor, default)).IsSuccess, firstActor, "검토 후 반납");
        await Step(PetitionEventTypes.Distributed, async () => (await assignments.DistributeAsync([petition.Id], second.Id, "팀장 배부", lead, default)).IsSuccess, lead, "팀장 배부");
        await Step(PetitionEventTypes.Reassigned, async () => (await AssignmentData.Service<PetitionService>(scope).ReassignAsync([petition.Id], first.Id, "과장 재배정", supervisor, default)).IsSuccess, supervisor, "과장 재배정");
        await Step(PetitionEventTypes.Substituted, async () => (await AssignmentData.Service<AbsenceService>(scope).RecordAsync(admin, first.Id, today, today, second.Id, null, default)).IsSuccess, admin, $"부재 {today:yyyy-MM-dd}~{today:yyyy-MM-dd} (absence)");
        await Step(PetitionEventTypes.ReturnedToQueue, async () => { await AssignmentData.Service<UserAdminService>(scope).SetActiveAsync(admin, second.Id, active: false, default); return true; }, admin, "사용 중지 (disabled)");
        await Step(PetitionEventTypes.HandedOver, async () => (await assignments.HandOverAsync(petition.Id, welfare.Id, "복지정책과 소관입니다.", lead, default)).IsSuccess, lead, "복지정책과 소관입니다.");

        // Automatic distribution at routing, by the department's policy.
        await AssignmentData.SetPolicyAsync(db, "SEOUL-JONGNO-CHEONGUN", "CIVIL", DistributionPolicy.RoundRobin);
        var routed = await AssignmentData.ReceiveAsync(scope, "SEOUL-JONGNO-CHEONGUN", title: "자동 배부 감사");
        await AssignmentData.SetPolicyAsync(db, "SEOUL-JONGNO-CHEONGUN", "CIVIL", DistributionPolicy.Manual);
        Assert.NotNull(routed.AssigneeId);
        await AssertOneShapeAsync(db, routed.Id, PetitionEventTypes.Assigned, Actor.System, (null, routed.DepartmentId), null);
        seen.Add(PetitionEventTypes.Assigned);

        var handOver = await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == petition.Id && e.Type == PetitionEventTypes.HandedOver);
        var window = JsonSerializer.Deserialize<ReassignedData>(handOver.Data!, PetitionChange.EventJson)!.HandOver;
        Assert.NotNull(window);
        Assert.Equal("wrong-department-handover", window.Obligation);
        Assert.Equal(PetitionEventTypes.Reassignments.Order(), seen.Order());
    }

    [Fact]
    public async Task Claim_QueuedPetitionNeverPlanned_ReplansItsNextMilestone()
    {
        // Arrange: a queued petition whose next milestone was never planned.
        await _data.OfficialAsync("audit.claimer", Agency, Department);
        var (scope, db) = _data.Open();
        var queued = await _data.QueuedAsync(db, Agency, Department, title: "재계획 확인");
        var claimer = await AssignmentData.ActorAsync(db, "audit.claimer");
        Assert.Null(queued.NextMilestoneAt);

        // Act
        var result = await AssignmentData.Service<AssignmentService>(scope).ClaimAsync(queued.Id, claimer, default);

        // Assert: the stored plan is what the planner makes of the petition as claimed.
        Assert.True(result.IsSuccess, result.Error?.Code);
        var saved = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == queued.Id);
        var unplanned = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == queued.Id);
        (unplanned.NextMilestoneAt, unplanned.NextMilestone) = (null, null);
        var definition = AssignmentData.Service<WorkflowCatalog>(scope).Get(saved.WorkflowId, saved.WorkflowVersion);
        var expected = AssignmentData.Service<IMilestonePlanner>(scope).Plan(unplanned, definition, app.Time.GetUtcNow());
        Assert.NotNull(expected.At);
        Assert.Equal(expected.At, saved.NextMilestoneAt);
        Assert.Equal(expected.Milestone, saved.NextMilestone);
        Assert.Equal(claimer.UserId, saved.AssigneeId);
    }

    [Fact]
    public async Task Distribute_ManyPetitions_ReplansEachAndAuditsEachInTheOneShape()
    {
        // Arrange
        var official = await _data.OfficialAsync("audit.many", Agency, Department);
        await _data.OfficialAsync("audit.lead2", Agency, Department, Roles.Supervisor);
        var (scope, db) = _data.Open();
        var queued = new List<Petition>();
        for (var i = 0; i < 3; i++)
        {
            queued.Add(await _data.QueuedAsync(db, Agency, Department, title: $"일괄 배부 감사 {i}"));
        }

        var lead = await AssignmentData.ActorAsync(db, "audit.lead2");
        var ids = queued.Select(p => p.Id).ToList();

        // Act
        var result = await AssignmentData.Service<AssignmentService>(scope).DistributeAsync(ids, official.Id, null, lead, default);

        // Assert
        Assert.Equal(3, result.Value);
        Assert.Equal(3, await db.Petitions.CountAsync(p => ids.Contains(p.Id) && p.AssigneeId == official.Id && p.NextMilestoneAt != null));
        foreach (var petition in queued)
        {
            await AssertOneShapeAsync(db, petition.Id, PetitionEventTypes.Distributed, lead, (null, petition.DepartmentId), null);
        }
    }

    // The latest event of the type: the one data shape, from the petition as it was to as it is, by whom, why.
    private static async Task AssertOneShapeAsync(TreatmentDbContext db, long petitionId, string type, Actor actor, (Guid? Assignee, int? Department) from, string? reason)
    {
        var recorded = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == petitionId && e.Type == type).OrderByDescending(e => e.Id).FirstAsync();
        var saved = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petitionId);
        Assert.Contains(type, PetitionEventTypes.Reassignments);
        Assert.Subset(DataNames.ToHashSet(), JsonDocument.Parse(recorded.Data!).RootElement.EnumerateObject().Select(p => p.Name).ToHashSet());
        var data = JsonSerializer.Deserialize<ReassignedData>(recorded.Data!, PetitionChange.EventJson)!;
        Assert.Equal(new ReassignedData(from.Assignee, saved.AssigneeId, from.Department, saved.DepartmentId), data with { HandOver = null });
        Assert.Equal(actor.UserId, recorded.ActorId);
        Assert.Equal(actor.Name, recorded.ActorName);
        Assert.Equal(reason, recorded.Reason);
        Assert.Equal(saved.State, recorded.FromState);
        Assert.Equal(saved.State, recorded.ToState);
        Assert.NotNull(saved.NextMilestoneAt); // replanned: the queued petitions start unplanned
    }
}
