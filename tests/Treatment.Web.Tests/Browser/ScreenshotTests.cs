using Microsoft.Playwright;

namespace Treatment.Web.Tests.Browser;

/// <summary>Screenshots of the inbox, the petition page and the supervisor overview at desktop and phone width (artifacts/screenshots/).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserApp app)
{
    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task Screens_AtWidth_RenderWithoutHorizontalOverflow(int width, string name)
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "도로 포장 파손에 따른 보수 요청 (종로구 청운동 일대)", "황보세영", 0);
        await BrowserTestData.ReceivedAsync(app, "jongno.official", "가로수 정비 요청", "김하늘", 8);
        await BrowserTestData.ReceivedAsync(app, "jongno.official", "주차장 이용 문의", "박서준", 14);

        // Act
        var official = await app.SignInAsync("jongno.official", width);
        var inboxResponse = await official.GotoAsync("/Inbox");
        var inboxOverflow = await OverflowsAsync(official);
        var conditionsOpen = await official.Locator("#more-filters").EvaluateAsync<bool>("details => details.open");
        await Assertions.Expect(official.Locator("#inbox tbody tr").First).ToBeInViewportAsync();
        await official.ScreenshotAsync(new() { Path = Shot($"inbox-{name}"), FullPage = true });
        var petitionResponse = await official.GotoAsync($"/Petitions/{petition.Id}");
        await Assertions.Expect(official.Locator("#diagram[data-rendered=true] svg")).ToBeVisibleAsync();
        var petitionOverflow = await OverflowsAsync(official);
        await official.ScreenshotAsync(new() { Path = Shot($"petition-{name}"), FullPage = true });
        var supervisor = await app.SignInAsync("jongno.supervisor", width);
        var overviewResponse = await supervisor.GotoAsync("/Supervisor");
        await Assertions.Expect(supervisor.Locator("#stat-overdue")).ToBeVisibleAsync();
        var overviewOverflow = await OverflowsAsync(supervisor);
        await supervisor.ScreenshotAsync(new() { Path = Shot($"supervisor-overview-{name}"), FullPage = true });

        // Assert
        Assert.Equal([200, 200, 200], new[] { inboxResponse!.Status, petitionResponse!.Status, overviewResponse!.Status });
        Assert.False(inboxOverflow, "the inbox scrolls sideways");
        // Unused conditions fold on a phone, so the first petition shows without scrolling; wide screens show them all.
        Assert.Equal(name == "desktop", conditionsOpen);
        Assert.False(petitionOverflow, "the petition page scrolls sideways");
        Assert.False(overviewOverflow, "the supervisor overview scrolls sideways");
        Assert.True(File.Exists(Shot($"inbox-{name}")));
    }

    [Fact]
    public async Task LanguageSwitch_English_ShowsTheInboxInEnglishUntilSwitchedBack()
    {
        // Arrange
        var page = await app.SignInAsync("jongno.official", 1280);
        await page.GotoAsync("/Inbox");

        // Act
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        var english = await page.Locator("h1").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "한국어" }).ClickAsync();
        var korean = await page.Locator("h1").InnerTextAsync();

        // Assert
        Assert.StartsWith("Inbox", english, StringComparison.Ordinal);
        Assert.StartsWith("민원함", korean, StringComparison.Ordinal);
        Assert.Equal("ko", await page.Locator("html").GetAttributeAsync("lang"));
    }

    private string Shot(string name) => Path.Combine(app.ScreenshotFolder, name + ".png");

    private static Task<bool> OverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
}
