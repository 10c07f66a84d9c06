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
        await Assertions.Expect(page.Locator("#benefit-assumptions")).ToContainTextAsync("행정안전부");
        await Assertions.Expect(page.Locator("#benefit-assumptions")).ToContainTextAsync("가정, 출처 없음");
        await Assertions.Expect(page.Locator("#benefit-chart svg")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("progress").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotFolder, "report-run.png"), FullPage = true });
    }

    [Fact]
    public async Task WhatIf_AnalystProposesATemporaryHoliday_SeesTheDuesThatMoved()
    {
        // Arrange: a grievance received now (7 working days); the next working day becomes a holiday in the proposal
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "가정 재현 확인", "재현");
        var kst = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var holiday = Enumerable.Range(1, 10).Select(d => kst.AddDays(d)).First(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        var page = await app.SignInAsync("mois.analyst");
        await page.GotoAsync("/Reports/WhatIf");

        // Act
        await page.GetByLabel("임시공휴일").FillAsync(holiday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "재현 실행" }));

        // Assert: the petition's receipt number among the moved dues, and no petition content on the page
        await Assertions.Expect(page.Locator("#whatif-examples")).ToContainTextAsync(petition.ReceiptNumber);
        Assert.NotEqual("0", (await page.Locator("#dues-moved").InnerTextAsync()).Trim());
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("가정 재현 확인");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotFolder, "report-whatif.png"), FullPage = true });
    }

    [Fact]
    public async Task Monthly_AgencyHeadReadsThisMonthAgainstLastWithTheYearsChart()
    {
        // Arrange
        await BrowserTestData.ReceivedAsync(app, "jongno.official", "월간 현황 확인", "월간");
        var page = await app.SignInAsync("jongno.supervisor");

        // Act
        await page.GotoAsync("/Supervisor/Monthly");

        // Assert
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("종로구");
        await Assertions.Expect(page.Locator("#monthly-compare")).ToContainTextAsync("접수");
        await Assertions.Expect(page.Locator("#monthly-chart svg")).ToBeVisibleAsync();
    }
}
