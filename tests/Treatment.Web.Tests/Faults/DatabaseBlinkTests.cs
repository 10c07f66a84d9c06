using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Faults;

/// <summary>The real host over a cluster of its own, which the tests stop and start.</summary>
public sealed class BlinkApp : IAsyncLifetime
{
    public ThrowawayCluster Cluster { get; private set; } = null!;

    public TreatmentApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await ThrowawayCluster.CreateAsync();
        App = new TreatmentApp
        {
            DatabaseServer = Cluster.ConnectionString,
            Settings = { ["Treatment:Faults:FirstRetryDelay"] = "00:00:00.300", ["Treatment:Faults:RetryAfterSeconds"] = "7" },
        };
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BlinkCollection : ICollectionFixture<BlinkApp>
{
    public const string Name = "database-blink";
}

/// <summary>A database that goes away and comes back: safe requests are retried, the rest answer 503 with Retry-After, nothing answers 500.</summary>
[Collection(BlinkCollection.Name)]
public sealed class DatabaseBlinkTests(BlinkApp blink)
{
    private readonly TreatmentApp _app = blink.App;

    [Fact]
    public async Task ApiRead_DatabaseRestartsDuringRequest_RetriedAndAnswers200()
    {
        var client = await ApiClient.OfficialAsync(_app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/petitions")).StatusCode);

        await blink.Cluster.StopAsync();
        var comesBack = Task.Delay(400).ContinueWith(_ => blink.Cluster.StartAsync()).Unwrap();
        var response = await client.GetAsync("/api/v1/petitions");
        await comesBack;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Intake_WithIdempotencyKeyWhileDatabaseRestarts_RetriedAndStoredOnce()
    {
        var client = _app.CreateClient();
        var key = $"blink-{Guid.NewGuid():N}";
        var title = $"정전 중 접수 {key}";

        await blink.Cluster.StopAsync();
        var comesBack = Task.Delay(400).ContinueWith(_ => blink.Cluster.StartAsync()).Unwrap();
        var first = await client.SendAsync(ApiClient.Intake(ApiClient.Grievance(title), key));
        await comesBack;
        var again = await client.SendAsync(ApiClient.Intake(ApiClient.Grievance(title), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = _app.CreateDbContext();
        Assert.Equal(1, await db.Petitions.CountAsync(p => p.Title == title));
    }

    [Fact]
    public async Task Requests_DatabaseStaysAway_Answer503WithRetryAfterAndHealthDegraded_ThenRecoverByThemselves()
    {
        // Arrange
        var api = await ApiClient.OfficialAsync(_app);
        var session = await BackOfficeSession.SignInAsync(_app, "jongno.official", "Demo!2345");
        Assert.True(session.SignedIn);
        var petition = await ApiClient.ReceiveAsync(_app.CreateClient(), ApiClient.Grievance());

        // Act
        await blink.Cluster.StopAsync();
        HttpResponseMessage read, page, write, health;
        try
        {
            read = await api.GetAsync("/api/v1/petitions");
            page = await session.Client.GetAsync("/Inbox");
            write = await ApiClient.FireAsync(api, ApiClient.Id(petition), "assign-self");
            health = await _app.CreateClient().GetAsync("/healthz");
        }
        finally
        {
            await blink.Cluster.StartAsync();
        }

        // Assert: away
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.Equal("7", read.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        var problem = await ApiClient.ProblemAsync(read);
        Assert.EndsWith("/database-unavailable", ApiClient.Str(problem["type"]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("잠시 후 다시 시도해 주십시오", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", StatusOf(await health.Content.ReadAsStringAsync()));

        // Assert: back, without a hand
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/petitions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/Inbox")).StatusCode);
        Assert.Equal("Healthy", StatusOf(await (await _app.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync()));
    }

    private static string? StatusOf(string healthJson)
    {
        using var json = JsonDocument.Parse(healthJson);
        return json.RootElement.GetProperty("status").GetString();
    }
}
