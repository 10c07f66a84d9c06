using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

/// <summary>Tokens follow their user within a minute; password guessing slows down per account and per address, never locks out, never tells who exists.</summary>
// Creates users, so it shares the admin tests' host rather than the one whose demo accounts are counted.
[Collection(AdminCollection.Name)]
public sealed class AuthHardeningTests(TreatmentApp app)
{
    private const string Password = "Clerk!2345";
    private static int _sequence;

    [Fact]
    public async Task Token_UserDisabled_IsRefusedWithinAMinute_OthersTokensStillWork()
    {
        var (userName, userId) = await NewOfficialAsync();
        var token = await TokenAsync(userName, Password, Address());
        var other = await OfficialAsync(app, "jongno.supervisor");
        var client = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/petitions?limit=1")).StatusCode);

        await SetActiveAsync(userId, active: false);
        app.Time.Advance(TimeSpan.FromSeconds(61));
        var afterAMinute = await client.GetAsync("/api/v1/petitions?limit=1");

        Assert.Equal(HttpStatusCode.Unauthorized, afterAMinute.StatusCode);
        await ProblemAsync(afterAMinute);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/petitions?limit=1")).StatusCode);
    }

    [Fact]
    public async Task Token_SecurityStampRenewed_OldTokenRefused_NewTokenWorks()
    {
        var (userName, userId) = await NewOfficialAsync();
        var old = Bearer(await TokenAsync(userName, Password, Address()));
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/petitions?limit=1")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId.ToString()))!);
        }

        app.Time.Advance(TimeSpan.FromSeconds(61));
        var renewed = Bearer(await TokenAsync(userName, Password, Address()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/petitions?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/petitions?limit=1")).StatusCode);
    }

    [Fact]
    public async Task Token_WrongPasswordUnknownAccountDisabledAccount_GetOneAnswer()
    {
        var (disabled, disabledId) = await NewOfficialAsync();
        await SetActiveAsync(disabledId, active: false);

        var wrong = await PostTokenAsync("jongno.tax", "wrong-password", Address());
        var unknown = await PostTokenAsync("nobody." + Guid.NewGuid().ToString("N")[..6], "wrong-password", Address());
        var disabledRightPassword = await PostTokenAsync(disabled, Password, Address());

        var bodies = new List<string>();
        foreach (var response in new[] { wrong, unknown, disabledRightPassword })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await ProblemAsync(response);
            problem.Remove("traceId");
            problem.Remove("instance");
            bodies.Add(problem.ToJsonString());
        }

        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Token_RepeatedFailuresForOneAccount_GrowingDelaysWith429_ThenTheOwnerGetsIn()
    {
        var (userName, _) = await NewOfficialAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostTokenAsync(userName, "wrong-" + i, Address())).StatusCode);
        }

        var sixth = await PostTokenAsync(userName, "wrong-6", Address());
        var blocked = await PostTokenAsync(userName, Password, Address());
        app.Time.Advance(TimeSpan.FromSeconds(1.5));
        var seventh = await PostTokenAsync(userName, "wrong-7", Address());
        var blockedLonger = await PostTokenAsync(userName, Password, Address());
        app.Time.Advance(TimeSpan.FromSeconds(2.5));
        var owner = await PostTokenAsync(userName, Password, Address());

        Assert.Equal(HttpStatusCode.Unauthorized, sixth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), blocked.Headers.RetryAfter!.Delta);
        await ProblemAsync(blocked);
        Assert.Equal(HttpStatusCode.Unauthorized, seventh.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), blockedLonger.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task Token_OneAddressGuessingManyAccounts_IsSlowedWith429()
    {
        var address = Address();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await PostTokenAsync($"guess.{i}.{Guid.NewGuid():N}"[..20], "wrong", address)).StatusCode);
        }

        var next = await PostTokenAsync("jongno.tax", "Demo!2345", address);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.True(next.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SignInPage_DisabledAccount_SameMessageAsWrongPassword_AndFailuresAreSlowedNotLocked()
    {
        var (userName, userId) = await NewOfficialAsync();
        await SetActiveAsync(userId, active: false);
        var disabled = await BackOfficeSession.SignInAsync(app, userName, Password);
        var unknown = await BackOfficeSession.SignInAsync(app, "nobody." + Guid.NewGuid().ToString("N")[..6], Password);

        var (other, _) = await NewOfficialAsync();
        for (var i = 0; i < 6; i++)
        {
            await BackOfficeSession.SignInAsync(app, other, "wrong-" + i);
        }

        var slowed = await BackOfficeSession.SignInAsync(app, other, Password);
        app.Time.Advance(TimeSpan.FromSeconds(2));
        var owner = await BackOfficeSession.SignInAsync(app, other, Password);

        var message = "아이디 또는 비밀번호가 올바르지 않습니다";
        Assert.Contains(message, await disabled.SignInResponse.Content.ReadAsStringAsync());
        Assert.Contains(message, await unknown.SignInResponse.Content.ReadAsStringAsync());
        Assert.DoesNotContain("중지", await disabled.SignInResponse.Content.ReadAsStringAsync());
        Assert.False(slowed.SignedIn);
        Assert.Contains("초 후 다시 시도하세요", await slowed.SignInResponse.Content.ReadAsStringAsync());
        Assert.True(owner.SignedIn);
    }

    private async Task<(string UserName, Guid Id)> NewOfficialAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var civil = await db.Departments.AsNoTracking().SingleAsync(d => d.Agency!.Code == "SEOUL-JONGNO" && d.Code == "CIVIL");
        var userName = $"auth.user{Interlocked.Increment(ref _sequence)}.{Guid.NewGuid().ToString("N")[..4]}";
        var id = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateAsync(admin, new NewUser(userName, "인증시험", Roles.Official, civil.AgencyId, civil.Id, Password), default);
        return (userName, id);
    }

    private async Task SetActiveAsync(Guid userId, bool active)
    {
        using var scope = app.Services.CreateScope();
        var admin = await BackOfficeSession.ActorAsync(scope.ServiceProvider.GetRequiredService<TreatmentDbContext>(), "jongno.admin");
        await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetActiveAsync(admin, userId, active, default);
    }

    private Task<HttpResponseMessage> PostTokenAsync(string username, string password, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return app.CreateClient().SendAsync(request);
    }

    private async Task<string> TokenAsync(string username, string password, string address)
    {
        var response = await PostTokenAsync(username, password, address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    private HttpClient Bearer(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Address()
    {
        var n = Interlocked.Increment(ref _sequence);
        return $"192.0.2.{(n % 250) + 1}";
    }
}
