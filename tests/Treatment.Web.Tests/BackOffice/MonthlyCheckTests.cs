using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>The Decree §22 monthly check: the page and CSV per role, and the examiner's sign-off by the 5th.</summary>
[Collection(AdminCollection.Name)]
public sealed class MonthlyCheckTests(TreatmentApp app)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    [Theory]
    [InlineData("jongno.supervisor")]
    [InlineData("jongno.examiner")]
    [InlineData("jongno.admin")]
    public async Task Page_SupervisorExaminerOrAdmin_ShowsTheAgencysCheckAndItsCsv(string userName)
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, userName, DemoReferenceData.DemoPassword);

        // Act
        var page = await session.Client.GetAsync("/Supervisor/MonthlyCheck?year=2025&month=1");
        var csv = await session.Client.GetAsync("/Supervisor/MonthlyCheck?handler=Csv&year=2025&month=1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("월간 점검", html);
        Assert.Contains("data-agency=\"SEOUL-JONGNO\"", html);
        Assert.DoesNotContain("data-agency=\"SEOUL-MAPO\"", html);
        Assert.Equal(userName == "jongno.examiner", html.Contains("monthly-check-sign"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF기관코드,기관명,연,월", text);
        Assert.Contains("\r\nSEOUL-JONGNO,", text);
    }

    [Theory]
    [InlineData("jongno.official")]
    [InlineData("mois.analyst")]
    public async Task Page_OfficialOrAnalyst_IsForbiddenForPageAndCsv(string userName)
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, userName, DemoReferenceData.DemoPassword);

        // Act
        var page = await session.Client.GetAsync("/Supervisor/MonthlyCheck");
        var csv = await session.Client.GetAsync("/Supervisor/MonthlyCheck?handler=Csv");

        // Assert: refused (the pages answer with the access-denied page), and no figure leaves
        Assert.True(session.SignedIn);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, csv.StatusCode);
        Assert.DoesNotContain("기관코드", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_OnTheSeventh_IsRecordedAsLateAndShownAsABreach()
    {
        // Arrange: the check of March 2025 signed on 7 April, 10:00 KST
        var register = Register(new DateTimeOffset(2025, 4, 7, 10, 0, 0, Kst));
        var examiner = await ActorAsync("jongno.examiner");

        // Act
        var signed = await register.SignAsync(examiner, 2025, 3, CancellationToken.None);

        // Assert
        Assert.True(signed.SignedLate);
        Assert.Equal(MonthlyCheckStatus.SignedLate, signed.Status);
        Assert.Equal("정심사", signed.SignedByName);
        await using var db = app.CreateDbContext();
        var stored = await db.MonthlyChecks.SingleAsync(m => m.AgencyId == examiner.AgencyId && m.Year == 2025 && m.Month == 3);
        Assert.True(stored.SignedLate);
        Assert.Equal(examiner.UserId, stored.SignedById);
        Assert.Contains(",Y\r\n", MonthlyCheckRegister.ToCsv([signed]));
    }

    [Fact]
    public async Task Sign_OnTheFifth_IsNotLate()
    {
        // Arrange: the check of February 2025 signed on 5 March, 23:30 KST (the last half hour of the day allowed)
        var register = Register(new DateTimeOffset(2025, 3, 5, 23, 30, 0, Kst));
        var examiner = await ActorAsync("jongno.examiner");

        // Act
        var signed = await register.SignAsync(examiner, 2025, 2, CancellationToken.None);

        // Assert
        Assert.False(signed.SignedLate);
        Assert.Equal(MonthlyCheckStatus.Signed, signed.Status);
        Assert.Contains(",N\r\n", MonthlyCheckRegister.ToCsv([signed]));
    }

    [Fact]
    public async Task Sign_Twice_IsRefusedAndTheFirstSignatureStays()
    {
        // Arrange
        var examiner = await ActorAsync("jongno.examiner");
        await Register(new DateTimeOffset(2025, 5, 2, 9, 0, 0, Kst)).SignAsync(examiner, 2025, 4, CancellationToken.None);

        // Act
        var second = Register(new DateTimeOffset(2025, 5, 9, 9, 0, 0, Kst)).SignAsync(examiner, 2025, 4, CancellationToken.None);

        // Assert
        await Assert.ThrowsAsync<BackOfficeInputException>(() => second);
        var rows = await Register(new DateTimeOffset(2025, 5, 9, 9, 0, 0, Kst)).ListAsync(examiner, 2025, 4, CancellationToken.None);
        Assert.Equal(MonthlyCheckStatus.Signed, rows.Single(r => r.AgencyId == examiner.AgencyId).Status);
    }

    [Theory]
    [InlineData("jongno.supervisor")]
    [InlineData("jongno.admin")]
    [InlineData("jongno.official")]
    [InlineData("mois.analyst")]
    public async Task Sign_NotAnExaminer_IsForbidden(string userName)
    {
        // Arrange
        var actor = await ActorAsync(userName);

        // Act
        var sign = Register(new DateTimeOffset(2025, 6, 3, 9, 0, 0, Kst)).SignAsync(actor, 2025, 5, CancellationToken.None);

        // Assert
        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => sign);
    }

    [Fact]
    public async Task Page_ExaminerSignsThePreviousMonth_AfterTheFifthTheRowSaysSignedLate()
    {
        // Arrange: the host's day is 2025-07-07, so June's check is past its 5 July sign-off
        var session = await BackOfficeSession.SignInAsync(app, "jongno.examiner", DemoReferenceData.DemoPassword);

        // Act
        var posted = await session.PostAsync("/Supervisor/MonthlyCheck", "/Supervisor/MonthlyCheck?handler=Sign&year=2025&month=6", []);
        var page = await session.Client.GetStringAsync("/Supervisor/MonthlyCheck?year=2025&month=6");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("data-agency=\"SEOUL-JONGNO\" data-status=\"SignedLate\"", page);
    }

    [Fact]
    public async Task Check_ManyPersonPetitions_AreCountedForTheDecree28Report()
    {
        // Arrange: one petition of 7 signers and 6 households received in January 2024
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, title: "다수인 민원 점검");
        petition.SignerCount = 7;
        petition.HouseholdCount = 6;
        petition.ReceivedAt = new DateTimeOffset(2024, 1, 15, 10, 0, 0, Kst).ToUniversalTime();
        await db.SaveChangesAsync();
        var examiner = await ActorAsync("jongno.examiner");

        // Act
        var rows = await Register(new DateTimeOffset(2024, 2, 3, 9, 0, 0, Kst)).SignAsync(examiner, 2024, 1, CancellationToken.None);

        // Assert
        Assert.True(rows.Figures!.ManyPersonReceived >= 1);
        Assert.True(rows.Figures.ManyPersonOpenAtMonthEnd >= 1);
        Assert.True(rows.Figures.Received >= rows.Figures.ManyPersonReceived);
    }

    private MonthlyCheckRegister Register(DateTimeOffset now) =>
        new(app.Services.GetRequiredService<NpgsqlDataSource>(), new FakeTimeProvider(now));

    private async Task<Core.Petitions.Actor> ActorAsync(string userName)
    {
        await using var db = app.CreateDbContext();
        return await BackOfficeSession.ActorAsync(db, userName);
    }
}
