using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class HealthTests(TreatmentApp app)
{
    [Fact]
    public async Task Healthz_DatabaseAndJobStorageUp_Returns200WithBothChecksHealthy()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("job-storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task DemoSeed_RunByHost_StoresOrganisationAccountsAndCatalogue()
    {
        await using var db = app.CreateDbContext();

        Assert.Equal(8, await db.Agencies.CountAsync());
        // Other tests of the shared host add users of their own: count the demo accounts by name.
        var demoNames = DemoReferenceData.Accounts.Select(a => a.UserName).ToList();
        Assert.Equal(DemoReferenceData.Accounts.Count, await db.Users.CountAsync(u => demoNames.Contains(u.UserName!)));
        Assert.Equal(59, await db.Affairs.CountAsync());
        var hangul = await db.Agencies.SingleAsync(a => a.Code == "SEOUL-JONGNO");
        Assert.Equal("서울특별시 종로구", hangul.NameKo);
    }
}
