using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.BackOffice;
using Treatment.Core.Committee;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Core.Petitions.SameMatter;
using Treatment.Core.Reports;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Petitions;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>
/// The 민원조정위원회 (Act §34, Decree §§38, 38조의2): pages by role and agency, the petitioner's hearing notice through the
/// outbox, minutes from the template, the yearly review list, and the yearly report's figures from these records.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CommitteeTests(TreatmentApp app)
{
    private const string Title = "공원 내 야간 소음 단속 요청";
    private const string Body = "밤마다 공원에서 큰 소리로 음악을 틀어 잠을 잘 수 없습니다. 단속을 요청합니다.";

    [Theory]
    [InlineData("jongno.supervisor")]
    [InlineData("jongno.examiner")]
    [InlineData("jongno.admin")]
    public async Task Pages_SupervisorExaminerOrAdmin_ShowTheCommitteeAndTheReviewCsv(string userName)
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, userName, DemoReferenceData.DemoPassword);

        // Act
        var index = await session.Client.GetAsync("/Committee");
        var review = await session.Client.GetAsync("/Committee/Review");
        var csv = await session.Client.GetAsync("/Committee/Review?handler=Csv");

        // Assert
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("심의 대기 안건", await index.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("\uFEFF접수번호,민원명", System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("jongno.official")]
    [InlineData("mois.analyst")]
    public async Task Pages_OfficialOrAnalyst_AreForbidden(string userName)
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, userName, DemoReferenceData.DemoPassword);

        // Act
        var index = await session.Client.GetAsync("/Committee");
        var csv = await session.Client.GetAsync("/Committee/Review?handler=Csv");

        // Assert
        Assert.True(session.SignedIn);
        Assert.Equal(HttpStatusCode.Forbidden, index.StatusCode);
        Assert.DoesNotContain("접수번호", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MeetingPage_AnotherAgencysSupervisor_IsNotFound()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var committee = scope.ServiceProvider.GetRequiredService<CommitteeService>();
        var meeting = (await committee.ScheduleMeetingAsync(await BackOfficeSession.ActorAsync(db, "jongno.supervisor"), app.Time.GetUtcNow().AddDays(3), "종로구청", CancellationToken.None)).Value!;
        var mapo = await BackOfficeSession.SignInAsync(app, "mapo.supervisor", DemoReferenceData.DemoPassword);
        var jongno = await BackOfficeSession.SignInAsync(app, "jongno.examiner", DemoReferenceData.DemoPassword);

        // Act
        var other = await mapo.Client.GetAsync($"/Committee/Meetings/{meeting.Id}");
        var own = await jongno.Client.GetAsync($"/Committee/Meetings/{meeting.Id}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task HearingAndMinutes_PetitionOnAMeeting_NoticeQueuedOnceAndMinutesRenderedWithTheDecision()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var committee = scope.ServiceProvider.GetRequiredService<CommitteeService>();
        var petition = await ManyPersonTests.FileAsync(scope, official, "청취" + ManyPersonTests.UniqueHangul(), Title, Body);
        var chair = (await committee.AddMemberAsync(admin, "위원장" + ManyPersonTests.UniqueHangul(), "부구청장", true, false, new DateOnly(2025, 1, 1), CancellationToken.None)).Value!;
        var item = (await committee.ReferAsync(supervisor, CommitteeSubject.LongUnresolved, petition, null, "6개월째 미해결", CancellationToken.None)).Value!;
        var meeting = (await committee.ScheduleMeetingAsync(supervisor, app.Time.GetUtcNow().AddDays(10), "종로구청 3층 <소회의실>", CancellationToken.None)).Value!;
        await committee.PutOnMeetingAsync(supervisor, item.Id, meeting.Id, CancellationToken.None);

        // Act
        var notified = await committee.NotifyPetitionerAsync(supervisor, item.Id, HearingMode.Attend, new DateOnly(2025, 7, 15), CancellationToken.None);
        var again = await committee.NotifyPetitionerAsync(supervisor, item.Id, HearingMode.WrittenViews, new DateOnly(2025, 7, 15), CancellationToken.None);
        await committee.DecideAsync(supervisor, item.Id, CommitteeResolution.Advised, "관할 경찰서와 합동 단속을 권고함", CancellationToken.None);
        var minutes = await committee.IssueMinutesAsync(supervisor, meeting.Id, [chair.Id], CancellationToken.None);
        var minutesAgain = await committee.IssueMinutesAsync(supervisor, meeting.Id, [chair.Id], CancellationToken.None);

        // Assert
        Assert.True(notified.IsSuccess, notified.Error?.Message.En);
        Assert.Equal(PetitionErrorKind.Invalid, again.Error?.Kind);
        await using var check = app.CreateDbContext();
        var hearingNotice = scope.ServiceProvider.GetRequiredService<StandaloneNotices>().CommitteeHearing;
        var notice = await check.Notices.Include(n => n.Delivery).SingleAsync(n => n.PetitionId == petition && n.Template == hearingNotice);
        Assert.NotNull(notice.Delivery); // queued in the outbox by the petitioner's channel (SMS)
        Assert.Contains("출석", notice.Text);
        Assert.Contains("종로구청 3층 <소회의실>", notice.Text);
        Assert.DoesNotContain("<소회의실>", notice.Html);
        Assert.Contains(PetitionEventTypes.CommitteeHearingNotified, await check.PetitionEvents.Where(e => e.PetitionId == petition).Select(e => e.Type).ToListAsync());
        Assert.True(minutes.IsSuccess, minutes.Error?.Message.En);
        Assert.Equal(PetitionErrorKind.Invalid, minutesAgain.Error?.Kind);
        var html = minutes.Value!.MinutesHtml!;
        Assert.Contains("민원조정위원회 회의록", html);
        Assert.Contains("Minutes of the civil-petition coordination committee", html);
        Assert.Contains("관할 경찰서와 합동 단속을 권고함", html);
        Assert.Contains(chair.Name, html);
        Assert.Contains("&lt;소회의실&gt;", html);
    }

    [Fact]
    public async Task AddMember_Supervisor_IsForbidden()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var committee = scope.ServiceProvider.GetRequiredService<CommitteeService>();

        // Act and assert
        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => committee.AddMemberAsync(supervisor, "위원", "과장", false, false, new DateOnly(2025, 1, 1), CancellationToken.None));
    }

    [Fact]
    public async Task YearlyReviewAndReport_RealRecords_ListTheReFiledAndManyPersonPetitionsAndCountTheirClosuresAndReviews()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var committee = scope.ServiceProvider.GetRequiredService<CommitteeService>();
        var sameMatter = scope.ServiceProvider.GetRequiredService<SameMatterService>();
        var year = PetitionClock.KoreanDate(app.Time.GetUtcNow()).Year;
        var before = await ReportAsync(scope, year);

        // Act: three filings, the third closed as repeated; a fourth re-filed on the same matter; a many-person petition reviewed
        var petitioner = "재제출" + ManyPersonTests.UniqueHangul();
        var first = await ManyPersonTests.FileAsync(scope, official, petitioner, Title, Body);
        await ManyPersonTests.AnswerAsync(scope, official, first);
        var second = await ManyPersonTests.FileAsync(scope, official, petitioner, Title, Body);
        await ManyPersonTests.AnswerAsync(scope, official, second);
        var third = await ManyPersonTests.FileAsync(scope, official, petitioner, Title, Body);
        await sameMatter.JudgeAsync(official, third, first, SameMatterDecision.Confirmed, "같은 공원 소음", CancellationToken.None);
        await sameMatter.JudgeAsync(official, third, second, SameMatterDecision.Confirmed, "같은 공원 소음", CancellationToken.None);
        var closed = await ManyPersonTests.CloseAsRepeatedAsync(scope, official, third);
        var fourth = await ManyPersonTests.FileAsync(scope, official, petitioner, Title, Body);
        await sameMatter.JudgeAsync(official, fourth, third, SameMatterDecision.Confirmed, "종결 후 같은 내용 재제출", CancellationToken.None);
        var many = await ManyPersonTests.FileAsync(scope, official, "다수" + ManyPersonTests.UniqueHangul(), "주차장 부지 공원 조성 반대", "주민 30세대가 반대합니다.", signers: 30, households: 30);
        var item = (await committee.ReferAsync(supervisor, CommitteeSubject.YearlyReview, many, null, null, CancellationToken.None)).Value!;
        var meeting = (await committee.ScheduleMeetingAsync(supervisor, app.Time.GetUtcNow().AddDays(1), "종로구청", CancellationToken.None)).Value!;
        await committee.PutOnMeetingAsync(supervisor, item.Id, meeting.Id, CancellationToken.None);
        var decided = await committee.DecideAsync(supervisor, item.Id, CommitteeResolution.Advised, "주민 설명회 개최 권고", CancellationToken.None);
        var list = await scope.ServiceProvider.GetRequiredService<YearlyReviewList>().ListAsync(supervisor, year, CancellationToken.None);
        var after = await ReportAsync(scope, year);

        // Assert
        Assert.True(closed.IsSuccess, closed.Error?.Message.En);
        Assert.True(decided.IsSuccess, decided.Error?.Message.En);
        var refiled = Assert.Single(list, r => r.PetitionId == fourth);
        Assert.Equal((ReviewReason.RefiledAfterClosure, null), (refiled.Reason, refiled.CommitteeDecidedAt));
        Assert.Equal(await db.Petitions.Where(p => p.Id == third).Select(p => p.ReceiptNumber).SingleAsync(), refiled.ClosedEarlierReceiptNumber);
        var manyRow = Assert.Single(list, r => r.PetitionId == many);
        Assert.Equal(ReviewReason.ManyPerson, manyRow.Reason);
        Assert.NotNull(manyRow.CommitteeDecidedAt);
        Assert.DoesNotContain(list, r => r.PetitionId == first || r.PetitionId == second);
        Assert.Equal(before[RollupMeasures.RepeatedClosure] + 1, after[RollupMeasures.RepeatedClosure]);
        Assert.Equal(before[RollupMeasures.CommitteeReview] + 1, after[RollupMeasures.CommitteeReview]);
        Assert.Equal(before[RollupMeasures.ManyPerson] + 1, after[RollupMeasures.ManyPerson]);
        Assert.Equal(before[RollupMeasures.DuplicateClosure], after[RollupMeasures.DuplicateClosure]);
    }

    /// <summary>The closures table of the agency's yearly report, as the report builds it from the rollup.</summary>
    private static async Task<Dictionary<string, decimal>> ReportAsync(AsyncServiceScope scope, int year)
    {
        var report = await scope.ServiceProvider.GetRequiredService<YearlyReportBuilder>().BuildAsync(year, new ReportScope(ReportScopeKind.Agency, "SEOUL-JONGNO"), null, CancellationToken.None);
        var table = report.Table("outcomes.closures");
        return new[] { RollupMeasures.RepeatedClosure, RollupMeasures.DuplicateClosure, RollupMeasures.ManyPerson, RollupMeasures.Merged, RollupMeasures.CommitteeReview }
            .ToDictionary(m => m, m => table.Find(m)?.Current ?? 0);
    }
}
