using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>Claim, release and distribution: scope by department, the conditional UPDATE under two real connections.</summary>
[Collection(AssignmentCollection.Name)]
public sealed class ClaimTests(TreatmentApp app)
{
    private readonly AssignmentData _data = new(app);

    [Fact]
    public async Task Claim_QueuedPetitionOfOwnDepartment_AssignsItAndAudits()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var queued = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL");
        var official = await AssignmentData.ActorAsync(db, "jongno.official");

        // Act
        var result = await AssignmentData.Service<AssignmentService>(scope).ClaimAsync(queued.Id, official, default);

        // Assert
        Assert.True(result.IsSuccess, result.Error?.Code);
        var saved = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == queued.Id);
        Assert.Equal(official.UserId, saved.AssigneeId);
        Assert.NotNull(saved.AssignedAt);
        var audit = await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == queued.Id && e.Type == PetitionEventTypes.Claimed);
        Assert.Equal(official.UserId, audit.ActorId);
    }

    [Fact]
    public async Task Claim_TwoOfficialsAtOnceOnTwoConnections_ExactlyOneWinsTheOtherIsToldItIsTaken()
    {
        // Arrange
        await _data.OfficialAsync("jongno.civil2", "SEOUL-JONGNO", "CIVIL");
        for (var round = 0; round < 10; round++)
        {
            var (setupScope, setupDb) = _data.Open();
            var queued = await _data.QueuedAsync(setupDb, "SEOUL-JONGNO", "CIVIL", title: $"동시 claim {round}");
            var (scopeA, dbA) = _data.Open();
            var (scopeB, dbB) = _data.Open();
            var first = await AssignmentData.ActorAsync(dbA, "jongno.official");
            var second = await AssignmentData.ActorAsync(dbB, "jongno.civil2");
            await dbA.Database.OpenConnectionAsync();
            await dbB.Database.OpenConnectionAsync();
            using var start = new SemaphoreSlim(0, 2);

            // Act: both wait on the same signal, then run the claim on their own connection.
            var a = Task.Run(async () => { await start.WaitAsync(); return await AssignmentData.Service<AssignmentService>(scopeA).ClaimAsync(queued.Id, first, default); });
            var b = Task.Run(async () => { await start.WaitAsync(); return await AssignmentData.Service<AssignmentService>(scopeB).ClaimAsync(queued.Id, second, default); });
            start.Release(2);
            var results = await Task.WhenAll(a, b);

            // Assert
            Assert.Single(results, r => r.IsSuccess);
            var loser = Assert.Single(results, r => !r.IsSuccess);
            Assert.Equal(PetitionErrorKind.Conflict, loser.Error!.Kind);
            Assert.Equal("already-taken", loser.Error.Code);
            var winner = results.Single(r => r.IsSuccess).Value!.AssigneeId;
            Assert.Equal(winner, (await setupDb.Petitions.AsNoTracking().SingleAsync(p => p.Id == queued.Id)).AssigneeId);
            Assert.Equal(1, await setupDb.PetitionEvents.CountAsync(e => e.PetitionId == queued.Id && e.Type == PetitionEventTypes.Claimed));
            setupScope.Dispose();
            scopeA.Dispose();
            scopeB.Dispose();
        }
    }

    [Theory]
    [InlineData("jongno.building")] // same agency, another department
    [InlineData("mapo.official")] // another agency
    [InlineData("jongno.examiner")] // a role that does not take work
    public async Task Claim_OutsideOwnDepartmentsQueue_IsNotFound(string userName)
    {
        // Arrange
        var (scope, db) = _data.Open();
        var queued = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL");
        var actor = await AssignmentData.ActorAsync(db, userName);

        // Act
        var result = await AssignmentData.Service<AssignmentService>(scope).ClaimAsync(queued.Id, actor, default);

        // Assert
        Assert.Equal(PetitionErrorKind.NotFound, result.Error?.Kind);
        Assert.Null((await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == queued.Id)).AssigneeId);
    }

    [Fact]
    public async Task InboxQueue_Official_ListsOnlyOwnDepartmentsUnassignedPetitions()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var own = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", title: "큐 목록 확인");
        var otherDepartment = await _data.QueuedAsync(db, "SEOUL-JONGNO", "TAX", title: "큐 목록 확인");
        var official = await AssignmentData.ActorAsync(db, "jongno.official");
        var taken = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", assignee: (await AssignmentData.ActorAsync(db, "jongno.civil2")).UserId, title: "큐 목록 확인");

        // Act
        var plain = await AssignmentData.Service<InboxService>(scope).GetAsync(official, new InboxQuery { Scope = InboxScope.Queue, PageSize = 200 }, default);
        var searched = await AssignmentData.Service<InboxService>(scope).GetAsync(official, new InboxQuery { Scope = InboxScope.Queue, Search = "큐 목록", PageSize = 200 }, default);
        var counts = await AssignmentData.Service<InboxTabs>(scope).CountAsync(official, null, default);

        // Assert
        foreach (var page in new[] { plain, searched })
        {
            Assert.Contains(page.Items, i => i.Row.Id == own.Id);
            Assert.DoesNotContain(page.Items, i => i.Row.Id == otherDepartment.Id || i.Row.Id == taken.Id);
        }

        Assert.True(counts.Queue >= 1);
        Assert.Equal(await db.Petitions.CountAsync(p => p.IsOpen && p.AssigneeId == null && p.DepartmentId == official.DepartmentId), counts.Queue);
    }

    [Fact]
    public async Task Release_WithoutReasonIsRefused_WithReasonReturnsToTheQueue()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var official = await AssignmentData.ActorAsync(db, "jongno.official");
        var mine = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", assignee: official.UserId);
        var service = AssignmentData.Service<AssignmentService>(scope);

        // Act
        var withoutReason = await service.ReleaseAsync(mine.Id, "  ", official, default);
        var withReason = await service.ReleaseAsync(mine.Id, "소관 업무 조정으로 반납합니다.", official, default);

        // Assert
        Assert.Equal(PetitionErrorKind.Invalid, withoutReason.Error?.Kind);
        Assert.True(withReason.IsSuccess);
        Assert.Null((await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == mine.Id)).AssigneeId);
        var audit = await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == mine.Id && e.Type == PetitionEventTypes.Released);
        Assert.Equal("소관 업무 조정으로 반납합니다.", audit.Reason);
    }

    [Fact]
    public async Task Distribute_TeamLeadGivesThreeQueuedAtOnce_TeamLeadOfAnotherDepartmentGetsNotFound()
    {
        // Arrange
        await _data.OfficialAsync("jongno.buildlead", "SEOUL-JONGNO", "BUILDING", Roles.Supervisor);
        var (scope, db) = _data.Open();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", title: $"일괄 배부 {i}")).Id);
        }

        var teamLead = await AssignmentData.ActorAsync(db, "jongno.supervisor");
        var otherLead = await AssignmentData.ActorAsync(db, "jongno.buildlead");
        var official = await AssignmentData.ActorAsync(db, "jongno.official");
        var service = AssignmentData.Service<AssignmentService>(scope);

        // Act
        var refused = await service.DistributeAsync(ids, official.UserId!.Value, null, otherLead, default);
        var toWrongDepartment = await service.DistributeAsync(ids, (await AssignmentData.ActorAsync(db, "jongno.building")).UserId!.Value, null, teamLead, default);
        var distributed = await service.DistributeAsync(ids, official.UserId.Value, "오전 접수분 배부", teamLead, default);

        // Assert
        Assert.True(teamLead.IsTeamLead());
        Assert.Equal(PetitionErrorKind.NotFound, refused.Error?.Kind);
        Assert.Equal(PetitionErrorKind.Invalid, toWrongDepartment.Error?.Kind);
        Assert.Equal(3, distributed.Value);
        Assert.Equal(3, await db.Petitions.CountAsync(p => ids.Contains(p.Id) && p.AssigneeId == official.UserId));
        Assert.Equal(3, await db.PetitionEvents.CountAsync(e => ids.Contains(e.PetitionId) && e.Type == PetitionEventTypes.Distributed && e.ActorId == teamLead.UserId));
    }

    [Fact]
    public async Task InboxCounts_NothingAssignedButQueueWaiting_CountsTheQueueForTheDefaultTab()
    {
        // Arrange: a fresh official with nothing assigned in a department with waiting work.
        var user = await _data.OfficialAsync("jongno.newcomer", "SEOUL-JONGNO", "WELFARE");
        var (scope, db) = _data.Open();
        await _data.QueuedAsync(db, "SEOUL-JONGNO", "WELFARE", title: "복지 대기");
        var actor = await AssignmentData.ActorAsync(db, user.UserName!);

        // Act
        var mine = await AssignmentData.Service<InboxService>(scope).GetAsync(actor, new InboxQuery(), default);
        var counts = await AssignmentData.Service<InboxTabs>(scope).CountAsync(actor, null, default);

        // Assert
        Assert.Empty(mine.Items);
        Assert.Equal(0, counts.Mine);
        Assert.True(counts.Queue >= 1);
    }

    [Fact]
    public async Task InboxCounts_TodayStrip_CountsDueTodayOverdueAndNewSinceTheLastVisit()
    {
        // Arrange: a fresh official; one petition due later today, one overdue, one assigned before the last visit
        var user = await _data.OfficialAsync("jongno.stripcheck", "SEOUL-JONGNO", "WELFARE");
        var (scope, db) = _data.Open();
        var actor = await AssignmentData.ActorAsync(db, user.UserName!);
        var now = app.Time.GetUtcNow();
        var todayEnds = new DateTimeOffset(DueBadges.KstDate(now).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();
        var dueToday = await _data.QueuedAsync(db, "SEOUL-JONGNO", "WELFARE", assignee: user.Id, title: "오늘 기한");
        var overdue = await _data.QueuedAsync(db, "SEOUL-JONGNO", "WELFARE", assignee: user.Id, title: "기한 경과");
        var old = await _data.QueuedAsync(db, "SEOUL-JONGNO", "WELFARE", assignee: user.Id, title: "지난 배정");
        await db.Petitions.Where(p => p.Id == dueToday.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DueAt, todayEnds.AddMinutes(-1)));
        await db.Petitions.Where(p => p.Id == overdue.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DueAt, now.AddHours(-30)));
        await db.Petitions.Where(p => p.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.AssignedAt, now.AddDays(-3)));

        // Act
        var counts = await AssignmentData.Service<InboxTabs>(scope).CountAsync(actor, now.AddDays(-1), default);

        // Assert
        Assert.Equal(3, counts.Mine);
        Assert.Equal(1, counts.DueToday);
        Assert.Equal(1, counts.Overdue);
        Assert.Equal(2, counts.NewSinceLastVisit);
        Assert.True(counts.AtRisk >= 2);
    }
}
