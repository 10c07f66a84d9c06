using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Web.Api;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Operations;

/// <summary>
/// README "Going live", followed on an empty database: the command line creates the organisation, the first admin and a
/// channel key; a production host starts; the admin creates an official; a petition arrives with the key and is treated.
/// </summary>
public sealed class GoingLiveTests(GoingLiveTests.EmptyDatabase data) : IClassFixture<GoingLiveTests.EmptyDatabase>
{
    private const string AdminPassword = "Fjord-Lantern-82";
    private const string OfficialPassword = "Quartz-Meadow-47";

    private Task<(int Code, string Output, string Error)> Cli(string input, params string[] args) => CliRunner.RunAsync(data.ConnectionString, input, args);

    [Fact]
    public async Task GoingLive_FromAnEmptyDatabase_FirstPetitionReceivedWithTheKeyAndTreatedByTheAdminsOfficial()
    {
        // Arrange: the README's commands, in order.
        Assert.Equal(0, (await Cli("", "agencies", "add", "SEOUL-JONGNO", "--name-ko", "서울특별시 종로구", "--name-en", "Jongno-gu, Seoul", "--level", "local")).Code);
        Assert.Equal(0, (await Cli("", "agencies", "add-department", "SEOUL-JONGNO", "CIVIL", "--name-ko", "민원여권과", "--name-en", "Civil Affairs and Passport Division", "--petitions-office", "--phone", "02-2148-1100")).Code);
        var admin = await Cli(AdminPassword + "\n", "users", "create", "--user-name", "jongno.admin", "--name", "한관리", "--role", "Admin", "--agency", "SEOUL-JONGNO", "--department", "CIVIL");
        Assert.True(admin.Code == 0, admin.Error);
        var channel = await Cli("", "channels", "add", "--name", "정부24 (Gov24)", "--channels", "online-portal", "--expires", "2099-12-31");
        Assert.True(channel.Code == 0, channel.Error);
        var key = channel.Output.Trim();
        Assert.StartsWith("trt_", key, StringComparison.Ordinal);

        await using var host = new ProductionHost(data.ConnectionString);
        var officialId = await CreateOfficialAsAdminAsync(host);

        // Act: the portal sends a petition with its key; the official the admin created signs in and treats it.
        var intake = await host.CreateClient().SendAsync(ApiClient.Intake(ApiClient.Grievance("첫 민원: 가로등 고장"), key: key));
        var intakeText = await intake.Content.ReadAsStringAsync();
        Assert.True(intake.StatusCode == HttpStatusCode.Created, intakeText);
        var petitionId = ApiClient.Id(JsonNode.Parse(intakeText)!.AsObject());
        var official = await TokenClientAsync(host, "jongno.clerk", OfficialPassword);
        var routed = await ApiClient.FireAsync(official, petitionId, "route");
        var resolved = await ApiClient.FireAsync(official, petitionId, "resolve", new { decisionText = "가로등을 교체했습니다." });

        // Assert
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.True(resolved.StatusCode == HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());
        await using var db = host.CreateDbContext();
        var petition = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petitionId);
        Assert.Equal("online-portal", ApiClient.Str(JsonNode.Parse(intakeText)!["channel"]));
        Assert.Contains(await db.PetitionEvents.Where(e => e.PetitionId == petitionId).Select(e => e.ActorId).ToListAsync(), a => a == officialId);
        Assert.NotEqual("received", petition.State);
        var demoKey = await host.CreateClient().SendAsync(ApiClient.Intake(ApiClient.Grievance()));
        Assert.Equal(HttpStatusCode.Unauthorized, demoKey.StatusCode);
    }

    private static async Task<Guid> CreateOfficialAsAdminAsync(ProductionHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var civil = await db.Departments.SingleAsync(d => d.Code == "CIVIL");
        return await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateAsync(admin, new NewUser("jongno.clerk", "김접수", Roles.Official, admin.AgencyId, civil.Id, OfficialPassword), CancellationToken.None);
    }

    private static async Task<HttpClient> TokenClientAsync(ProductionHost host, string username, string password)
    {
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An empty database of its own (no demo data), dropped after the class.</summary>
    public sealed class EmptyDatabase : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = "";

        public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync("golive");

        public async Task DisposeAsync() => await TestDatabase.DropAsync(ConnectionString);
    }

    /// <summary>The real host as a production start runs it: no demo data, environment Production.</summary>
    public sealed class ProductionHost(string connectionString) : WebApplicationFactory<Program>
    {
        public TreatmentDbContext CreateDbContext() => Services.CreateScope().ServiceProvider.GetRequiredService<TreatmentDbContext>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Treatment:Database", connectionString);
            builder.UseSetting("Treatment:Role", "Web");
            builder.UseSetting("Treatment:SeedDemoData", "false");
            builder.UseSetting("Treatment:DemoPetitionCount", "0");
            builder.UseSetting("Treatment:PersonalDataKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 5 + 1)).ToArray()));
        }
    }
}
