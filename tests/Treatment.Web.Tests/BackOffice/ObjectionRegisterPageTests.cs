using System.Net;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>The objection register page and its CSV: supervisors, examiners and admins of the agency; nobody else.</summary>
[Collection(AdminCollection.Name)]
public sealed class ObjectionRegisterPageTests(TreatmentApp app)
{
    [Theory]
    [InlineData("jongno.supervisor")]
    [InlineData("jongno.examiner")]
    [InlineData("jongno.admin")]
    public async Task Page_SupervisorExaminerOrAdmin_ShowsTheRegisterAndItsCsv(string userName)
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, userName, DemoReferenceData.DemoPassword);

        // Act
        var page = await session.Client.GetAsync("/Supervisor/Objections");
        var csv = await session.Client.GetAsync("/Supervisor/Objections?handler=Csv");

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("이의신청처리대장", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("\uFEFF연번,접수번호", System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("jongno.official")]
    [InlineData("mois.analyst")]
    public async Task Page_OfficialOrAnalyst_IsForbidden(string userName)
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, userName, DemoReferenceData.DemoPassword);

        // Act
        var page = await session.Client.GetAsync("/Supervisor/Objections");
        var csv = await session.Client.GetAsync("/Supervisor/Objections?handler=Csv");

        // Assert
        Assert.True(session.SignedIn);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("연번", await csv.Content.ReadAsStringAsync());
    }
}
