using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Treatment.Core.Workflows;

namespace Treatment.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task WorkflowPage_SecondVersion_ShowsDiagramAndDiffAgainstTheFirst()
    {
        // Arrange
        var page = await app.SignInAsync("jongno.admin");

        // Act
        await page.GotoAsync("/Admin/Workflow?id=other&version=2");

        // Assert
        await Assertions.Expect(page.Locator("#diagram[data-rendered=true] svg")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#diff tbody tr").CountAsync() > 0);
    }

    [Fact]
    public async Task WorkflowPages_EveryDefinition_DiagramRendersWithTheKoreanTitles()
    {
        // Arrange
        var definitions = app.Services.GetRequiredService<WorkflowCatalog>().All;
        var page = await app.SignInAsync("jongno.admin");
        var failed = new List<string>();

        // Act
        foreach (var definition in definitions)
        {
            await page.GotoAsync($"/Admin/Workflow?id={definition.Id}&version={definition.Version}");
            await page.WaitForSelectorAsync("#diagram[data-rendered]");
            if (await page.Locator("#diagram").GetAttributeAsync("data-rendered") != "true")
            {
                failed.Add($"{definition.Id} v{definition.Version}: {await page.Locator("#diagram").GetAttributeAsync("data-error")}");
            }
        }

        await page.GotoAsync("/Admin/Workflow?id=legal&version=1");

        // Assert
        Assert.Empty(failed);
        await Assertions.Expect(page.Locator("#diagram svg")).ToContainTextAsync("보완 요구 중");
        await Assertions.Expect(page.Locator("#diagram svg")).ToContainTextAsync("이의신청 기간 경과 종결 †");
    }

    [Fact]
    public async Task CalendarPreview_TemporaryHolidayInsideAnOpenPeriod_ListsThePetitionWhoseDueMoves()
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "임시공휴일 미리보기 확인", "공휴일", 0);
        var kst = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).Date;
        var holiday = Enumerable.Range(2, 7).Select(d => kst.AddDays(d)).First(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        var page = await app.SignInAsync("jongno.admin");
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
        var page = await app.SignInAsync("jongno.official");

        // Act
        var response = await page.GotoAsync("/Admin/Users");

        // Assert
        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task UsersPage_AdminCreatesThenDisablesAUser_TheUserCannotSignIn()
    {
        // Arrange
        var page = await app.SignInAsync("jongno.admin");
        await page.GotoAsync("/Admin/Users");

        // Act: the form is filled through its labels, as a screen reader or keyboard user reaches it
        await page.Locator("#create-user summary").ClickAsync();
        await page.GetByLabel("아이디", new() { Exact = true }).FillAsync("jongno.browser");
        await page.GetByLabel("이름", new() { Exact = true }).FillAsync("화면등록");
        await page.GetByLabel("역할", new() { Exact = true }).SelectOptionAsync("Official");
        await page.GetByLabel("기관", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "서울특별시 종로구" });
        await page.GetByLabel("부서", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "세무과" });
        await page.GetByLabel("초기 비밀번호").FillAsync("Browser!2345");
        await page.GetByRole(AriaRole.Button, new() { Name = "사용자 만들기" }).ClickAsync();
        await Assertions.Expect(page.Locator("#users-message")).ToContainTextAsync("jongno.browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "jongno.browser 사용 중지" }).ClickAsync();
        var signIn = await app.NewPageAsync();
        await signIn.GotoAsync("/Account/SignIn");
        await signIn.GetByLabel("아이디").FillAsync("jongno.browser");
        await signIn.GetByLabel("비밀번호").FillAsync("Browser!2345");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "로그인" }).Last.ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("tr[data-user='jongno.browser'] .status")).ToContainTextAsync("중지");
        await Assertions.Expect(signIn.Locator("#signin-error")).ToContainTextAsync("아이디 또는 비밀번호가 올바르지 않습니다");
    }

    [Fact]
    public async Task CalendarApply_CentralAdmin_AppliesWithItsBasisAndListsTheChange()
    {
        // Arrange: a day far enough ahead that no other journey's petition counts across it
        var kst = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var holiday = Enumerable.Range(300, 30).Select(d => kst.AddDays(d)).First(d => d.DayOfWeek is DayOfWeek.Wednesday);
        var page = await app.SignInAsync("mois.admin", 390);
        await page.GotoAsync("/Admin/Calendar");
        await page.GetByLabel("날짜").FillAsync(holiday.ToString("yyyy-MM-dd"));
        await page.GetByLabel("이름").FillAsync("화면 적용 임시공휴일");
        await page.GetByRole(AriaRole.Button, new() { Name = "미리보기" }).ClickAsync();
        await Assertions.Expect(page.Locator("#apply-scope")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotFolder, "admin-calendar-phone.png"), FullPage = true });
        var previewOverflows = await OverflowsAsync(page);

        // Act
        await page.GetByLabel("지정 근거").FillAsync("국무회의 의결 (화면 시험)");
        await page.GetByRole(AriaRole.Button, new() { Name = "임시공휴일 적용" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("#calendar-message")).ToContainTextAsync("화면 적용 임시공휴일");
        await Assertions.Expect(page.Locator("#applied-changes")).ToContainTextAsync("국무회의 의결 (화면 시험)");
        await Assertions.Expect(page.Locator("#applied-changes")).ToContainTextAsync("권운영");
        Assert.False(previewOverflows, "the calendar page scrolls sideways at phone width");
    }

    [Fact]
    public async Task UsersPage_AtPhoneWidth_RendersWithoutHorizontalOverflow()
    {
        // Arrange
        var page = await app.SignInAsync("jongno.admin", 390);

        // Act
        await page.GotoAsync("/Admin/Users");
        await page.Locator("#create-user summary").ClickAsync();
        var overflows = await OverflowsAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotFolder, "admin-users-phone.png"), FullPage = true });

        // Assert
        Assert.False(overflows, "the users page scrolls sideways at phone width");
    }

    private static Task<bool> OverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
}
