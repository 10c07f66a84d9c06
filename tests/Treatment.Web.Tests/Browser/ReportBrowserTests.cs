using Microsoft.Playwright;

namespace Treatment.Web.Tests.Browser;

/// <summary>The analyst's journeys: this year's report read in the page with its charts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task YearlyReport_AnalystCreatesThisYearsReport_ReadsItInThePageWithCharts()
    {
        // Arrange: a petition received this year, so this year is the latest with data
        await BrowserTestData.ReceivedAsync(app, "jongno.official", "보고서 화면 확인", "보고서");
        var thisYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).Year;
        var page = await app.SignInAsync("mois.analyst");
        await page.GotoAsync("/Reports");
        await Assertions.Expect(page.GetByLabel("연도")).ToHaveValueAsync(thisYear.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Act
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "보고서 만들기" }));

        // Assert: the report itself, not a progress bar or a download only
        await Assertions.Expect(page.Locator("#report-title")).ToContainTextAsync($"{thisYear}년");
        await Assertions.Expect(page.Locator("#report-charts svg")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#volume table.figures").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("progress").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotFolder, "report-run.png"), FullPage = true });
    }
}
