using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Core.Petitions.SameMatter;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Petitions;

/// <summary>
/// Filings on the same matter (Act §23): suggested by similarity, judged by an official, and only confirmed links
/// make close-as-repeated reachable: a third filing after two result notices, and not before.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SameMatterTests(TreatmentApp app)
{
    private const string Title = "우리 집 앞 불법 주정차 단속 요청";
    private const string Body = "매일 저녁 우리 집 앞 골목에 불법 주정차 차량이 있어 통행이 어렵습니다. 단속을 요청합니다.";

    [Fact]
    public async Task CloseAsRepeated_ThirdFilingAfterTwoResultNotices_AllowedOnlyOnceBothEarlierFilingsAreConfirmed()
    {
        // Arrange: two filings answered (two result notices), a third filed, and an unrelated petition of the same petitioner
        await using var scope = app.Services.CreateAsyncScope();
        var official = await OfficialAsync(scope);
        var petitioner = "반복" + UniqueHangul();
        var first = await FileAsync(scope, official, petitioner, Title, Body);
        await AnswerAsync(scope, official, first);
        var second = await FileAsync(scope, official, petitioner, Title + " (재요청)", Body);
        await AnswerAsync(scope, official, second);
        var unrelated = await FileAsync(scope, official, petitioner, "여권 발급 수수료 문의", "여권 재발급 수수료가 얼마인가요?");
        var third = await FileAsync(scope, official, petitioner, Title, Body + " 세 번째 요청입니다.");
        var sameMatter = scope.ServiceProvider.GetRequiredService<SameMatterService>();

        // Act and assert: suggestions are the two earlier filings, not the unrelated one
        var candidates = await sameMatter.CandidatesAsync(official, third, CancellationToken.None);
        Assert.Equal([first, second], candidates!.Select(c => c.PetitionId).Order());
        Assert.DoesNotContain(candidates!, c => c.PetitionId == unrelated);
        Assert.All(candidates!, c => Assert.True(c.Similarity >= SameMatterService.SuggestionThreshold));

        // Not before: nothing confirmed, then one confirmed and one rejected
        Assert.False((await CloseAsRepeatedAsync(scope, official, third)).IsSuccess);
        var one = await sameMatter.JudgeAsync(official, third, second, SameMatterDecision.Confirmed, "같은 골목 단속 요청", CancellationToken.None);
        Assert.Equal(new SameMatterCounts(2, 1), one.Value);
        Assert.False((await CloseAsRepeatedAsync(scope, official, third)).IsSuccess);
        await sameMatter.JudgeAsync(official, third, first, SameMatterDecision.Rejected, "장소가 다름", CancellationToken.None);
        Assert.False((await CloseAsRepeatedAsync(scope, official, third)).IsSuccess);

        // Reached: the first filing confirmed too (a reconsidered judgement replaces the earlier one)
        var both = await sameMatter.JudgeAsync(official, third, first, SameMatterDecision.Confirmed, "재검토: 같은 골목", CancellationToken.None);
        Assert.Equal(new SameMatterCounts(3, 2), both.Value);
        var closed = await CloseAsRepeatedAsync(scope, official, third);
        Assert.True(closed.IsSuccess, closed.Error?.Message.En);

        await using var db = app.CreateDbContext();
        var judged = await db.PetitionEvents.Where(e => e.PetitionId == third && e.Type == PetitionEventTypes.SameMatterJudged).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["같은 골목 단속 요청", "장소가 다름", "재검토: 같은 골목"], judged.Select(e => e.Reason));
        Assert.All(judged, e => Assert.Equal(official.UserId, e.ActorId));
    }

    [Fact]
    public async Task JudgeAsync_NoReasonOrNotASuggestion_IsRefusedAndNothingIsLinked()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var official = await OfficialAsync(scope);
        var petitioner = "판단" + UniqueHangul();
        var first = await FileAsync(scope, official, petitioner, Title, Body);
        var other = await FileAsync(scope, official, petitioner + "다른", Title, Body);
        var second = await FileAsync(scope, official, petitioner, Title, Body);
        var sameMatter = scope.ServiceProvider.GetRequiredService<SameMatterService>();

        // Act
        var blank = await sameMatter.JudgeAsync(official, second, first, SameMatterDecision.Confirmed, " ", CancellationToken.None);
        var notSuggested = await sameMatter.JudgeAsync(official, second, other, SameMatterDecision.Confirmed, "같은 내용", CancellationToken.None);

        // Assert
        Assert.Equal(PetitionErrorKind.Invalid, blank.Error?.Kind);
        Assert.Equal(PetitionErrorKind.Invalid, notSuggested.Error?.Kind);
        await using var db = app.CreateDbContext();
        Assert.False(await db.SameMatterLinks.AnyAsync(l => l.PetitionId == second));
    }

    [Theory]
    [InlineData("mapo.official")]
    [InlineData("mois.analyst")]
    public async Task CandidatesAndJudge_OutsideTheScope_AnswerNotFound(string userName)
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var official = await OfficialAsync(scope);
        var petitioner = "범위" + UniqueHangul();
        var first = await FileAsync(scope, official, petitioner, Title, Body);
        var second = await FileAsync(scope, official, petitioner, Title, Body);
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var outsider = await BackOfficeSession.ActorAsync(db, userName);
        var sameMatter = scope.ServiceProvider.GetRequiredService<SameMatterService>();

        // Act
        var candidates = await sameMatter.CandidatesAsync(outsider, second, CancellationToken.None);
        var judged = await sameMatter.JudgeAsync(outsider, second, first, SameMatterDecision.Confirmed, "같은 내용", CancellationToken.None);

        // Assert
        Assert.Null(candidates);
        Assert.Equal(PetitionErrorKind.NotFound, judged.Error?.Kind);
    }

    [Fact]
    public async Task PetitionPage_ThirdFiling_ShowsTheEarlierFilingsAndRecordsAJudgement()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var official = await OfficialAsync(scope);
        var petitioner = "화면" + UniqueHangul();
        var first = await FileAsync(scope, official, petitioner, Title, Body);
        var second = await FileAsync(scope, official, petitioner, Title, Body);
        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);

        // Act
        var page = await session.Client.GetStringAsync($"/Petitions/{second}");
        var posted = await session.PostAsync($"/Petitions/{second}", $"/Petitions/{second}?handler=SameMatter", new Dictionary<string, string>
        {
            ["earlierPetitionId"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["confirmed"] = "true",
            ["reason"] = "같은 골목",
        });
        var after = await session.Client.GetStringAsync($"/Petitions/{second}");

        // Assert
        Assert.Contains("같은 내용의 이전 민원", page);
        Assert.Contains($"data-earlier=\"{first}\"", page);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("같은 내용의 제출 2회", after);
    }

    /// <summary>Three random syllables: names are Hangul, and each test's petitioner is its own.</summary>
    private static string UniqueHangul() => string.Concat(Enumerable.Range(0, 3).Select(_ => (char)(0xAC00 + Random.Shared.Next(11_172))));

    private static async Task<Actor> OfficialAsync(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "jongno.official");
        return new Actor(user.Id, user.DisplayName, new HashSet<string> { Roles.Official }, user.AgencyId, user.DepartmentId);
    }

    private static async Task<long> FileAsync(AsyncServiceScope scope, Actor official, string petitioner, string title, string body)
    {
        var intake = await scope.ServiceProvider.GetRequiredService<PetitionIntake>().ReceiveAsync(new IntakeRequest
        {
            Kind = PetitionKind.Inquisitive,
            SubKind = "procedure",
            AgencyCode = "SEOUL-JONGNO",
            Channel = Channel.Visit,
            Title = title,
            Body = body,
            Petitioner = new PetitionerDetails(petitioner, "010-3333-4444", null, null),
        }, official);
        Assert.True(intake.IsSuccess, intake.Error is { } e ? $"{e.Message.En} {string.Join("; ", e.Fields?.Select(f => f.Key + ": " + string.Join(",", f.Value)) ?? [])}" : null);
        return intake.Value!.Petition.Id;
    }

    private static async Task AnswerAsync(AsyncServiceScope scope, Actor official, long id)
    {
        var service = scope.ServiceProvider.GetRequiredService<PetitionService>();
        var routed = await service.FireAsync(id, "route", new TriggerInputs(), official);
        Assert.True(routed.IsSuccess, routed.Error?.Message.En);
        var answered = await service.FireAsync(id, "answer", new TriggerInputs { DecisionText = "단속반을 보냈습니다." }, official);
        Assert.True(answered.IsSuccess, answered.Error?.Message.En);
    }

    private static Task<PetitionResult<Petition>> CloseAsRepeatedAsync(AsyncServiceScope scope, Actor official, long id) =>
        scope.ServiceProvider.GetRequiredService<PetitionService>().FireAsync(id, "close-as-repeated", new TriggerInputs { Reason = "반복 민원", Remedies = "행정심판·행정소송을 제기할 수 있습니다." }, official);
}
