using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Reports;

/// <summary>Every change made through the petition service reaches the report rollup in its own transaction.</summary>
[Collection(AppCollection.Name)]
public sealed class PetitionServiceRollupTests(TreatmentApp app)
{
    /// <summary>Folded and not yet folded facts together, as the report reads them.</summary>
    private static async Task<long> SumAsync(TreatmentDbContext db, int agencyId, string measure) =>
        await db.PetitionRollups.Where(r => r.AgencyId == agencyId && r.Kind == nameof(PetitionKind.Other) && r.Measure == measure).SumAsync(r => r.Count)
        + await db.PetitionRollupDeltas.Where(r => r.AgencyId == agencyId && r.Kind == nameof(PetitionKind.Other) && r.Measure == measure).SumAsync(r => r.Count);

    [Fact]
    public async Task ReceiveThenAnswer_ThroughService_CountedOnceAsReceivedAndOnceAsDecided()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<PetitionService>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "jongno.official");
        var official = new Actor(user.Id, user.DisplayName, new HashSet<string> { Roles.Official }, user.AgencyId, user.DepartmentId);
        var receivedBefore = await SumAsync(db, user.AgencyId, RollupMeasures.Received);
        var decidedBefore = await SumAsync(db, user.AgencyId, RollupMeasures.Decided);

        var intake = await scope.ServiceProvider.GetRequiredService<PetitionIntake>().ReceiveAsync(new IntakeRequest
        {
            Kind = PetitionKind.Other,
            AgencyCode = "SEOUL-JONGNO",
            Channel = Channel.Phone,
            Title = "쓰레기 수거 일정 문의",
            Body = "수거 요일을 알려 주세요.",
            Petitioner = new PetitionerDetails("이순신", "010-1111-2222", null, null),
        }, official);
        Assert.True(intake.IsSuccess, intake.Error?.Message.En);
        var receivedAfterIntake = await SumAsync(db, user.AgencyId, RollupMeasures.Received);
        var answered = await service.FireAsync(intake.Value!.Petition.Id, "answer-on-the-spot", new TriggerInputs { DecisionText = "매주 화·금요일입니다.", Reason = "전화 답변" }, official);

        Assert.True(answered.IsSuccess, answered.Error?.Message.En);
        Assert.Equal(receivedBefore + 1, receivedAfterIntake);
        Assert.Equal(receivedBefore + 1, await SumAsync(db, user.AgencyId, RollupMeasures.Received));
        Assert.Equal(decidedBefore + 1, await SumAsync(db, user.AgencyId, RollupMeasures.Decided));
    }
}
