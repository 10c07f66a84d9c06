using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

/// <summary>Two web nodes on one database share the data-protection key ring: what one issues, the other accepts.</summary>
[Collection(AppCollection.Name)]
public sealed class TwoNodeTests(TreatmentApp app) : IAsyncLifetime
{
    private TreatmentApp _other = null!;

    public async Task InitializeAsync()
    {
        _other = new TreatmentApp { JoinDatabase = app.ConnectionString };
        await _other.InitializeAsync();
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_other).DisposeAsync();

    [Fact]
    public async Task Token_IssuedByOneNode_IsAcceptedByTheOther()
    {
        var onFirst = await ApiClient.OfficialAsync(app);
        var second = _other.CreateClient();
        second.DefaultRequestHeaders.Authorization = onFirst.DefaultRequestHeaders.Authorization;

        var response = await second.GetAsync("/api/v1/petitions?limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignInCookie_IssuedByOneNode_IsAcceptedByTheOther()
    {
        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);
        Assert.True(session.SignedIn);
        var cookies = session.SignInResponse.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0]).Where(c => c.StartsWith("treatment.auth", StringComparison.Ordinal)).ToList();
        var second = _other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/Inbox");
        request.Headers.Add("Cookie", string.Join("; ", cookies));

        var response = await second.SendAsync(request);
        var anonymous = await second.GetAsync("/Inbox");

        Assert.NotEmpty(cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task KeyRing_IsKeptInTheDatabase()
    {
        await ApiClient.OfficialAsync(app);
        await using var db = app.CreateDbContext();

        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }
}
