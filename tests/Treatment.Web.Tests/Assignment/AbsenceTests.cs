using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>Absences with substitutes, and disabling: open work moves to the substitute or the queue; supervisors are told.</summary>
[Collection(AssignmentCollection.Name)]
public sealed class AbsenceTests(TreatmentApp app)
{
    private const string Agency = "SEOUL-JONGNO-SAJIK";
    private readonly AssignmentData _data = new(app);

    [Fact]
    public async Task RecordAbsence_StartedWithASubstitute_MovesOpenWorkToTheSubstituteAndTellsTheSupervisors()
    {
        // Arrange
        var absent = await _data.OfficialAsync("sajik.absent1", Agency, "CIVIL");
        var substitute = await _data.OfficialAsync("sajik.substitute1", Agency, "CIVIL");
        var lead = await _data.OfficialAsync("sajik.lead", Agency, "CIVIL", Roles.Supervisor);
        var (scope, db) = _data.Open();
        var work = new[] { await _data.QueuedAsync(db, Agency, "CIVIL", assignee: absent.Id), await _data.QueuedAsync(db, Agency, "CIVIL", assignee: absent.Id) };
        var closed = await _data.QueuedAsync(db, Agency, "CIVIL", assignee: absent.Id);
        await db.Petitions.Where(p => p.Id == closed.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsOpen, false));
        var admin = await AssignmentData.ActorAsync(db, "jongno.admin");
        var today = DueBadges.KstDate(app.Time.GetUtcNow());

        // Act
        var result = await AssignmentData.Service<AbsenceService>(scope).RecordAsync(admin, absent.Id, today, today.AddDays(2), substitute.Id, "연가", default);

        // Assert
        Assert.True(result.IsSuccess, result.Error?.Code);
        var ids = work.Select(w => w.Id).ToList();
        Assert.Equal(2, await db.Petitions.CountAsync(p => ids.Contains(p.Id) && p.AssigneeId == substitute.Id));
        Assert.Equal(absent.Id, (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == closed.Id)).AssigneeId); // closed work stays as it was
        Assert.Equal(2, await db.PetitionEvents.CountAsync(e => ids.Contains(e.PetitionId) && e.Type == PetitionEventTypes.Substituted));
        Assert.True(await db.UserNotifications.AnyAsync(n => n.UserId == lead.Id && n.MessageKo.Contains("sajik.absent1")));
        Assert.True(await db.UserNotifications.AnyAsync(n => n.UserId == substitute.Id));
    }

    [Fact]
    public async Task RecordAbsence_WithoutASubstitute_ReturnsWorkToTheQueue_AndDistributionSkipsTheAbsentOfficial()
    {
        // Arrange
        var absent = await _data.OfficialAsync("sajik.absent2", Agency, "CIVIL");
        var present = await _data.OfficialAsync("sajik.present2", Agency, "CIVIL");
        var (scope, db) = _data.Open();
        var work = await _data.QueuedAsync(db, Agency, "CIVIL", assignee: absent.Id);
        var admin = await AssignmentData.ActorAsync(db, "jongno.admin");
        var today = DueBadges.KstDate(app.Time.GetUtcNow());

        // Act
        var result = await AssignmentData.Service<AbsenceService>(scope).RecordAsync(admin, absent.Id, today, today, null, null, default);
        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", DistributionPolicy.RoundRobin);
        var assignees = new List<Guid?>();
        for (var i = 0; i < 6; i++)
        {
            assignees.Add((await AssignmentData.ReceiveAsync(scope, Agency, title: $"부재 중 배부 {i}")).AssigneeId);
        }

        await AssignmentData.SetPolicyAsync(db, Agency, "CIVIL", DistributionPolicy.Manual);

        // Assert
        Assert.True(result.IsSuccess, result.Error?.Code);
        Assert.Null((await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == work.Id)).AssigneeId);
        Assert.True(await db.PetitionEvents.AnyAsync(e => e.PetitionId == work.Id && e.Type == PetitionEventTypes.ReturnedToQueue));
        Assert.DoesNotContain(absent.Id, assignees.Select(a => a!.Value));
        Assert.Contains(present.Id, assignees.Select(a => a!.Value));
    }

    [Fact]
    public async Task RecordAbsence_StartingTomorrow_MovesNothingUntilTheDayItStarts()
    {
        // Arrange
        var absent = await _data.OfficialAsync("sajik.absent3", Agency, "CIVIL");
        var substitute = await _data.OfficialAsync("sajik.substitute3", Agency, "CIVIL");
        var (scope, db) = _data.Open();
        var work = await _data.QueuedAsync(db, Agency, "CIVIL", assignee: absent.Id);
        var admin = await AssignmentData.ActorAsync(db, "jongno.admin");
        var today = DueBadges.KstDate(app.Time.GetUtcNow());
        var absences = AssignmentData.Service<AbsenceService>(scope);

        // Act
        await absences.RecordAsync(admin, absent.Id, today.AddDays(1), today.AddDays(2), substitute.Id, "출장", default);
        var before = (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == work.Id)).AssigneeId;
        app.Time.Advance(TimeSpan.FromDays(1));
        var applied = await absences.ApplyStartedAsync(default);

        // Assert
        Assert.Equal(absent.Id, before);
        Assert.True(applied >= 1);
        Assert.Equal(substitute.Id, (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == work.Id)).AssigneeId);
        Assert.Equal(1, await db.Set<Absence>().CountAsync(a => a.UserId == absent.Id && a.AppliedAt != null));
    }

    [Fact]
    public async Task RecordAbsence_ByAnOfficial_IsForbidden_ForAnotherAgencysUser_IsNotFound()
    {
        // Arrange
        var absent = await _data.OfficialAsync("sajik.absent4", Agency, "CIVIL");
        var (scope, db) = _data.Open();
        var official = await AssignmentData.ActorAsync(db, "jongno.official");
        var otherAdmin = await AssignmentData.ActorAsync(db, "mois.admin");
        var today = DueBadges.KstDate(app.Time.GetUtcNow());
        var absences = AssignmentData.Service<AbsenceService>(scope);

        // Act
        var byOfficial = await absences.RecordAsync(official, absent.Id, today, today, null, null, default);
        var byOtherAgency = await absences.RecordAsync(otherAdmin, absent.Id, today, today, null, null, default);

        // Assert
        Assert.Equal(PetitionErrorKind.Forbidden, byOfficial.Error?.Kind);
        Assert.Equal(PetitionErrorKind.NotFound, byOtherAgency.Error?.Kind);
    }

    [Fact]
    public async Task Disable_Official_ReturnsTheirOpenWorkToTheQueueAndTellsTheSupervisors()
    {
        // Arrange
        var leaving = await _data.OfficialAsync("jongno.leaving", "SEOUL-JONGNO", "CIVIL");
        var (scope, db) = _data.Open();
        var work = new[] { await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", assignee: leaving.Id), await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", assignee: leaving.Id) };
        var admin = await AssignmentData.ActorAsync(db, "jongno.admin");
        var supervisor = await AssignmentData.ActorAsync(db, "jongno.supervisor");

        // Act
        await AssignmentData.Service<UserAdminService>(scope).SetActiveAsync(admin, leaving.Id, active: false, default);

        // Assert
        Assert.Equal(0, await db.Petitions.CountAsync(p => p.IsOpen && p.AssigneeId == leaving.Id));
        var ids = work.Select(w => w.Id).ToList();
        Assert.Equal(2, await db.Petitions.CountAsync(p => ids.Contains(p.Id) && p.AssigneeId == null));
        Assert.Equal(2, await db.PetitionEvents.CountAsync(e => ids.Contains(e.PetitionId) && e.Type == PetitionEventTypes.ReturnedToQueue));
        Assert.True(await db.UserNotifications.AnyAsync(n => n.UserId == supervisor.UserId && n.MessageKo.Contains("jongno.leaving")));
    }
}
