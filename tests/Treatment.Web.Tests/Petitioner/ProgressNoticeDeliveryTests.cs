using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;

namespace Treatment.Web.Tests.Petitioner;

/// <summary>Decree §23: the sweep sends the progress notice every 30 days itself; a missed one is no longer only a breach.</summary>
[Collection(JobsCollection.Name)]
public sealed class ProgressNoticeDeliveryTests(JobsApp jobs)
{
    private readonly TreatmentApp _app = jobs.App;

    [Fact]
    public async Task Sweep_PetitionReceived65DaysAgoWithoutDecision_TwoProgressNoticesDeliveredAndNoBreach()
    {
        // Arrange: a grievance registered at the counter 65 days ago, routed, never decided; the petitioner gave an e-mail.
        var official = await ApiClient.OfficialAsync(_app);
        var body = ApiClient.Grievance("65일 된 고충민원");
        body["channel"] = "visit";
        body["receivedAt"] = _app.Time.GetUtcNow().AddDays(-65).ToString("O");
        var response = await official.PostAsJsonAsync("/api/v1/petitions", body);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(response.IsSuccessStatusCode, created.ToJsonString());
        var id = ApiClient.Id(created);
        (await ApiClient.FireAsync(official, id, "route")).EnsureSuccessStatusCode();

        // Act: the sweep applies every due milestone; the outbox delivers what it queued.
        for (var i = 0; i < 3; i++)
        {
            await MilestonePetitions.Sweep(_app).DrainAsync(CancellationToken.None);
        }

        await _app.Services.GetRequiredService<OutboxDelivery>().DeliverAsync(CancellationToken.None);

        // Assert
        var petition = (await official.GetFromJsonAsync<JsonObject>($"/api/v1/petitions/{id}"))!;
        var progress = petition["notices"]!.AsArray().Where(n => n!["template"]!.GetValue<string>().EndsWith("progress", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, progress.Count);
        Assert.All(progress, n =>
        {
            Assert.Equal("email", n!["delivery"]!["channel"]!.GetValue<string>());
            Assert.Equal("sent", n["delivery"]!["status"]!.GetValue<string>());
            Assert.Matches(@"담당: \S+ \S+.* \(연락처 [0-9-]+\)", n["text"]!.GetValue<string>()); // Decree §31: unit, name, contact
        });
        await using var db = _app.CreateDbContext();
        var breaches = await db.ObligationBreaches.Where(b => b.PetitionId == id).Select(b => b.Obligation).ToListAsync();
        Assert.DoesNotContain(breaches, o => o.StartsWith("progress-notice", StringComparison.Ordinal));
    }
}
