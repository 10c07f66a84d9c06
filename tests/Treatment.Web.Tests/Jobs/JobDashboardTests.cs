using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Hosting;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Jobs;

/// <summary>The job dashboard: the central operator's admins act; other agencies' admins look, read-only; others are refused.</summary>
[Collection(AppCollection.Name)]
public sealed partial class JobDashboardTests(TreatmentApp webApp)
{
    [Fact]
    public async Task Dashboard_Anonymous_Refused()
    {
        var client = webApp.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(JobsExtensions.DashboardPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("jongno.official")]
    [InlineData("jongno.supervisor")]
    [InlineData("jongno.examiner")]
    [InlineData("mois.analyst")]
    public async Task Dashboard_SignedInWithoutAdminRole_Refused(string userName)
    {
        var session = await BackOfficeSession.SignInAsync(webApp, userName, DemoReferenceData.DemoPassword);

        var response = await session.Client.GetAsync(JobsExtensions.DashboardPath);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("mois.admin", true)]
    [InlineData("jongno.admin", false)]
    [InlineData("mapo.supervisor", null)]
    public async Task RecurringJobs_ByAgencyAndRole_CentralAdminRemoves_OtherAdminsOnlyLook(string userName, bool? mayAct)
    {
        var jobId = "dashboard-test-" + Guid.NewGuid().ToString("N")[..8];
        var storage = webApp.Services.GetRequiredService<JobStorage>();
        new RecurringJobManager(storage).AddOrUpdate(jobId, () => Console.WriteLine("dashboard test"), Cron.Yearly());
        var session = await BackOfficeSession.SignInAsync(webApp, userName, DemoReferenceData.DemoPassword);

        var page = await session.Client.GetAsync(JobsExtensions.DashboardPath + "/recurring");
        var html = await page.Content.ReadAsStringAsync();
        var remove = new HttpRequestMessage(HttpMethod.Post, JobsExtensions.DashboardPath + "/recurring/remove")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
        };
        var token = AntiforgeryConfig().Match(html);
        if (token.Success)
        {
            remove.Headers.Add(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value));
        }

        var removed = await session.Client.SendAsync(remove);

        using var connection = storage.GetConnection();
        var stillThere = connection.GetRecurringJobs().Any(j => j.Id == jobId);
        if (mayAct is null)
        {
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(jobId, html, StringComparison.Ordinal);
            Assert.True(token.Success, "the dashboard page carries its antiforgery token, so a refusal is the read-only rule");
            Assert.Equal(mayAct.Value, html.Contains("recurring/remove", StringComparison.Ordinal));
        }

        Assert.Equal(mayAct is true, removed.IsSuccessStatusCode);
        Assert.Equal(mayAct is not true, stillThere);
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"\\s*/?>\\s*<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryConfig();
}
