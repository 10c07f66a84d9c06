using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Treatment.Core.Persistence.Seeding;

namespace Treatment.Web.Tests.Browser;

/// <summary>The acceptance journeys of the back office in a real browser, through the pages and the petition service.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Official_RegistersVisitPetitionAndTreatsIt_SeesTheResultNotice()
    {
        // Arrange
        var page = await app.SignInAsync("jongno.official");
        await page.GotoAsync("/Petitions/Register");

        // Act: register a legal petition received at the counter
        await page.GetByLabel("접수 경로").SelectOptionAsync("Visit");
        await page.GetByLabel("민원 종류").SelectOptionAsync("Legal");
        await page.Locator("#affair").SelectOptionAsync("INFO-DISCLOSURE");
        await Assertions.Expect(page.Locator("#affair-info [data-field=period]")).ToHaveTextAsync("10d");
        await page.GetByLabel("제목 *").FillAsync("정보공개 청구 (도로 보수 예산 내역)");
        await page.GetByLabel("내용 *").FillAsync("2025년 도로 보수 예산 집행 내역을 공개해 주십시오.");
        await page.GetByLabel("성명 *").FillAsync("제갈공명");
        await page.GetByLabel("전화번호").FillAsync("010-2345-6789");
        await page.GetByRole(AriaRole.Button, new() { Name = "접수", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-message")).ToContainTextAsync("접수했습니다");
        await Assertions.Expect(page.Locator("#petitioner")).ToHaveTextAsync("제**명");
        var petitionUrl = page.Url;

        await FireAsync(page, "route");
        await FireAsync(page, "request-supplement", async form =>
        {
            await form.GetByLabel("사유").FillAsync("위임장이 빠졌습니다.");
            await form.GetByLabel("보완 기간").FillAsync("10"); // legal v3: days by the Civil Act
        });
        await Assertions.Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "awaiting-supplement");
        await FireAsync(page, "supplement");
        await FireAsync(page, "extend", async form =>
        {
            await Assertions.Expect(form.Locator(".hint")).ToContainTextAsync("법정 최대 10일");
            await form.GetByLabel("사유").FillAsync("제3자 의견 청취가 필요합니다.");
            await form.GetByLabel("연장 일수").FillAsync("5");
        });
        await Assertions.Expect(page.Locator("#timeline li[data-event-trigger=extend]")).ToContainTextAsync("처리기간 연장");
        await FireAsync(page, "grant", form => form.GetByLabel("결정 내용").FillAsync("청구하신 정보를 공개합니다."));
        if (await page.Locator("details[data-trigger=notify-result]").CountAsync() > 0)
        {
            await FireAsync(page, "notify-result");
        }

        // Assert
        await Assertions.Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "closed");
        var resultNotice = page.Locator("#notices a[data-template='notices/result']");
        await Assertions.Expect(resultNotice).ToHaveCountAsync(1);
        await resultNotice.ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("청구하신 정보를 공개합니다.");
        Assert.StartsWith(petitionUrl, page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisor_SeesOverduePetition_ReassignsIt()
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "하수구 악취 신고", "표예진", 20);
        var page = await app.SignInAsync("jongno.supervisor");

        // Act
        await page.GotoAsync("/Supervisor");
        await Assertions.Expect(page.Locator("#stat-overdue")).Not.ToHaveTextAsync("0");
        await page.GotoAsync("/Supervisor/Watch?list=overdue");
        await Assertions.Expect(page.Locator($"tr[data-receipt='{petition.ReceiptNumber}'] .badge.overdue")).ToBeVisibleAsync();
        await page.Locator($"#sel-{petition.Id}").CheckAsync();
        await page.GetByLabel("새 담당자").SelectOptionAsync(new SelectOptionValue { Label = "이건축 (건축과)" });
        await page.GetByLabel("사유").FillAsync("건축 관련 민원으로 재배정");
        await page.GetByRole(AriaRole.Button, new() { Name = "재배정" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("#reassign-message")).ToContainTextAsync("1건");
        await Assertions.Expect(page.Locator($"tr[data-receipt='{petition.ReceiptNumber}'] .assignee")).ToHaveTextAsync("이건축");
        await using var check = app.CreateDbContext();
        var assignee = await check.Petitions.Where(p => p.Id == petition.Id).Select(p => p.Assignee!.UserName).SingleAsync();
        Assert.Equal("jongno.building", assignee);
    }

    [Fact]
    public async Task OfficialOfAnotherAgency_OpensPetitionPageAndApi_Gets404()
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "타 기관 열람 확인", "남궁민", 0);
        var page = await app.SignInAsync("mapo.official");
        var token = await page.APIRequest.PostAsync("/api/v1/auth/token", new() { DataObject = new { username = "mapo.official", password = DemoReferenceData.DemoPassword } });
        var accessToken = JsonDocument.Parse(await token.TextAsync()).RootElement.GetProperty("accessToken").GetString();

        // Act
        var pageResponse = await page.GotoAsync($"/Petitions/{petition.Id}");
        var apiResponse = await page.APIRequest.GetAsync($"/api/v1/petitions/{petition.Id}", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + accessToken } });

        // Assert
        Assert.Equal(404, pageResponse!.Status);
        Assert.Equal(404, apiResponse.Status);
    }

    [Fact]
    public async Task RevealPersonalData_WithReason_ShowsTheNameOnceAndLogsTheReveal()
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "개인정보 열람 확인", "선우정아", 0);
        var page = await app.SignInAsync("jongno.official");
        await page.GotoAsync($"/Petitions/{petition.Id}");
        await Assertions.Expect(page.Locator("#petitioner")).ToHaveTextAsync("선**아");

        // Act
        await page.Locator("#reveal summary").ClickAsync();
        await page.GetByLabel("열람 사유").FillAsync("전화 회신을 위해 확인");
        await page.GetByRole(AriaRole.Button, new() { Name = "열람", Exact = true }).ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("#revealed")).ToContainTextAsync("선우정아");
        await Assertions.Expect(page.Locator("#timeline li[data-type=revealed-personal-data]")).ToContainTextAsync("개인정보 열람");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("전화 회신을 위해 확인");
        await page.GotoAsync($"/Petitions/{petition.Id}");
        await Assertions.Expect(page.Locator("#revealed")).ToHaveCountAsync(0);
    }

    /// <summary>Opens the action's form, fills its inputs and submits; the page reloads with the result.</summary>
    private static async Task FireAsync(IPage page, string trigger, Func<ILocator, Task>? fill = null)
    {
        var action = page.Locator($"details[data-trigger='{trigger}']");
        await action.Locator("summary").ClickAsync();
        if (fill is not null)
        {
            await fill(action);
        }

        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, action.Locator("button[type=submit]"));
        var error = page.Locator("#action-error");
        if (await error.CountAsync() > 0)
        {
            Assert.Fail($"{trigger}: {await error.InnerTextAsync()}");
        }
    }
}
