using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class PublicApiTests(TreatmentApp app)
{
    [Fact]
    public async Task Agencies_ListsTheDemoAgenciesWithParents()
    {
        var agencies = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/v1/agencies"))!.AsArray();

        var jongno = agencies.Single(a => Str(a!["code"]) == "SEOUL-JONGNO")!;
        Assert.Equal("서울특별시 종로구", Str(jongno["nameKo"]));
        Assert.Equal("SEOUL", Str(jongno["parentCode"]));
    }

    [Fact]
    public async Task Affairs_SearchByKoreanName_ReturnsPeriodDocumentsFeeStatuteAndSource()
    {
        var affairs = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/v1/affairs?q=" + Uri.EscapeDataString("사용승인")))!.AsArray();

        var approval = affairs.Single(a => Str(a!["code"]) == "BLD-USE-APPROVAL")!;
        Assert.Equal("7d", Str(approval["period"]));
        Assert.False(string.IsNullOrEmpty(Str(approval["statute"])));
        Assert.False(string.IsNullOrEmpty(Str(approval["source"])));
        Assert.NotNull(approval["requiredDocuments"]);
        Assert.NotNull(approval["fee"]);
    }

    [Fact]
    public async Task Affairs_SearchByCode_FindsIt()
    {
        var affairs = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/v1/affairs?q=PASSPORT"))!.AsArray();

        Assert.Contains(affairs, a => Str(a!["code"]) == "PASSPORT-ISSUE");
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheApiOperations()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/petitions", paths);
        Assert.Contains("/api/v1/petitions/{id}/actions/{trigger}", paths);
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/status", paths);
        Assert.Contains("/api/v1/affairs", paths);
    }

    [Fact]
    public async Task Docs_ReferencePageAndItsScriptAreServedLocally()
    {
        var client = app.CreateClient();

        var page = await client.GetStringAsync("/api/docs");
        var scripts = Regex.Matches(page, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.DoesNotMatch("^(https?:)?//", src));
        foreach (var src in scripts)
        {
            var url = src.StartsWith('/') ? src : "/api/docs/" + src.TrimStart('.', '/');
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAsync(response);
    }
}
