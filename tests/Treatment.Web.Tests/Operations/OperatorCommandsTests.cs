using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Operations;

[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<TreatmentApp>
{
    public const string Name = "operations";
}

/// <summary>`treatment users` and `treatment channels` against the demo organisation (a host and database of their own).</summary>
[Collection(OperationsCollection.Name)]
public sealed class OperatorCommandsTests(TreatmentApp app)
{
    private Task<(int Code, string Output, string Error)> Cli(string input, params string[] args) => CliRunner.RunAsync(app.ConnectionString, input, args);

    [Fact]
    public async Task UsersCreate_PasswordFromStandardInput_TheUserSignsInWithIt()
    {
        var (code, output, error) = await Cli("Harbor-Violet-31\n", "users", "create", "--user-name", "jongno.newcomer", "--name", "신입생", "--role", "Official", "--agency", "SEOUL-JONGNO", "--department", "TAX");

        Assert.True(code == 0, error);
        Assert.StartsWith("created jongno.newcomer (Official) in SEOUL-JONGNO TAX", output, StringComparison.Ordinal);
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { username = "jongno.newcomer", password = "Harbor-Violet-31" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Theory]
    [InlineData("short\n", 1)]
    [InlineData(DemoReferenceData.DemoPassword + "\n", 2)]
    [InlineData("", 2)]
    public async Task UsersCreate_BadOrMissingPassword_OneLineAndNoUser(string input, int exit)
    {
        var (code, output, error) = await Cli(input, "users", "create", "--user-name", "jongno.refused", "--name", "거절", "--role", "Official", "--agency", "SEOUL-JONGNO", "--department", "TAX");

        Assert.Equal(exit, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        await using var db = app.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "jongno.refused"));
    }

    [Fact]
    public async Task UsersCreate_PasswordAsAnArgument_IsNotAnOption()
    {
        var (code, _, error) = await Cli("", "users", "create", "--user-name", "jongno.argument", "--name", "인자", "--role", "Official", "--agency", "SEOUL-JONGNO", "--department", "TAX", "--password", "Harbor-Violet-31");

        Assert.Equal(2, code);
        Assert.Contains("--password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersDisable_OpenAssignedPetitions_BackInTheDepartmentQueueWithAReturnedToQueueEvent_ThenEnable()
    {
        // Arrange
        await using var db = app.CreateDbContext();
        var building = await db.Users.SingleAsync(u => u.UserName == "jongno.building");
        var petition = await TestData.CreatePetitionAsync(db, title: "담당자 비활성화");
        petition.AssigneeId = building.Id;
        petition.DepartmentId = building.DepartmentId!.Value;
        await db.SaveChangesAsync();

        // Act
        var disabled = await Cli("", "users", "disable", "jongno.building");

        // Assert
        Assert.True(disabled.Code == 0, disabled.Error);
        Assert.Matches(@"disabled jongno.building; [1-9][0-9]* open petition\(s\) back", disabled.Output);
        await using var check = app.CreateDbContext();
        var stored = await check.Petitions.AsNoTracking().SingleAsync(p => p.Id == petition.Id);
        Assert.Null(stored.AssigneeId);
        Assert.Equal(building.DepartmentId, stored.DepartmentId);
        var handBack = await check.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == petition.Id && e.Type == Treatment.Core.Petitions.PetitionEventTypes.ReturnedToQueue);
        using var data = System.Text.Json.JsonDocument.Parse(handBack.Data!);
        Assert.Equal(building.Id, data.RootElement.GetProperty("fromAssignee").GetGuid());
        // No new assignee: the audit data leaves it out (null members are not written).
        Assert.False(data.RootElement.TryGetProperty("toAssignee", out var to) && to.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.False((await check.Users.AsNoTracking().SingleAsync(u => u.Id == building.Id)).IsActive);

        var enabled = await Cli("", "users", "enable", "jongno.building");
        Assert.True(enabled.Code == 0, enabled.Error);
        await using var after = app.CreateDbContext();
        Assert.True((await after.Users.AsNoTracking().SingleAsync(u => u.Id == building.Id)).IsActive);
    }

    [Fact]
    public async Task UsersGrantThenRevoke_RoleAddedThenWithdrawn()
    {
        var granted = await Cli("", "users", "grant", "mapo.official", Roles.Supervisor);
        var afterGrant = await RolesOfAsync("mapo.official");
        var revoked = await Cli("", "users", "revoke", "mapo.official", Roles.Supervisor);
        var afterRevoke = await RolesOfAsync("mapo.official");
        var unknown = await Cli("", "users", "grant", "mapo.official", "Emperor");

        Assert.True(granted.Code == 0 && revoked.Code == 0, granted.Error + revoked.Error);
        Assert.Contains(Roles.Supervisor, afterGrant);
        Assert.DoesNotContain(Roles.Supervisor, afterRevoke);
        Assert.Equal(2, unknown.Code);
    }

    [Fact]
    public async Task UsersList_OneAgency_ListsItsUsersOnly()
    {
        var (code, output, error) = await Cli("", "users", "list", "--agency", "SEOUL-MAPO");

        Assert.True(code == 0, error);
        Assert.Contains("mapo.official\t", output, StringComparison.Ordinal);
        Assert.DoesNotContain("jongno.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelsAdd_KeyWorksForItsChannelsOnly_AndIsStoredHashed()
    {
        var (code, output, error) = await Cli("", "channels", "add", "--name", "무인민원발급기", "--channels", "kiosk,online-portal", "--expires", "2099-12-31");
        var key = output.Trim();

        Assert.True(code == 0, error);
        var client = app.CreateClient();
        var asKiosk = ApiClient.Grievance("무인 접수");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(ApiClient.Intake(asKiosk, key: key))).StatusCode);
        var asVisit = ApiClient.Grievance("방문이라 주장");
        asVisit["channel"] = "visit";
        var refused = await client.SendAsync(ApiClient.Intake(asVisit, key: key));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using var db = app.CreateDbContext();
        var stored = await db.ChannelApiKeys.AsNoTracking().SingleAsync(k => k.Name == "무인민원발급기");
        Assert.NotEqual(key, stored.KeyHash);
        Assert.DoesNotContain(key, (await Cli("", "channels", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelsRotateThenRevoke_OldKeyRefusedNewKeyWorksThenNothing()
    {
        var first = (await Cli("", "channels", "add", "--name", "전자민원창구", "--channels", "e-window", "--expires", "2099-12-31")).Output.Trim();
        await using var db = app.CreateDbContext();
        var id = (await db.ChannelApiKeys.AsNoTracking().SingleAsync(k => k.Name == "전자민원창구" && k.RevokedAt == null)).Id;

        var rotated = await Cli("", "channels", "rotate", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var second = rotated.Output.Trim();
        var client = app.CreateClient();
        var oldAnswer = await client.SendAsync(ApiClient.Intake(ApiClient.Grievance("교체 전 키"), key: first));
        var newAnswer = await client.SendAsync(ApiClient.Intake(ApiClient.Grievance("교체 후 키"), key: second));

        Assert.True(rotated.Code == 0, rotated.Error);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, newAnswer.StatusCode);
        var newId = (await db.ChannelApiKeys.AsNoTracking().SingleAsync(k => k.Name == "전자민원창구" && k.RevokedAt == null)).Id;
        var revoked = await Cli("", "channels", "revoke", newId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(revoked.Code == 0, revoked.Error);
        Assert.Contains($"{newId}\t", (await Cli("", "channels", "list")).Output.Split('\n').Single(l => l.StartsWith($"{newId}\t", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("revoked", (await Cli("", "channels", "list")).Output.Split('\n').Single(l => l.StartsWith($"{newId}\t", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelKey_Expired_Refused()
    {
        var key = (await Cli("", "channels", "add", "--name", "만료 시험", "--channels", "online-portal", "--expires", "2099-12-31")).Output.Trim();
        await using (var db = app.CreateDbContext())
        {
            var row = await db.ChannelApiKeys.SingleAsync(k => k.Name == "만료 시험");
            row.ExpiresAt = app.Time.GetUtcNow().AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        var response = await app.CreateClient().SendAsync(ApiClient.Intake(ApiClient.Grievance("만료된 키"), key: key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("channels", "add", "--name", "x", "--channels", "pigeon", "--expires", "2099-12-31")]
    [InlineData("channels", "add", "--name", "x", "--channels", "kiosk", "--expires", "someday")]
    [InlineData("channels", "add", "--name", "x", "--channels", "kiosk")]
    [InlineData("channels", "rotate", "abc")]
    [InlineData("users", "create", "--user-name", "x", "--name", "x", "--role", "King", "--agency", "SEOUL-MAPO", "--department", "CIVIL")]
    public async Task BadArguments_OneLineExitTwo(params string[] args)
    {
        var (code, output, error) = await Cli("Harbor-Violet-31\n", args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task ProductionStart_DemoKeyAndPasswordsStillUsable_Refused()
    {
        await using var production = new GoingLiveTests.ProductionHost(app.ConnectionString);

        var refused = Assert.ThrowsAny<Exception>(() => production.Services);

        var message = refused.ToString();
        Assert.Contains("demo channel key", message, StringComparison.Ordinal);
        Assert.Contains("jongno.official", message, StringComparison.Ordinal);
    }

    private async Task<List<string>> RolesOfAsync(string userName)
    {
        await using var db = app.CreateDbContext();
        return await db.Users.Where(u => u.UserName == userName)
            .SelectMany(u => db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!))
            .ToListAsync();
    }
}
