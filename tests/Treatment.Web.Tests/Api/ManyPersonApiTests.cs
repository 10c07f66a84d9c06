using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

/// <summary>The many-person endpoints (Act §24, Decree §§6⑥, 8) per role: officials of the scope change, the agency's admins read, others get 404.</summary>
[Collection(AppCollection.Name)]
public sealed class ManyPersonApiTests(TreatmentApp app)
{
    [Theory]
    [InlineData("jongno.official", HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("jongno.admin", HttpStatusCode.OK, HttpStatusCode.NotFound)]
    [InlineData("mapo.official", HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    [InlineData("mois.analyst", HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    public async Task RosterEndpoints_ByRole_ReadAndChangeOnlyInScope(string userName, HttpStatusCode read, HttpStatusCode change)
    {
        // Arrange: a joint petition from the channel with a representative and its original roster
        var body = Grievance("공동 민원 " + userName);
        body["signerCount"] = 3;
        body["householdCount"] = 3;
        body["rosterReceived"] = true;
        body["representatives"] = new JsonArray(new JsonObject { ["name"] = "김대표", ["phone"] = "010-9999-8888" });
        var id = (await ReceiveAsync(app.CreateClient(), body))["id"]!.GetValue<long>();
        var client = await OfficialAsync(app, userName);

        // Act
        var got = await client.GetAsync($"/api/v1/petitions/{id}/many-person");
        var put = await client.PutAsJsonAsync($"/api/v1/petitions/{id}/roster", new { signerCount = 9, householdCount = 6 });

        // Assert
        Assert.Equal(read, got.StatusCode);
        Assert.Equal(change, put.StatusCode);
        if (put.StatusCode == HttpStatusCode.OK)
        {
            var resource = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(resource["manyPerson"]!.GetValue<bool>());
            var name = resource["representatives"]![0]!["name"]!.GetValue<string>();
            Assert.NotEqual("김대표", name);
            Assert.StartsWith("김", name);
            Assert.DoesNotContain("9999-8888", resource.ToJsonString());
        }
    }

    [Fact]
    public async Task Merge_TooFewPetitions_IsAProblemWithFieldErrors()
    {
        // Arrange
        var id = (await ReceiveAsync(app.CreateClient(), Grievance("병합 시도")))["id"]!.GetValue<long>();
        var client = await OfficialAsync(app);

        // Act
        var response = await client.PostAsJsonAsync($"/api/v1/petitions/{id}/merge", new { petitionIds = new[] { id }, reason = "같은 취지" });

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
