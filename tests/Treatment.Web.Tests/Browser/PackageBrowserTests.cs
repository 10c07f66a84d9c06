using Microsoft.Playwright;

namespace Treatment.Web.Tests.Browser;

/// <summary>The citizen window applies for a package (decision 021): one identity check, one package receipt number, a child per affair.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PackageBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Citizen_AppliesForAMovingPackage_AtTwoAgencies_AndSeesEachAffair()
    {
        // Arrange
        var page = await app.NewPageAsync(390, 844);

        // Act: the packages on offer, the moving package, three of its affairs at two agencies, the demo identity check
        await page.GotoAsync("/minwon");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "묶음 민원", Exact = true }));
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("li[data-package='MOVING']").GetByRole(AriaRole.Link));
        await page.Locator("#item-1").UncheckAsync(); // 확정일자
        await page.Locator("#item-3").UncheckAsync(); // 자동차등록원부
        await page.Locator("#agency-4").SelectOptionAsync("SEOUL-MAPO");
        await page.GetByLabel("신청 내용").FillAsync("이사에 따른 민원을 한 번에 신청합니다.");
        await page.GetByLabel("성명 *").FillAsync("이사간");
        await page.GetByLabel("전자우편").FillAsync("move@example.kr");
        await page.GetByLabel("주민등록번호").FillAsync("900101-1234567"); // 전입신고 and 주민등록증: their law requires it
        await Assertions.Expect(page.Locator("#demo-identity")).ToContainTextAsync("데모 본인인증");
        await page.GetByLabel("인증번호 *").FillAsync("000000");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#submit-package"));

        // Assert: one package receipt number and lookup code; a row per chosen affair, each with its own receipt number
        await Assertions.Expect(page.Locator("#package-applied")).ToContainTextAsync("묶음 민원을 접수했습니다");
        await Assertions.Expect(page.Locator("#package-receipt")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-PKG-\d{6}$"));
        await Assertions.Expect(page.Locator("#package-lookup-code")).Not.ToBeEmptyAsync();
        var rows = page.Locator("#package tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#package tr[data-affair='BLD-LEDGER-ISSUE']")).ToContainTextAsync("마포구");
        await Assertions.Expect(page.Locator("#package tr[data-affair='RES-IDCARD-REISSUE']")).ToContainTextAsync("-SEOUL-");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotFolder, "minwon-package-390.png"), FullPage = true });
    }
}
