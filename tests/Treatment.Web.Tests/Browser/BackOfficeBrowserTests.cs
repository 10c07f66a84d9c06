using Microsoft.Playwright;
using Treatment.Core.Persistence.Seeding;

namespace Treatment.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BackOfficeBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Search_PartOfKoreanPetitionerName_FindsPetition()
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "가로등 고장 신고", "남궁옥분", 0);
        await BrowserTestData.ReceivedAsync(app, "jongno.official", "불법 주차 신고", "김철수", 0);
        var page = await app.SignInAsync("jongno.official");

        // Act
        await page.GetByLabel("검색 (접수번호·민원인·제목)").FillAsync("궁옥");
        await page.GetByRole(AriaRole.Button, new() { Name = "찾기" }).ClickAsync();

        // Assert
        var rows = page.Locator("#inbox tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(petition.ReceiptNumber);
        await Assertions.Expect(rows.First.Locator(".petitioner")).ToHaveTextAsync("남**분");
    }

    [Fact]
    public async Task PetitionPage_OfficialOfAnotherAgency_Gets404()
    {
        // Arrange
        var petition = await BrowserTestData.ReceivedAsync(app, "jongno.official", "보도블록 파손", "이영희", 0);
        var page = await app.SignInAsync("mapo.official");

        // Act
        var response = await page.GotoAsync($"/Petitions/{petition.Id}");

        // Assert
        Assert.Equal(404, response!.Status);
    }
}
