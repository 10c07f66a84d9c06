using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.Complex;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Complex;

/// <summary>
/// Complex petitions (Act §§31–34, decision 022): a lead department's consultations with their own dues, a late one
/// escalated once by the recurring sweep, the working committee's decision on the petition page, and the consulted
/// departments' read access to the shared part only.
/// </summary>
[Collection(ComplexCollection.Name)]
public sealed class ComplexPetitionTests(ComplexApp fixture)
{
    private readonly TreatmentApp _app = fixture.App;

    [Fact]
    public async Task ComplexPetition_LateConsultation_EscalatesOnceAndTheCommitteeDecisionIsOnThePage()
    {
        // Arrange: a building permit at Jongno, designated complex; the tax department and Mapo's building department consulted
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var complex = scope.ServiceProvider.GetRequiredService<ComplexPetitionService>();
        var petition = await FileBuildingPermitAsync(scope, supervisor);
        Assert.True((await complex.DesignateAsync(supervisor, petition.Id, CancellationToken.None)).IsSuccess);
        var tax = await DepartmentAsync(db, "SEOUL-JONGNO", "TAX");
        var mapoBuilding = await DepartmentAsync(db, "SEOUL-MAPO", "BUILDING");
        var late = await complex.RequestConsultationAsync(supervisor, petition.Id, tax, "취득세 감면 대상 여부 의견 요청", "8h", CancellationToken.None);
        var answered = await complex.RequestConsultationAsync(supervisor, petition.Id, mapoBuilding, "인접 필지 건축선 협의", "3d", CancellationToken.None);
        Assert.True(late.IsSuccess, late.Error?.Message.En);
        Assert.True(answered.IsSuccess, answered.Error?.Message.En);
        Assert.True(late.Value!.DueAt < answered.Value!.DueAt);
        Assert.True(answered.Value.DueAt <= petition.DueAt);
        var mapo = await BackOfficeSession.ActorAsync(db, "mapo.building");
        var reply = await complex.AnswerAsync(mapo, answered.Value.Id, ConsultationOpinion.AgreeWithConditions, "건축선 후퇴 조건으로 동의", null, CancellationToken.None);
        Assert.True(reply.IsSuccess, reply.Error?.Message.En);

        // Act: the clock passes the tax department's due; the recurring sweep runs twice
        _app.Time.Advance(TimeSpan.FromDays(2));
        var sweep = scope.ServiceProvider.GetRequiredService<MilestoneSweep>();
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);

        // Assert: escalated exactly once, the consulted and lead sides told; the answered one not escalated
        await using var check = _app.CreateDbContext();
        var consultations = await check.Consultations.AsNoTracking().Where(c => c.PetitionId == petition.Id).ToListAsync();
        Assert.NotNull(consultations.Single(c => c.Id == late.Value.Id).EscalatedAt);
        Assert.Null(consultations.Single(c => c.Id == answered.Value.Id).EscalatedAt);
        var overdue = await check.PetitionEvents.Where(e => e.PetitionId == petition.Id && e.Type == PetitionEventTypes.ConsultationOverdue).ToListAsync();
        Assert.Single(overdue);
        Assert.Contains(late.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), overdue[0].Data);
        Assert.True(await check.UserNotifications.CountAsync(n => n.PetitionId == petition.Id && n.Kind == "consultation-overdue") >= 1);

        // The working committee meets with a joint site check and decides
        var meeting = await complex.RecordMeetingAsync(supervisor, petition.Id, new WorkingCommitteeInput(
            _app.Time.GetUtcNow().AddHours(-1), ["최과장 (위원장, 민원여권과)", "박세무 (세무과)", "조허가 (마포구 건축과)"], true, "현장 도로 폭 4m 확인",
            WorkingCommitteeDecision.ApproveWithConditions, "건축선 후퇴를 조건으로 허가 가능"), CancellationToken.None);
        Assert.True(meeting.IsSuccess, meeting.Error?.Message.En);

        var session = await BackOfficeSession.SignInAsync(_app, "jongno.supervisor", DemoReferenceData.DemoPassword);
        var page = await session.Client.GetStringAsync($"/Petitions/{petition.Id}");
        Assert.Contains("id=\"complex\"", page);
        Assert.Contains($"data-consultation=\"{late.Value.Id}\" data-late=\"true\" data-escalated=\"true\"", page);
        Assert.Contains($"data-consultation=\"{answered.Value.Id}\" data-late=\"false\" data-escalated=\"false\"", page);
        Assert.Contains("건축선 후퇴를 조건으로 허가 가능", page);
        Assert.Contains("조건부 가결", page);
        Assert.Contains("현장 도로 폭 4m 확인", page);
        Assert.Contains("id=\"complex-due\"", page);
        var lateList = await session.Client.GetStringAsync("/Supervisor/Consultations");
        Assert.Contains($"data-consultation=\"{late.Value.Id}\"", lateList);
        Assert.DoesNotContain($"data-consultation=\"{answered.Value.Id}\"", lateList);

        // Re-deliberation by the 민원조정위원회 (Act §34①) is put on that committee's agenda with the request
        var requested = await complex.RequestCoordinationCommitteeAsync(supervisor, petition.Id, "조건 이행 범위에 이견", CancellationToken.None);
        Assert.True(requested.IsSuccess, requested.Error?.Message.En);
        var agenda = await scope.ServiceProvider.GetRequiredService<Treatment.Core.Committee.CommitteeService>().OverviewAsync(supervisor, CancellationToken.None);
        var item = Assert.Single(agenda.Waiting, a => a.Item.PetitionId == petition.Id);
        Assert.Equal(Treatment.Core.Committee.CommitteeSubject.ComplexReDeliberation, item.Item.Subject);
        Assert.Equal("조건 이행 범위에 이견", item.Item.Note);
    }

    [Fact]
    public async Task SharedPart_ConsultedDepartmentReadsTitleStateDueAndItsConsultationOnly()
    {
        // Arrange
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var complex = scope.ServiceProvider.GetRequiredService<ComplexPetitionService>();
        var petition = await FileBuildingPermitAsync(scope, supervisor);
        await complex.DesignateAsync(supervisor, petition.Id, CancellationToken.None);
        var consultation = (await complex.RequestConsultationAsync(supervisor, petition.Id, await DepartmentAsync(db, "SEOUL-JONGNO", "TAX"), "세무 의견 요청", null, CancellationToken.None)).Value!;

        // Act
        var tax = await BackOfficeSession.SignInAsync(_app, "jongno.tax", DemoReferenceData.DemoPassword);
        var shared = await tax.Client.GetAsync($"/Consultations/{consultation.Id}");
        var sharedHtml = await shared.Content.ReadAsStringAsync();
        var full = await tax.Client.GetAsync($"/Petitions/{petition.Id}");
        var inbox = await tax.Client.GetStringAsync("/Consultations");
        var answer = await tax.PostAsync($"/Consultations/{consultation.Id}", $"/Consultations/{consultation.Id}", new Dictionary<string, string>
        {
            ["opinion"] = nameof(ConsultationOpinion.Agree),
            ["reply"] = "감면 대상 아님, 이견 없음",
        });

        // Assert: the shared part and its own consultation, never the petitioner or the body; the full page stays 404
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Contains(petition.Title, sharedHtml);
        Assert.Contains(petition.ReceiptNumber, sharedHtml);
        Assert.Contains("세무 의견 요청", sharedHtml);
        Assert.DoesNotContain(petition.PetitionerName, sharedHtml);
        Assert.DoesNotContain(PermitBody, sharedHtml);
        Assert.Equal(HttpStatusCode.NotFound, full.StatusCode);
        Assert.Contains($"data-consultation=\"{consultation.Id}\"", inbox);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        await using var check = _app.CreateDbContext();
        var stored = await check.Consultations.AsNoTracking().SingleAsync(c => c.Id == consultation.Id);
        Assert.Equal(ConsultationOpinion.Agree, stored.Opinion);
        Assert.True(await check.PetitionEvents.AnyAsync(e => e.PetitionId == petition.Id && e.Type == PetitionEventTypes.ConsultationAnswered));
    }

    [Theory]
    [InlineData("jongno.building", false, false)]
    [InlineData("jongno.tax", true, true)]
    [InlineData("jongno.official", false, false)]
    [InlineData("jongno.supervisor", true, true)]
    [InlineData("jongno.examiner", true, false)]
    [InlineData("jongno.admin", true, false)]
    [InlineData("mapo.official", false, false)]
    [InlineData("mapo.supervisor", false, false)]
    [InlineData("mois.analyst", false, false)]
    public async Task SharedPart_PerRole_OnlyTheConsultedDepartmentAndItsAgencyReadIt(string userName, bool reads, bool answers)
    {
        // Arrange
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var complex = scope.ServiceProvider.GetRequiredService<ComplexPetitionService>();
        var petition = await FileBuildingPermitAsync(scope, supervisor);
        await complex.DesignateAsync(supervisor, petition.Id, CancellationToken.None);
        var consultation = (await complex.RequestConsultationAsync(supervisor, petition.Id, await DepartmentAsync(db, "SEOUL-JONGNO", "TAX"), "범위 확인", null, CancellationToken.None)).Value!;
        var actor = await BackOfficeSession.ActorAsync(db, userName);

        // Act
        var shared = await complex.SharedPartAsync(actor, consultation.Id, CancellationToken.None);
        var inbox = await complex.InboxAsync(actor, includeAnswered: true, CancellationToken.None);
        var answer = await complex.AnswerAsync(actor, consultation.Id, ConsultationOpinion.Agree, "의견", null, CancellationToken.None);

        // Assert
        Assert.Equal(reads, shared is not null);
        Assert.Equal(reads, inbox.Any(r => r.Id == consultation.Id));
        Assert.Equal(answers, answer.IsSuccess);
        if (!reads)
        {
            Assert.Equal(PetitionErrorKind.NotFound, answer.Error?.Kind);
        }
    }

    [Theory]
    [InlineData("jongno.supervisor", true)]
    [InlineData("jongno.admin", true)]
    [InlineData("jongno.building", true)]
    [InlineData("jongno.tax", false)]
    [InlineData("jongno.official", false)]
    [InlineData("mapo.supervisor", false)]
    [InlineData("mois.analyst", false)]
    public async Task Designate_PerRole_OnlyTheLeadDepartmentOrTheAgencysSupervisorsAndAdmins(string userName, bool allowed)
    {
        // Arrange: a building permit routed to Jongno's building department
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var petition = await FileBuildingPermitAsync(scope, await BackOfficeSession.ActorAsync(db, "jongno.supervisor"));
        var complex = scope.ServiceProvider.GetRequiredService<ComplexPetitionService>();
        var actor = await BackOfficeSession.ActorAsync(db, userName);

        // Act
        var designated = await complex.DesignateAsync(actor, petition.Id, CancellationToken.None);
        var panel = await complex.PanelAsync(actor, petition.Id, CancellationToken.None);

        // Assert: the lead department (building) and the agency's supervisors and admins; others see a 404
        Assert.Equal(allowed, designated.IsSuccess);
        if (!allowed)
        {
            Assert.Equal(PetitionErrorKind.NotFound, designated.Error?.Kind);
        }

        Assert.Equal(actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Admin) ? actor.AgencyId == petition.AgencyId : actor.DepartmentId == petition.DepartmentId, panel is not null);
    }

    [Theory]
    [InlineData("jongno.supervisor", true)]
    [InlineData("jongno.examiner", true)]
    [InlineData("jongno.official", false)]
    [InlineData("mois.analyst", false)]
    public async Task LateConsultationsPage_PerRole_SupervisorsExaminersAndAdminsOnly(string userName, bool allowed)
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(_app, userName, DemoReferenceData.DemoPassword);

        // Act
        var response = await session.Client.GetAsync("/Supervisor/Consultations");

        // Assert: others are sent to the access-denied page
        Assert.True(session.SignedIn);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        if (!allowed)
        {
            Assert.Contains("/Account/Denied", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task RequestConsultation_BeforeDesignationOrOfTheLeadDepartment_IsRefused()
    {
        // Arrange
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var supervisor = await BackOfficeSession.ActorAsync(db, "jongno.supervisor");
        var complex = scope.ServiceProvider.GetRequiredService<ComplexPetitionService>();
        var petition = await FileBuildingPermitAsync(scope, supervisor);
        var tax = await DepartmentAsync(db, "SEOUL-JONGNO", "TAX");

        // Act
        var before = await complex.RequestConsultationAsync(supervisor, petition.Id, tax, "의견", null, CancellationToken.None);
        await complex.DesignateAsync(supervisor, petition.Id, CancellationToken.None);
        var ofLead = await complex.RequestConsultationAsync(supervisor, petition.Id, petition.DepartmentId!.Value, "의견", null, CancellationToken.None);
        var badPeriod = await complex.RequestConsultationAsync(supervisor, petition.Id, tax, "의견", "2w", CancellationToken.None);
        var committeeFirst = await complex.RequestCoordinationCommitteeAsync(supervisor, petition.Id, "재심의", CancellationToken.None);

        // Assert
        Assert.Equal(PetitionErrorKind.NotFound, before.Error?.Kind);
        Assert.Equal(PetitionErrorKind.Invalid, ofLead.Error?.Kind);
        Assert.Equal(PetitionErrorKind.Invalid, badPeriod.Error?.Kind);
        Assert.Equal(PetitionErrorKind.RuleBroken, committeeFirst.Error?.Kind);
    }

    internal const string PermitBody = "대지 위에 단독주택을 신축하고자 건축허가를 신청합니다. 세무·도로 관계 부서의 협의가 필요합니다.";

    internal static async Task<Petition> FileBuildingPermitAsync(AsyncServiceScope scope, Actor actor)
    {
        var intake = await scope.ServiceProvider.GetRequiredService<PetitionIntake>().ReceiveAsync(new IntakeRequest
        {
            Kind = PetitionKind.Legal,
            AffairCode = "BLD-USE-APPROVAL",
            AgencyCode = "SEOUL-JONGNO",
            Channel = Channel.Visit,
            Title = "단독주택 신축 사용승인 (복합)",
            Body = PermitBody,
            Petitioner = new PetitionerDetails("복합민" + (char)(0xAC00 + Random.Shared.Next(11_172)), "010-5555-6666", null, null),
        }, actor);
        Assert.True(intake.IsSuccess, intake.Error is { } e ? $"{e.Message.En} {string.Join("; ", e.Fields?.Select(f => f.Key + ": " + string.Join(",", f.Value)) ?? [])}" : null);
        return intake.Value!.Petition;
    }

    internal static Task<int> DepartmentAsync(TreatmentDbContext db, string agency, string department) =>
        db.Departments.Where(d => d.Code == department && d.Agency!.Code == agency).Select(d => d.Id).SingleAsync();
}
