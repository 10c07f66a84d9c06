using Microsoft.Playwright;
using Treatment.Core.Persistence.Seeding;

namespace Treatment.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task WorkflowPage_SecondVersion_ShowsDiagramAndDiffAgainstTheFirst()
    {
        // Arrange
        var page = await SignInAsync("jongno.admin");

        // Act
        await page.GotoAsync("/Admin/Workflow?id=other&version=2");

        // Assert
        await Assertions.Expect(page.Locator("#diagram[data-rendered=true] svg")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#diff tbody tr").CountAsync() > 0);
    }

    [Fact]
    public async Task CalendarPreview_TemporaryHolidayInsideAnOpenPeriod_ListsThePetitionWhoseDueMoves()
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "임시공휴일 미리보기 확인", "공휴일", 0);
        var kst = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).Date;
        var holiday = Enumerable.Range(2, 7).Select(d => kst.AddDays(d)).First(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        var page = await SignInAsync("jongno.admin");
        await page.GotoAsync("/Admin/Calendar");

        // Act
        await page.GetByLabel("날짜").FillAsync(holiday.ToString("yyyy-MM-dd"));
        await page.GetByLabel("이름").FillAsync("임시공휴일");
        await page.GetByRole(AriaRole.Button, new() { Name = "미리보기" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator($"#preview a[href='/Petitions/{petition.Id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminPages_Official_AreForbidden()
    {
        // Arrange
        var page = await SignInAsync("jongno.official");

        // Act
        var response = await page.GotoAsync("/Admin/Users");

        // Assert
        Assert.Equal(403, response!.Status);
    }

    private async Task<IPage> SignInAsync(string userName)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("아이디").FillAsync(userName);
        await page.GetByLabel("비밀번호").FillAsync(DemoReferenceData.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).Last.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/SignIn", StringComparison.Ordinal));
        return page;
    }
}
