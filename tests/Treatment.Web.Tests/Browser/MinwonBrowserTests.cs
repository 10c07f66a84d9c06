using System.Diagnostics;
using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Treatment.Web.Tests.Browser;

/// <summary>
/// The seed's journey in the citizen window (Minwon24, MOIS 2018: a certificate of residence in about a minute online):
/// search, apply, receive the document, verify it; an altered copy and an unknown code. axe-core at phone and desk widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MinwonBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Citizen_GetsACertificateOfResidence_AndVerifiesIt_AlteredAndUnknownAreCaught()
    {
        // Arrange
        var page = await app.NewPageAsync(390, 844);
        var actions = 0;
        var clock = Stopwatch.StartNew();

        // Act: the certificate journey, every user action counted
        await page.GotoAsync("/minwon"); actions++;
        await page.GetByLabel("민원 사무 검색").FillAsync("주민등록표"); actions++;
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "검색", Exact = true })); actions++;
        var affair = page.Locator("li[data-affair='RES-CERT-ISSUE']");
        await Assertions.Expect(affair).ToContainTextAsync("주민등록법 제29조");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, affair.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^신청하기") })); actions++;
        await page.GetByLabel("처리기관 *").SelectOptionAsync("SEOUL-JONGNO-CHEONGUN"); actions++;
        await page.GetByLabel("신청 내용 *").FillAsync("주민등록표 등본 1통을 신청합니다."); actions++;
        await page.GetByLabel("성명 *").FillAsync("한결같이"); actions++;
        await page.GetByLabel("주민등록번호").FillAsync("900101-1234567"); actions++;
        await Assertions.Expect(page.Locator("#demo-identity")).ToContainTextAsync("데모 본인인증");
        await page.GetByLabel("인증번호 *").FillAsync("000000"); actions++;
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#submit-application")); actions++;
        await Assertions.Expect(page.Locator("#document .issued-document")).ToContainTextAsync("한**이");
        var received = clock.Elapsed;
        var receivedActions = actions;
        var issueNumber = await page.Locator("#document").GetAttributeAsync("data-issue-number");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-document").ClickAsync()); actions++;
        var file = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);

        await page.GotoAsync("/minwon/verify"); actions++;
        var genuine = await UploadAsync(page, file); actions += 2;
        var verified = clock.Elapsed;
        var verifiedActions = actions;

        var altered = await UploadAsync(page, file.Replace("1통을", "2통을", StringComparison.Ordinal));
        await page.GetByLabel("발급번호").FillAsync(issueNumber!);
        await page.GetByLabel("문서확인번호").FillAsync("ABCD-EFGH-JKMN-PQRS");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#verify-facts"));
        var unknown = await page.Locator("#verdict").GetAttributeAsync("data-verdict");

        // Assert
        Assert.Equal("genuine", genuine);
        Assert.Equal("altered", altered);
        Assert.Equal("unknown", unknown);
        Assert.Equal(2, file.Split("1통을").Length); // the altered copy differs from the file in that one character
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"minwon journey: document received after {received.TotalSeconds:F1} s and {receivedActions} user actions; verified genuine after {verified.TotalSeconds:F1} s and {verifiedActions} actions (seed: 30 minutes at a counter, about 1 minute online)");
        output.WriteLine(figures);
        await File.WriteAllTextAsync(Path.Combine(app.ScreenshotFolder, "minwon-journey.txt"), figures + "\n");
    }

    [Fact]
    public async Task Window_RefusesWhatIntakeRefuses_AndViewResultShowsTheDocumentForTheRightCodeOnly()
    {
        // Arrange
        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync("/minwon/apply?affair=LAND-LEDGER-ISSUE");

        // Act: a wrong identity code, then no details (the intake's own validation), then a proper application
        await page.GetByLabel("신청 내용 *").FillAsync("종로구 세종로 1-1 토지대장 등본");
        await page.GetByLabel("성명 *").FillAsync("토지인");
        await page.GetByLabel("인증번호 *").FillAsync("123456");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#submit-application"));
        await Assertions.Expect(page.Locator("#apply-error [data-field=oneTimeCode]")).ToContainTextAsync("인증번호");
        await page.GetByLabel("신청 내용 *").FillAsync("");
        await page.GetByLabel("인증번호 *").FillAsync("000000");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#submit-application"));
        await Assertions.Expect(page.Locator("#apply-error [data-field=body]")).ToBeVisibleAsync();
        await page.GetByLabel("신청 내용 *").FillAsync("종로구 세종로 1-1 토지대장 등본");
        await page.GetByLabel("인증번호 *").FillAsync("000000");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#submit-application"));
        var receipt = await page.Locator("#receipt-number").InnerTextAsync();
        var code = await page.Locator("#lookup-code").InnerTextAsync();
        var issueNumber = await page.Locator("#document").GetAttributeAsync("data-issue-number");

        await page.GotoAsync("/minwon/result");
        await page.GetByLabel("접수번호").FillAsync(receipt);
        await page.GetByLabel("조회 코드").FillAsync("WRONG-CODE");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "조회", Exact = true }));
        var wrong = await page.Locator("#result-error").InnerTextAsync();
        await page.GetByLabel("조회 코드").FillAsync(code);
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "조회", Exact = true }));

        // Assert
        Assert.Contains("맞는 민원이 없습니다", wrong, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#state")).ToHaveAttributeAsync("data-open", "false");
        await Assertions.Expect(page.Locator("#document")).ToHaveAttributeAsync("data-issue-number", issueNumber!);
        await Assertions.Expect(page.Locator("#document .issued-document")).ToContainTextAsync("토지(임야)대장");
    }

    [Theory]
    [InlineData("/minwon", 390)]
    [InlineData("/minwon", 1280)]
    [InlineData("/minwon?q=주민등록표", 390)]
    [InlineData("/minwon?q=주민등록표", 1280)]
    [InlineData("/minwon/apply?affair=RES-CERT-ISSUE", 390)]
    [InlineData("/minwon/apply?affair=RES-CERT-ISSUE", 1280)]
    [InlineData("/minwon/result", 390)]
    [InlineData("/minwon/result", 1280)]
    [InlineData("/minwon/verify", 390)]
    [InlineData("/minwon/verify", 1280)]
    [InlineData("issued", 390)]
    [InlineData("issued", 1280)]
    public async Task CitizenWindow_HasNoSeriousAccessibilityViolation(string path, int width)
    {
        // Arrange
        var page = await app.NewPageAsync(width);
        if (path == "issued")
        {
            // The page that shows the issued document at once.
            await page.GotoAsync("/minwon/apply?affair=BLD-LEDGER-ISSUE");
            await page.GetByLabel("신청 내용 *").FillAsync("서울특별시 종로구 세종대로 1 건축물대장 등본");
            await page.GetByLabel("성명 *").FillAsync("접근성");
            await page.GetByLabel("인증번호 *").FillAsync("000000");
            await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#submit-application"));
            await Assertions.Expect(page.Locator("#document")).ToBeVisibleAsync();
        }
        else
        {
            await page.GotoAsync(path);
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotFolder, $"minwon-{(path == "issued" ? "issued" : path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-'))}-{width}.png"), FullPage = true });

        // Act
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        // Assert
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page is {scrollWidth} px wide at {width} px");
    }

    private static async Task<string?> UploadAsync(IPage page, string html)
    {
        await page.Locator("#document-file").SetInputFilesAsync(new FilePayload { Name = "document.html", MimeType = "text/html", Buffer = Encoding.UTF8.GetBytes(html) });
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#verify-upload"));
        return await page.Locator("#verdict").GetAttributeAsync("data-verdict");
    }
}
