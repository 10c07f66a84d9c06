using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Web.Tests.Browser;

/// <summary>Petitions made the way production makes them: received through PetitionService, then assigned.</summary>
public static class BrowserTestData
{
    /// <summary>A grievance (7 working days, Decree §17①) received by mail the given days ago and assigned to the user.</summary>
    public static async Task<Petition> ReceivedAsync(BrowserApp app, string assigneeUserName, string title, string petitionerName, int receivedDaysAgo = 0)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var petitions = scope.ServiceProvider.GetRequiredService<PetitionService>();
        var assignee = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == assigneeUserName);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == assignee.AgencyId);
        var intake = await scope.ServiceProvider.GetRequiredService<PetitionIntake>().ReceiveAsync(new IntakeRequest
        {
            Kind = PetitionKind.Grievance,
            AgencyCode = agency.Code,
            Channel = Channel.Mail,
            Title = title,
            Body = "확인 부탁드립니다.",
            Petitioner = new PetitionerDetails(petitionerName, "010-1234-5678", null, "서울특별시 종로구 세종대로 1"),
            ReceivedAt = DateTimeOffset.UtcNow.AddDays(-receivedDaysAgo).AddMinutes(-1),
        }, Actor.System);
        Assert.True(intake.IsSuccess, intake.Error?.Message.En);
        var id = intake.Value!.Petition.Id;

        // Assigning is a supervisor's act in the service; the test acts as one of the assignee's agency.
        var assigner = new Actor(assignee.Id, "테스트 배정", new HashSet<string> { Core.Agencies.Roles.Supervisor }, assignee.AgencyId, assignee.DepartmentId);
        var reassigned = await petitions.ReassignAsync([id], assignee.Id, "테스트 배정", assigner);
        Assert.True(reassigned.IsSuccess, reassigned.Error?.Message.En);
        return await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id);
    }
}
