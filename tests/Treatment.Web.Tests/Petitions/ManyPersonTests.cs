using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Committee;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Core.Petitions.ManyPerson;
using Treatment.Core.Petitions.SameMatter;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Petitions;

/// <summary>
/// Many-person petitions (Act §24, Decree §§6⑥, 8, 26): the roster and representatives, the committee decision a
/// many-person closure needs, and a merged group treated as one.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ManyPersonTests(TreatmentApp app)
{
    private const string Title = "아파트 단지 앞 횡단보도 신호등 설치 요청";
    private const string Body = "단지 앞 도로에 신호등이 없어 주민들이 위험합니다. 신호등 설치를 요청합니다.";

    [Fact]
    public async Task CloseAsRepeated_ManyPersonPetition_RefusedWithoutACommitteeDecisionAndAllowedOnceOneApprovesIt()
    {
        // Arrange: a many-person petition filed a third time after two answers, the earlier filings confirmed as the same matter
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var petitioner = "주민대표" + UniqueHangul();
        var first = await FileAsync(scope, official, petitioner, Title, Body, signers: 40, households: 25);
        await AnswerAsync(scope, official, first);
        var second = await FileAsync(scope, official, petitioner, Title, Body, signers: 40, households: 25);
        await AnswerAsync(scope, official, second);
        var third = await FileAsync(scope, official, petitioner, Title, Body, signers: 40, households: 25);
        var sameMatter = scope.ServiceProvider.GetRequiredService<SameMatterService>();
        await sameMatter.JudgeAsync(official, third, first, SameMatterDecision.Confirmed, "같은 신호등 요청", CancellationToken.None);
        await sameMatter.JudgeAsync(official, third, second, SameMatterDecision.Confirmed, "같은 신호등 요청", CancellationToken.None);
        var committee = scope.ServiceProvider.GetRequiredService<CommitteeService>();
        var meeting = (await committee.ScheduleMeetingAsync(supervisor, app.Time.GetUtcNow().AddDays(7), "구청 소회의실", CancellationToken.None)).Value!;

        // Act and assert: no committee decision, then one that does not approve, refuse the closure
        var before = await CloseAsRepeatedAsync(scope, official, third);
        var refusedItem = await DecidedItemAsync(committee, official, supervisor, third, meeting.Id, CommitteeResolution.NotApproved);
        var afterRefusal = await CloseAsRepeatedAsync(scope, official, third);
        var approvedItem = await DecidedItemAsync(committee, official, supervisor, third, meeting.Id, CommitteeResolution.Approved);
        var afterApproval = await CloseAsRepeatedAsync(scope, official, third);

        Assert.Equal("guard-refused", before.Error?.Code);
        Assert.Contains("coordination committee", before.Error!.Message.En);
        Assert.Equal("guard-refused", afterRefusal.Error?.Code);
        Assert.Contains("coordination committee", afterRefusal.Error!.Message.En);
        Assert.True(afterApproval.IsSuccess, afterApproval.Error?.Message.En);
        await using var check = app.CreateDbContext();
        var decision = await check.CommitteeDecisions.SingleAsync(d => d.AgendaItemId == approvedItem);
        Assert.Equal(decision.Id, (await check.Petitions.SingleAsync(p => p.Id == third)).CommitteeClosureDecisionId);
        Assert.True(await check.CommitteeDecisions.AnyAsync(d => d.AgendaItemId == refusedItem && d.Resolution == CommitteeResolution.NotApproved));
        Assert.Equal(2, await check.PetitionEvents.CountAsync(e => e.PetitionId == third && e.Type == PetitionEventTypes.CommitteeDecided));
    }

    [Fact]
    public async Task RosterAndRepresentatives_AtIntakeAndLater_AreRecordedWithTheirEvents()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
        var service = scope.ServiceProvider.GetRequiredService<ManyPersonService>();
        var id = await FileAsync(scope, official, "공동" + UniqueHangul(), Title, Body, signers: 3, households: 3,
            representatives: [new RepresentativeInput("김대표", "010-1212-3434", null)]);

        // Act
        var four = await service.DesignateRepresentativesAsync(official, id, [new("가", null, null), new("나", null, null), new("다", null, null), new("라", null, null)], RepresentativeChoice.Petitioners, CancellationToken.None);
        var roster = await service.RecordRosterAsync(official, id, 12, 7, app.Time.GetUtcNow().AddMinutes(-5), "원본 연명부 제출", CancellationToken.None);
        var chosen = await service.DesignateRepresentativesAsync(official, id, [new("이대표", "010-5656-7878", null), new("박대표", null, null)], RepresentativeChoice.Agency, CancellationToken.None);
        var view = await service.ViewAsync(official, id, CancellationToken.None);

        // Assert
        Assert.Equal(PetitionErrorKind.Invalid, four.Error?.Kind);
        Assert.True(roster.IsSuccess, roster.Error?.Message.En);
        Assert.True(chosen.IsSuccess, chosen.Error?.Message.En);
        Assert.True(view!.IsManyPerson);
        Assert.Equal((12, 7), (view.Signers, view.Households));
        Assert.NotNull(view.RosterReceivedAt);
        Assert.Equal(["이대표", "박대표"], view.Representatives.Select(r => r.Name));
        Assert.All(view.Representatives, r => Assert.Equal(RepresentativeChoice.Agency, r.ChosenBy));
        await using var check = app.CreateDbContext();
        var types = await check.PetitionEvents.Where(e => e.PetitionId == id).Select(e => e.Type).ToListAsync();
        Assert.Contains(PetitionEventTypes.RosterRecorded, types);
        Assert.Equal(1, types.Count(t => t == PetitionEventTypes.RepresentativesDesignated));
    }

    [Fact]
    public async Task Merge_FivePetitionsOfTheSamePurpose_TreatedAsOneWhoseOutcomeAndNoticesReachEveryMember()
    {
        // Arrange: five petitions of the same purpose from five petitioners
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
        var service = scope.ServiceProvider.GetRequiredService<ManyPersonService>();
        var tag = UniqueHangul();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await FileAsync(scope, official, $"병합{tag}{i}", $"{Title} {tag}", Body));
        }

        var treated = ids[0];
        var members = ids.Skip(1).ToList();

        // Act: four petitions cannot be merged (Decree §6⑥ needs five), five can; a member then refuses its own transitions
        var tooFew = await service.MergeAsync(official, treated, members.Take(3).ToList(), "같은 신호등 설치 요청", CancellationToken.None);
        var candidates = await service.MergeCandidatesAsync(official, treated, CancellationToken.None);
        var merged = await service.MergeAsync(official, treated, members, "같은 신호등 설치 요청", CancellationToken.None);
        var memberFired = await scope.ServiceProvider.GetRequiredService<PetitionService>().FireAsync(members[0], "route", new TriggerInputs(), official);
        await AnswerAsync(scope, official, treated);

        // Assert
        Assert.Equal(PetitionErrorKind.Invalid, tooFew.Error?.Kind);
        Assert.Superset(members.ToHashSet(), candidates.Select(c => c.PetitionId).ToHashSet());
        Assert.Equal(4, merged.Value);
        Assert.Equal("petition-merged", memberFired.Error?.Code);
        await using var check = app.CreateDbContext();
        var head = await check.Petitions.SingleAsync(p => p.Id == treated);
        var group = await check.Petitions.Where(p => members.Contains(p.Id)).ToListAsync();
        Assert.NotNull(head.DecidedAt);
        Assert.All(group, m =>
        {
            Assert.Equal(treated, m.MergedIntoPetitionId);
            Assert.False(m.IsOpen);
            Assert.Equal(head.Outcome, m.Outcome);
            Assert.Equal(head.DecidedAt, m.DecidedAt);
        });
        var headNotices = await check.Notices.Where(n => n.PetitionId == treated).Select(n => n.Template).ToListAsync();
        Assert.Contains("notices/result", headNotices);
        var mergedNotice = app.Services.GetRequiredService<StandaloneNotices>().MergedIntoGroup;
        foreach (var member in members)
        {
            var notices = await check.Notices.Include(n => n.Delivery).Where(n => n.PetitionId == member).ToListAsync();
            Assert.Contains(notices, n => n.Template == mergedNotice && n.Text.Contains(head.ReceiptNumber, StringComparison.Ordinal));
            Assert.Equal(
                headNotices.Where(t => t != "notices/receipt").Order(),
                notices.Select(n => n.Template).Where(t => t != "notices/receipt" && t != mergedNotice).Order());
            Assert.All(notices.Where(n => n.Template != "notices/receipt"), n => Assert.NotNull(n.Delivery)); // through the outbox, by SMS
            var memberEvents = await check.PetitionEvents.Where(e => e.PetitionId == member).Select(e => e.Type).ToListAsync();
            Assert.Contains(PetitionEventTypes.Merged, memberEvents);
            Assert.Contains(PetitionEventTypes.MergedOutcomeFollowed, memberEvents);
        }
    }

    [Theory]
    [InlineData("mapo.official")]
    [InlineData("mois.analyst")]
    [InlineData("jongno.admin")]
    public async Task RosterAndMerge_ActorsWhoMayNotChangeThePetition_AnswerNotFound(string userName)
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
        var outsider = await BackOfficeSession.ActorAsync(db, userName);
        var service = scope.ServiceProvider.GetRequiredService<ManyPersonService>();
        var id = await FileAsync(scope, official, "범위" + UniqueHangul(), Title, Body);

        // Act
        var roster = await service.RecordRosterAsync(outsider, id, 10, 10, null, null, CancellationToken.None);
        var merge = await service.MergeAsync(outsider, id, [id + 1], "병합", CancellationToken.None);

        // Assert
        Assert.Equal(PetitionErrorKind.NotFound, roster.Error?.Kind);
        Assert.Equal(PetitionErrorKind.NotFound, merge.Error?.Kind);
    }

    [Fact]
    public async Task PetitionPage_Official_ShowsTheRosterPanelAndRecordsARoster()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
        var id = await FileAsync(scope, official, "화면" + UniqueHangul(), Title, Body);
        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);

        // Act
        var page = await session.Client.GetStringAsync($"/Petitions/{id}");
        var posted = await session.PostAsync($"/Petitions/{id}", $"/Petitions/{id}?handler=Roster", new Dictionary<string, string>
        {
            ["signerCount"] = "8",
            ["householdCount"] = "6",
            ["rosterReceivedOn"] = "",
        });
        var after = await session.Client.GetStringAsync($"/Petitions/{id}");

        // Assert
        Assert.Contains("공동 민원 · 다수인관련민원", page);
        Assert.Contains("data-many-person=\"false\"", page);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("data-many-person=\"true\"", after);
    }

    private static async Task<long> DecidedItemAsync(CommitteeService committee, Actor official, Actor supervisor, long petitionId, long meetingId, CommitteeResolution resolution)
    {
        var item = await committee.ReferAsync(official, CommitteeSubject.ManyPersonClosure, petitionId, null, "반복민원 종결 심의 요청", CancellationToken.None);
        Assert.True(item.IsSuccess, item.Error?.Message.En);
        var put = await committee.PutOnMeetingAsync(supervisor, item.Value!.Id, meetingId, CancellationToken.None);
        Assert.True(put.IsSuccess, put.Error?.Message.En);
        var decided = await committee.DecideAsync(supervisor, item.Value.Id, resolution, "위원 과반 의결", CancellationToken.None);
        Assert.True(decided.IsSuccess, decided.Error?.Message.En);
        return item.Value.Id;
    }

    /// <summary>Three random syllables: names are Hangul, and each test's petitioner is its own.</summary>
    internal static string UniqueHangul() => string.Concat(Enumerable.Range(0, 3).Select(_ => (char)(0xAC00 + Random.Shared.Next(11_172))));

    internal static async Task<long> FileAsync(AsyncServiceScope scope, Actor official, string petitioner, string title, string body, int signers = 1, int households = 1,
        IReadOnlyList<RepresentativeInput>? representatives = null)
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
            SignerCount = signers,
            HouseholdCount = households,
            RosterReceived = signers > 1,
            Representatives = representatives ?? [],
        }, official);
        Assert.True(intake.IsSuccess, intake.Error is { } e ? $"{e.Message.En} {string.Join("; ", e.Fields?.Select(f => f.Key + ": " + string.Join(",", f.Value)) ?? [])}" : null);
        return intake.Value!.Petition.Id;
    }

    internal static async Task AnswerAsync(AsyncServiceScope scope, Actor official, long id)
    {
        var service = scope.ServiceProvider.GetRequiredService<PetitionService>();
        var routed = await service.FireAsync(id, "route", new TriggerInputs(), official);
        Assert.True(routed.IsSuccess, routed.Error?.Message.En);
        var answered = await service.FireAsync(id, "answer", new TriggerInputs { DecisionText = "관할 경찰서와 협의하겠습니다." }, official);
        Assert.True(answered.IsSuccess, answered.Error?.Message.En);
    }

    internal static Task<PetitionResult<Petition>> CloseAsRepeatedAsync(AsyncServiceScope scope, Actor official, long id) =>
        scope.ServiceProvider.GetRequiredService<PetitionService>().FireAsync(id, "close-as-repeated", new TriggerInputs { Reason = "반복 민원", Remedies = "행정심판·행정소송을 제기할 수 있습니다." }, official);
}
