using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Jobs;

/// <summary>The supplementation request is due within 8 working hours of receipt (Rule §9①); a later one is a recorded breach.</summary>
[Collection(AppCollection.Name)]
public sealed class LateSupplementationRequestTests(TreatmentApp app)
{
    private async Task<long> RequestSupplementAsync(TimeSpan receivedAgo)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<PetitionService>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "jongno.building");
        var official = new Actor(user.Id, user.DisplayName, new HashSet<string> { Roles.Official }, user.AgencyId, user.DepartmentId);
        var now = app.Time.GetUtcNow();
        var intake = await scope.ServiceProvider.GetRequiredService<PetitionIntake>().ReceiveAsync(new IntakeRequest
        {
            Kind = PetitionKind.Legal,
            AffairCode = "BLD-REPORT",
            AgencyCode = "SEOUL-JONGNO",
            Channel = Channel.Visit,
            Title = "건축신고 보완 시한 확인",
            Body = "보완 요구 시한 시험",
            Petitioner = new PetitionerDetails("홍길동", "010-0000-0000", null, "서울 종로구"),
            ReceivedAt = now - receivedAgo,
        }, official);
        Assert.True(intake.IsSuccess, intake.Error?.Message.En);
        var id = intake.Value!.Petition.Id;
        foreach (var (trigger, inputs) in new[]
        {
            ("route", TriggerInputs.Empty),
            ("request-supplement", new TriggerInputs { Reason = "도면 누락", SupplementDueDate = DateOnly.FromDateTime(now.AddDays(20).UtcDateTime), SupplementDays = 20 }),
        })
        {
            var fired = await service.FireAsync(id, trigger, inputs, official);
            Assert.True(fired.IsSuccess, $"{trigger}: {fired.Error?.Message.En}");
        }

        return id;
    }

    [Fact]
    public async Task FireRequestSupplement_AfterEightWorkingHours_RecordsBreach()
    {
        var id = await RequestSupplementAsync(TimeSpan.FromDays(7));

        await using var db = app.CreateDbContext();
        var breach = await db.ObligationBreaches.SingleAsync(b => b.PetitionId == id);
        Assert.Equal("supplement-request-window", breach.Obligation);
        Assert.True(breach.DueAt < breach.DetectedAt);
    }

    [Fact]
    public async Task FireRequestSupplement_WithinEightWorkingHours_RecordsNoBreach()
    {
        var id = await RequestSupplementAsync(TimeSpan.FromMinutes(10));

        await using var db = app.CreateDbContext();
        Assert.False(await db.ObligationBreaches.AnyAsync(b => b.PetitionId == id));
    }
}
