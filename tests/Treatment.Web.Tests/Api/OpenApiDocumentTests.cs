using System.Text.Json.Nodes;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Api;

/// <summary>The OpenAPI document types a channel's client exactly; scripts/openapi-lint checks the copy written here.</summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiDocumentTests(TreatmentApp app)
{
    [Fact]
    public async Task IntakeSchema_ListsItsRequiredFields_AndTypesIdAsInteger()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;

        var intake = schemas["IntakeBody"]!;
        var required = intake["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "kind", "agencyCode", "title", "body", "petitioner" }, required);
        foreach (var field in new[] { "agencyCode", "title", "body" })
        {
            Assert.Equal("string", intake["properties"]![field]!["type"]!.GetValue<string>());
        }

        Assert.Equal("#/components/schemas/PetitionKind", intake["properties"]!["kind"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/PetitionerBody", intake["properties"]!["petitioner"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["name"], schemas["PetitionerBody"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        var example = document["paths"]!["/api/v1/petitions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        Assert.Equal("grievance", example["kind"]!.GetValue<string>());

        var id = schemas["PetitionResource"]!["properties"]!["id"]!;
        Assert.Equal("integer", id["type"]!.GetValue<string>());
        Assert.Contains("id", schemas["PetitionResource"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryOperation_HasBothSecuritySchemesASummaryAndAnErrorAnswer()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).ToList();

        Assert.Equal(["ApiKey", "Bearer"], schemes.Order());
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var names = operation!["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToHashSet();
                Assert.True(names.SetEquals(["ApiKey", "Bearer"]), $"{method} {path}");
                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path}");
                Assert.Contains(operation["responses"]!.AsObject(), r => r.Key.StartsWith('4'));
            }
        }
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var text = await app.CreateClient().GetStringAsync("/api/openapi/v1.json");
        // The copy scripts/openapi-lint checks (scripts/test runs it after the tests).
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "openapi");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "v1.json"), text);
        return JsonNode.Parse(text)!;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Treatment.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Treatment.sln not found above the test folder");
    }
}
