using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Browser;

/// <summary>
/// The real host on a loopback Kestrel port over a fresh database with the demo seed, and one headless Chromium (the
/// Debian package; Playwright's own browser download is never used). Shared by every browser test of a run.
/// </summary>
public partial class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public string ConnectionString { get; private set; } = "";

    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots/ at the repository root (git-ignored).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    /// <summary>Demo petitions seeded through the petition service (none by default: the browser tests make their own).</summary>
    protected virtual int DemoPetitionCount => 0;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("browser");
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress;
        Directory.CreateDirectory(ScreenshotFolder);

        // Assertions wait as long as actions do: two cores shared with the other test collections are slow at times.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TREATMENT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    public TreatmentDbContext CreateDbContext() =>
        Services.CreateScope().ServiceProvider.GetRequiredService<TreatmentDbContext>();

    /// <summary>A fresh browser context (own cookies) with a page at the given viewport width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "ko-KR",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the form and waits until the browser has left the sign-in page. The wait polls the address
    /// (an assertion) rather than awaiting a load event: <c>WaitForURLAsync</c> checks the load state and then
    /// subscribes, so a load event delivered in between is lost and the wait times out on a page that has loaded.
    /// </summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("아이디").FillAsync(userName);
        await page.GetByLabel("비밀번호").FillAsync(DemoReferenceData.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).Last.ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(SignInAddress());
        await WaitForDocumentCompleteAsync(page);
        return page;
    }

    /// <summary>Clicks a control that submits a form and waits until the document that answers it has loaded.</summary>
    public static async Task SubmitAndWaitForNextDocumentAsync(IPage page, ILocator submit)
    {
        // A mark on the current document tells it apart from the next one, which the same address may serve.
        await page.EvaluateAsync("() => document.documentElement.dataset.replaced = 'pending'");
        await submit.ClickAsync();
        await Assertions.Expect(page.Locator("html[data-replaced]")).ToHaveCountAsync(0);
        await WaitForDocumentCompleteAsync(page);
    }

    // Polled in the page, so no lifecycle event can be missed.
    private static Task WaitForDocumentCompleteAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState === 'complete'");

    [GeneratedRegex("/Account/SignIn")]
    private static partial Regex SignInAddress();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Treatment:Database", ConnectionString);
        builder.UseSetting("Treatment:Role", "Web");
        builder.UseSetting("Treatment:SeedDemoData", "true");
        builder.UseSetting("Treatment:DemoPetitionCount", DemoPetitionCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Treatment:PersonalDataKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray()));
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Treatment:Database"] = ConnectionString }));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Treatment.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
