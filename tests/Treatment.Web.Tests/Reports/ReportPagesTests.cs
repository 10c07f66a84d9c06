using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Treatment.Core.Reports;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Reports;

/// <summary>The analyst pages: role Analyst only; start a run, see its progress, download it when done.</summary>
[Collection(AppCollection.Name)]
public sealed partial class ReportPagesTests(TreatmentApp app)
{
    private HttpClient Client(string? roles)
    {
        var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s
            .AddAuthentication(o => { o.DefaultAuthenticateScheme = HeaderAuthentication.Name; o.DefaultChallengeScheme = HeaderAuthentication.Name; })
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, _ => { })));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (roles is not null)
        {
            client.DefaultRequestHeaders.Add(HeaderAuthentication.Header, roles);
        }

        return client;
    }

    [Fact]
    public async Task Index_NotSignedIn_IsRefused()
    {
        var response = await Client(null).GetAsync("/Reports");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Index_OfficialNotAnalyst_IsForbidden()
    {
        var response = await Client("Official").GetAsync("/Reports");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_Analyst_FastRunIsShownInThePageAtOnceAndDownloads()
    {
        // Arrange
        var client = Client("Analyst");
        var form = await client.GetStringAsync("/Reports");
        var token = TokenPattern().Match(form).Groups[1].Value;

        // Act
        var posted = await client.PostAsync("/Reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Year"] = "2025",
            ["Scope"] = "Agency",
            ["AgencyCode"] = "SEOUL-JONGNO",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var runUrl = posted.Headers.Location!.OriginalString;
        var done = await client.GetStringAsync(runUrl);
        var html = await client.GetAsync($"{runUrl}?handler=Download&format=html");
        var csv = await client.GetAsync($"{runUrl}?handler=Download&format=csv");

        // Assert: no progress page for a run that finishes within the inline budget; the report itself is in the page
        Assert.DoesNotContain("<progress", done);
        Assert.DoesNotContain("report-progress.js", done);
        Assert.Contains("id=\"report-title\"", done);
        Assert.Contains("<svg", done);
        Assert.Contains("format=html", done);
        Assert.Equal("text/html; charset=utf-8", html.Content.Headers.ContentType!.ToString());
        Assert.Contains("종로구", await html.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", csv.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Run_StillRunning_ShowsProgressUntilTheJobCompletesIt()
    {
        // Arrange: a run the job server holds (a slow one)
        var client = Client("Analyst");
        var scope = new ReportScope(ReportScopeKind.Agency, "SEOUL-JONGNO");
        var runId = await app.Services.GetRequiredService<ReportRunStore>().StartAsync(2025, scope, null, CancellationToken.None);

        // Act
        var whileRunning = await client.GetStringAsync($"/Reports/Run/{runId}");
        await app.Services.GetRequiredService<YearlyReportJob>().CompleteRunAsync(runId, 2025, ReportScopeKind.Agency, "SEOUL-JONGNO", CancellationToken.None);
        var done = await client.GetStringAsync($"/Reports/Run/{runId}");

        // Assert
        Assert.Contains("report-progress.js", whileRunning);
        Assert.Contains("<progress", whileRunning);
        Assert.DoesNotContain("<progress", done);
        Assert.Contains("id=\"report-title\"", done);
    }

    [Theory]
    [InlineData("Official")]
    [InlineData("Supervisor")]
    [InlineData("Examiner")]
    public async Task WhatIf_RolesOtherThanAnalystAndAdmin_AreForbidden(string role)
    {
        var response = await Client(role).GetAsync("/Reports/WhatIf");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("Official", HttpStatusCode.Forbidden)]
    [InlineData("Analyst", HttpStatusCode.Forbidden)]
    [InlineData("Supervisor", HttpStatusCode.Forbidden)]
    public async Task Monthly_RolesWithoutAnAgencyOfTheirOwn_AreRefused(string role, HttpStatusCode expected)
    {
        // Officials and analysts are kept out of /Supervisor; a supervisor without an agency is refused by the service.
        var response = await Client(role).GetAsync("/Supervisor/Monthly");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task WhatIf_AdminWithoutAnAgency_SeesNoRunsAndIsRefusedARunByTheService()
    {
        var client = Client("Admin");
        var form = await client.GetStringAsync("/Reports/WhatIf");
        var token = TokenPattern().Match(form).Groups[1].Value;

        var posted = await client.PostAsync("/Reports/WhatIf", new MultipartFormDataContent
        {
            { new StringContent("2025"), "Year" },
            { new StringContent("2025-10-10"), "Holidays" },
            { new StringContent(token), "__RequestVerificationToken" },
        });

        Assert.DoesNotContain("WhatIfRun/", form);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
    }

    [Fact]
    public async Task WhatIf_AnalystPostsAHoliday_TheRunPageShowsTheFigures()
    {
        // Arrange
        var client = Client("Analyst");
        var form = await client.GetStringAsync("/Reports/WhatIf");
        var token = TokenPattern().Match(form).Groups[1].Value;

        // Act
        var posted = await client.PostAsync("/Reports/WhatIf", new MultipartFormDataContent
        {
            { new StringContent("2025"), "Year" },
            { new StringContent("2025-10-10"), "Holidays" },
            { new StringContent(token), "__RequestVerificationToken" },
        });
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var page = await client.GetStringAsync(posted.Headers.Location!.OriginalString);
        var json = await client.GetAsync(posted.Headers.Location!.OriginalString + "?handler=Download&format=json");

        // Assert
        Assert.Contains("id=\"dues-moved\"", page);
        Assert.Contains("2025-10-10", page);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task WhatIf_NoProposal_ShowsTheFormAgainWithTheMessage()
    {
        var client = Client("Analyst");
        var form = await client.GetStringAsync("/Reports/WhatIf");
        var token = TokenPattern().Match(form).Groups[1].Value;

        var posted = await client.PostAsync("/Reports/WhatIf", new MultipartFormDataContent
        {
            { new StringContent("2025"), "Year" },
            { new StringContent(token), "__RequestVerificationToken" },
        });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("propose a workflow, standards or a holiday", await posted.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Signs the request in with the roles named in a header (tests only).</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHeader";
        public const string Header = "X-Test-Roles";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var roles))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "6f1c0a52-0000-4000-8000-000000000001"), new(ClaimTypes.Name, "tester") };
            claims.AddRange(roles.ToString().Split(',').Select(r => new Claim(ClaimTypes.Role, r.Trim())));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
        }
    }
}
