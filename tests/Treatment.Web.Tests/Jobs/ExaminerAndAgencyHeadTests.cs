using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Jobs.MilestonePetitions;

namespace Treatment.Web.Tests.Jobs;

/// <summary>The 독촉장 rendered as form 7 to the department head, and the agency-head escalation to the named head of agency.</summary>
[Collection(JobsCollection.Name)]
public sealed class ExaminerAndAgencyHeadTests(JobsApp jobs)
{
    private readonly TreatmentApp _app = jobs.App;

    [Fact]
    public async Task Sweep_ExaminerReminder_IsTheForm7DocumentFromItsTemplateToTheDepartmentHead()
    {
        // Arrange
        var petition = await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-25));

        // Act
        await Sweep(_app).DrainAsync(CancellationToken.None);
        await Sweep(_app).DrainAsync(CancellationToken.None);

        // Assert
        await using var db = _app.CreateDbContext();
        var message = Assert.Single(await db.OutboxMessages.Where(m => m.PetitionId == petition.Id && m.Subject.StartsWith("[독촉장]")).ToListAsync());
        Assert.Equal("jongno.supervisor@demo.treatment.local", message.Recipient);
        Assert.StartsWith("독 촉 장 (Reminder)", message.Body);
        Assert.Contains("[별지 제7호서식]", message.Body);
        Assert.Contains("수신: 민원여권과 부서장", message.Body);
        Assert.Contains("발신: 서울특별시 종로구 민원심사관", message.Body);
        Assert.Contains($"접수번호 (Receipt no.): {petition.ReceiptNumber}", message.Body);
        Assert.Contains("시행령 제28조②", message.Body);
    }

    [Fact]
    public async Task Sweep_AgencyHeadEscalation_ReachesTheNamedHeadOfAgencyNotTheExaminers()
    {
        // Arrange: Mapo's head of agency holds the AgencyHead role beside no other
        var head = await AddAgencyHeadAsync("mapo.head", "마포구청장", "SEOUL-MAPO");
        var petition = await CreateAsync(_app, _app.Time.GetUtcNow().AddDays(-40));
        await using (var move = _app.CreateDbContext())
        {
            var mapo = await move.Agencies.Include(a => a.Departments).SingleAsync(a => a.Code == "SEOUL-MAPO");
            await move.Petitions.Where(p => p.Id == petition.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.AgencyId, mapo.Id).SetProperty(p => p.DepartmentId, mapo.Departments.First(d => d.IsPetitionsOffice).Id));
        }

        // Act
        for (var i = 0; i < 4; i++)
        {
            await Sweep(_app).DrainAsync(CancellationToken.None);
        }

        // Assert
        await using var db = _app.CreateDbContext();
        var reports = await db.OutboxMessages.Where(m => m.PetitionId == petition.Id && m.Subject.StartsWith("[기관장 보고]")).Select(m => m.Recipient).ToListAsync();
        Assert.Equal(["mapo.head@demo.treatment.local"], reports);
        var notified = await db.UserNotifications.Where(n => n.PetitionId == petition.Id && n.Kind == "agency-head").Select(n => n.UserId).ToListAsync();
        Assert.Equal([head], notified);
    }

    private async Task<Guid> AddAgencyHeadAsync(string userName, string name, string agencyCode)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode);
        var user = new AppUser { UserName = userName, Email = $"{userName}@demo.treatment.local", DisplayName = name, AgencyId = agency.Id };
        Assert.True((await users.CreateAsync(user, "Head!2345-long-enough")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.AgencyHead)).Succeeded);
        return user.Id;
    }
}
