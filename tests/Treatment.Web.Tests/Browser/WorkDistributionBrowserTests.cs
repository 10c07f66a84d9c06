using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;

namespace Treatment.Web.Tests.Browser;

/// <summary>The browser host over the demo as <c>scripts/run</c> seeds it: demo petitions distributed through the distribution path.</summary>
public sealed class DemoBrowserApp : BrowserApp
{
    protected override int DemoPetitionCount => 300;
}

[CollectionDefinition(Name)]
public sealed class DemoBrowserCollection : ICollectionFixture<DemoBrowserApp>
{
    public const string Name = "demo-browser";
}

/// <summary>The working day in a real browser: first sign-in, claiming from the queue, distributing, leaving; axe-core on the new screens.</summary>
[Collection(DemoBrowserCollection.Name)]
public sealed class WorkDistributionBrowserTests(DemoBrowserApp app)
{
    public static TheoryData<string> DemoOfficials() => new(DemoReferenceData.Accounts.Where(a => a.Role == Roles.Official).Select(a => a.UserName));

    [Theory]
    [MemberData(nameof(DemoOfficials))]
    public async Task DemoOfficial_FirstSignIn_SeesPetitionsAssignedToThemAndTheTabCounts(string userName)
    {
        // Act
        var page = await app.SignInAsync(userName);

        // Assert: the start page is the inbox's default tab, with rows and counts
        await Assertions.Expect(page.Locator("#tab-mine")).ToHaveAttributeAsync("aria-current", "page");
        Assert.True(await page.Locator("#inbox tbody tr").CountAsync() >= 1, $"{userName} sees no assigned petition");
        Assert.True(int.Parse(await page.Locator("#tab-mine .count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(int.Parse(await page.Locator("#tab-queue .count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await Assertions.Expect(page.Locator("#today")).ToContainTextAsync("오늘 기한");
    }

    [Fact]
    public async Task Official_ClaimsAQueuedPetitionFromTheQueueTab_AndWorksItToADecision()
    {
        // Arrange
        var page = await app.SignInAsync("jongno.official");
        await page.Locator("#tab-queue").ClickAsync();
        await Assertions.Expect(page.Locator("#tab-queue")).ToHaveAttributeAsync("aria-current", "page");
        await page.GotoAsync("/Inbox?Scope=Queue&Kind=Other");
        var first = page.Locator("#inbox tbody tr").First;
        var receipt = await first.Locator("td").First.InnerTextAsync();

        // Act
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, first.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("내가 처리") }));
        await Assertions.Expect(page.Locator("#action-message")).ToContainTextAsync("맡았습니다");
        await Assertions.Expect(page.Locator("#assignment-assignee")).ToHaveTextAsync("김민원");
        var answer = page.Locator("details[data-trigger='answer']");
        await answer.Locator("summary").ClickAsync();
        await answer.GetByLabel("결정 내용").FillAsync("문의하신 사항에 대하여 답변드립니다.");
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, answer.Locator("button[type=submit]"));

        // Assert: answered is the decision of the "other" workflow
        await Assertions.Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "answered");
        Assert.Contains(receipt.Trim(), await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamLead_DistributesThreeQueuedPetitionsAtOnce()
    {
        // Arrange
        var page = await app.SignInAsync("jongno.supervisor");
        await page.GotoAsync("/Inbox?Scope=Queue");
        var boxes = page.Locator("#inbox tbody input[type=checkbox]");
        Assert.True(await boxes.CountAsync() >= 3);
        var chosen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await boxes.Nth(i).CheckAsync();
            chosen.Add((await boxes.Nth(i).GetAttributeAsync("value"))!);
        }

        // Act
        await page.GetByLabel("고른 민원을 배부할 담당자").SelectOptionAsync(new SelectOptionValue { Label = "김민원" });
        await BrowserApp.SubmitAndWaitForNextDocumentAsync(page, page.Locator("#distribute"));

        // Assert
        await Assertions.Expect(page.Locator("#action-message")).ToContainTextAsync("3건을 배부했습니다");
        await using var db = app.CreateDbContext();
        var ids = chosen.Select(long.Parse).ToList();
        var official = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "jongno.official");
        Assert.Equal(3, await db.Petitions.CountAsync(p => ids.Contains(p.Id) && p.AssigneeId == official.Id));
    }

    [Fact]
    public async Task Admin_DisablesAnOfficial_TheirOpenWorkGoesBackToTheQueue()
    {
        // Arrange: an official of 민원여권과 given three queued petitions through distribution
        Guid leaverId;
        List<long> work;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Treatment.Core.Persistence.TreatmentDbContext>();
            var civil = await db.Departments.Include(d => d.Agency).SingleAsync(d => d.Agency!.Code == "SEOUL-JONGNO" && d.Code == "CIVIL");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var leaver = new AppUser { UserName = "jongno.leaver", DisplayName = "퇴직예정", AgencyId = civil.AgencyId, DepartmentId = civil.Id };
            Assert.True((await users.CreateAsync(leaver, DemoReferenceData.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(leaver, Roles.Official)).Succeeded);
            leaverId = leaver.Id;
            work = await db.Petitions.Where(p => p.IsOpen && p.AssigneeId == null && p.DepartmentId == civil.Id).OrderBy(p => p.Id).Take(3).Select(p => p.Id).ToListAsync();
            var admin = new Actor((await db.Users.SingleAsync(u => u.UserName == "jongno.admin")).Id, "한관리", new HashSet<string> { Roles.Admin }, civil.AgencyId, civil.Id);
            Assert.Equal(3, (await scope.ServiceProvider.GetRequiredService<AssignmentService>().DistributeAsync(work, leaverId, null, admin, default)).Value);
        }

        var page = await app.SignInAsync("jongno.admin");
        await page.GotoAsync("/Admin/Users");

        // Act
        await page.GetByRole(AriaRole.Button, new() { Name = "jongno.leaver 사용 중지" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-user='jongno.leaver'] .status")).ToContainTextAsync("중지");

        // Assert
        await using var check = app.CreateDbContext();
        Assert.Equal(0, await check.Petitions.CountAsync(p => p.IsOpen && p.AssigneeId == leaverId));
        Assert.Equal(3, await check.Petitions.CountAsync(p => work.Contains(p.Id) && p.AssigneeId == null));
    }

    [Theory]
    [InlineData("jongno.official", "/Inbox", 390)]
    [InlineData("jongno.official", "/Inbox", 1280)]
    [InlineData("jongno.official", "/Inbox?Scope=Queue", 390)]
    [InlineData("jongno.official", "/Inbox?Scope=Queue", 1280)]
    [InlineData("jongno.official", "/Inbox?Scope=AtRisk", 390)]
    [InlineData("jongno.official", "/Inbox?Scope=AtRisk", 1280)]
    [InlineData("jongno.supervisor", "/Inbox?Scope=Queue", 390)]
    [InlineData("jongno.supervisor", "/Inbox?Scope=Queue", 1280)]
    [InlineData("jongno.official", "petition", 390)]
    [InlineData("jongno.official", "petition", 1280)]
    public async Task Axe_InboxTabsQueueAndPetitionPage_NoSeriousOrCriticalWcag21AaViolation(string userName, string path, int width)
    {
        // Arrange
        var page = await app.SignInAsync(userName, width);
        if (path == "petition")
        {
            await page.GotoAsync("/Inbox");
            await page.Locator("#inbox tbody tr a").First.ClickAsync();
            await page.WaitForFunctionAsync("() => document.readyState === 'complete' && !!document.querySelector('#assignment')");
            // The diagram is drawn by script; the scrolling region it lives in is what axe checks.
            await page.WaitForFunctionAsync("() => !document.querySelector('#diagram') || !!document.querySelector('#diagram svg')");
        }
        else
        {
            await page.GotoAsync(path);
        }

        // Act
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        // Assert
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }
}
