using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Packages;

/// <summary>
/// The change of address service (decision 021): one report, three consented recipients told by signed webhooks through
/// the outbox; one fails and recovers, one loses its answer and is sent again with the same delivery id; each is taken in
/// exactly once by a receiver that drops repeats; the citizen's list follows.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class AddressChangeTests(TreatmentApp app)
{
    private async Task<(string Code, string Secret)> RegisterAsync(HttpClient admin, WebhookReceiver receiver, string path)
    {
        var code = path.ToUpperInvariant() + "-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/v1/address-change-recipients", new
        {
            code,
            nameKo = $"{path} 수신기관",
            nameEn = $"{path} recipient",
            channel = "webhook",
            endpoint = $"{receiver.BaseUrl}/hooks/{path}",
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var secret = Str(JsonNode.Parse(text)!["secret"]);
        receiver.Trust(path, secret);
        return (code, secret);
    }

    private async Task<int> DeliverAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverAsync(CancellationToken.None);
    }

    private static HttpClient Channel(TreatmentApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ChannelKey);
        return client;
    }

    private static Dictionary<string, string> States(JsonObject change) =>
        change["deliveries"]!.AsArray().ToDictionary(d => Str(d!["recipientCode"]), d => Str(d!["state"]));

    [Fact]
    public async Task ThreeRecipients_OneFailingThenRecovering_EachTakenInExactlyOnce_SignaturesVerify()
    {
        // Arrange: three webhook recipients on a receiver in this test
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst["flaky"] = "before"; // refuses the first call, then recovers
        receiver.FailFirst["lossy"] = "after";  // takes the first call in but its answer is lost
        var admin = await OfficialAsync(app, "mois.admin");
        var steady = await RegisterAsync(admin, receiver, "steady");
        var flaky = await RegisterAsync(admin, receiver, "flaky");
        var lossy = await RegisterAsync(admin, receiver, "lossy");
        using var channel = Channel(app);

        // Act: report, deliver, read; two hours later (past the back-off) deliver again and read; then acknowledge
        var reported = await channel.PostAsJsonAsync("/api/v1/address-changes", new
        {
            name = "주소바꿈",
            phone = "010-5555-6666",
            previousAddress = "서울특별시 종로구 세종대로 209",
            newAddress = "서울특별시 마포구 월드컵로 212",
            movedOn = "2025-07-05",
            recipients = new[] { steady.Code, flaky.Code, lossy.Code },
        });
        var reportedText = await reported.Content.ReadAsStringAsync();
        Assert.True(reported.StatusCode == HttpStatusCode.Created, reportedText);
        var receipt = Str(JsonNode.Parse(reportedText)!["receiptNumber"]);
        var pending = States(JsonNode.Parse(reportedText)!.AsObject());
        await DeliverAsync();
        var afterFirst = JsonNode.Parse(await channel.GetStringAsync($"/api/v1/address-changes/{receipt}"))!.AsObject();
        app.Time.Advance(TimeSpan.FromHours(2));
        await DeliverAsync();
        await DeliverAsync(); // nothing left: no third call to anyone
        var afterRetry = JsonNode.Parse(await channel.GetStringAsync($"/api/v1/address-changes/{receipt}"))!.AsObject();
        var steadyDelivery = Str(afterRetry["deliveries"]!.AsArray().Single(d => Str(d!["recipientCode"]) == steady.Code)!["deliveryId"]);
        var ackBody = """{"applied":true}""";
        var ack = await AcknowledgeAsync(steadyDelivery, steady.Secret, ackBody);
        var forged = await AcknowledgeAsync(steadyDelivery, "whsec_not-the-secret", ackBody);
        var acknowledged = JsonNode.Parse(await channel.GetStringAsync($"/api/v1/address-changes/{receipt}"))!.AsObject();

        // Assert: statuses as the citizen sees them
        Assert.All(pending.Values, s => Assert.Equal("pending", s));
        Assert.Equal("delivered", States(afterFirst)[steady.Code]);
        Assert.Equal("failed", States(afterFirst)[flaky.Code]);
        Assert.Equal("failed", States(afterFirst)[lossy.Code]);
        Assert.All(States(afterRetry).Values, s => Assert.Equal("delivered", s));
        Assert.Equal(HttpStatusCode.NoContent, ack.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("acknowledged", States(acknowledged)[steady.Code]);
        Assert.Equal("delivered", States(acknowledged)[flaky.Code]);

        // Assert: each recipient took its delivery in exactly once; the lost answer's repeat carried the same id and was dropped
        Assert.Empty(receiver.BadSignatures);
        Assert.Equal(1, receiver.Calls("steady"));
        Assert.Equal(2, receiver.Calls("flaky"));
        Assert.Equal(2, receiver.Calls("lossy"));
        Assert.Single(receiver.Accepted["steady"]);
        Assert.Single(receiver.Accepted["flaky"]);
        Assert.Single(receiver.Accepted["lossy"]);
        Assert.Equal(new[] { "lossy" }, receiver.Duplicates.ToArray());
        var payload = JsonNode.Parse(receiver.Accepted["flaky"].Values.Single())!;
        Assert.Equal("서울특별시 마포구 월드컵로 212", Str(payload["newAddress"]));
        Assert.Equal(receipt, Str(payload["addressChange"]));
        Assert.Equal(Str(afterRetry["deliveries"]!.AsArray().Single(d => Str(d!["recipientCode"]) == flaky.Code)!["deliveryId"]), Str(payload["deliveryId"]));
        Assert.Equal("주**꿈", Str(afterRetry["name"]));
        Assert.DoesNotContain("월드컵로", afterRetry.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> AcknowledgeAsync(string deliveryId, string secret, string body)
    {
        using var client = app.CreateClient();
        var timestamp = app.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/address-changes/deliveries/{deliveryId}/acknowledgement")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Treatment-Timestamp", timestamp);
        request.Headers.Add("Treatment-Signature", "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body))));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task AddressChange_PerRole_OnlyTheReportingChannelReadsIt()
    {
        // Arrange
        using var channel = Channel(app);
        var reported = await channel.PostAsJsonAsync("/api/v1/address-changes", new
        {
            name = "역할확인", previousAddress = "서울특별시 종로구 1", newAddress = "서울특별시 마포구 2", movedOn = "2025-07-01", recipients = new[] { "NHIS", "NPS" },
        });
        var receipt = Str(JsonNode.Parse(await reported.Content.ReadAsStringAsync())!["receiptNumber"]);
        using var anonymous = app.CreateClient();

        // Act
        var asAnonymous = await anonymous.GetAsync($"/api/v1/address-changes/{receipt}");
        var asOfficial = await (await OfficialAsync(app, "jongno.official")).GetAsync($"/api/v1/address-changes/{receipt}");
        var asAdmin = await (await OfficialAsync(app, "mois.admin")).GetAsync($"/api/v1/address-changes/{receipt}");
        var asChannel = await channel.GetAsync($"/api/v1/address-changes/{receipt}");
        var officialReports = await (await OfficialAsync(app, "jongno.official")).PostAsJsonAsync("/api/v1/address-changes", new { name = "x" });
        var anonymousReports = await anonymous.PostAsJsonAsync("/api/v1/address-changes", new { name = "x" });

        // Assert
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asOfficial.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asChannel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officialReports.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousReports.StatusCode);
    }

    [Fact]
    public async Task Report_RefusesUnknownRecipientsAndMissingFields_AsProblemDetails()
    {
        // Arrange
        using var channel = Channel(app);

        // Act
        var response = await channel.PostAsJsonAsync("/api/v1/address-changes", new { name = "", previousAddress = "a", newAddress = "b", movedOn = "2099-01-01", recipients = new[] { "NOBODY" } });

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response))["errors"]!.AsObject();
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["movedOn"]);
        Assert.NotNull(errors["recipients"]);
    }

    [Theory]
    [InlineData("mois.admin", HttpStatusCode.Created)]
    [InlineData("jongno.admin", HttpStatusCode.Forbidden)]
    [InlineData("jongno.supervisor", HttpStatusCode.Forbidden)]
    [InlineData("jongno.official", HttpStatusCode.Forbidden)]
    public async Task RegisterRecipient_PerRole(string user, HttpStatusCode expected)
    {
        // Arrange
        var client = await OfficialAsync(app, user);

        // Act
        var response = await client.PostAsJsonAsync("/api/v1/address-change-recipients", new
        {
            code = "ROLE-" + Guid.NewGuid().ToString("N")[..6], nameKo = "수신", nameEn = "Recipient", channel = "email", endpoint = "notify@example.kr",
        });

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }
}
