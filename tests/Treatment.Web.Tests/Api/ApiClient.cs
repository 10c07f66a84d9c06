using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Api;

/// <summary>Small helpers over the running app: channel intake, officials' tokens, JSON bodies.</summary>
internal static class ApiClient
{
    public const string ChannelKey = DemoReferenceData.DemoChannelKey;

    public static JsonObject Grievance(string title = "가로등 고장 🚨", string agency = "SEOUL-JONGNO") => new()
    {
        ["kind"] = "grievance",
        ["agencyCode"] = agency,
        ["title"] = title,
        ["body"] = "골목 가로등이 꺼져 있습니다.\n확인 부탁드립니다.",
        ["petitioner"] = new JsonObject { ["name"] = "홍길동", ["phone"] = "010-1234-5678", ["email"] = "hong@example.kr" },
    };

    public static JsonObject Legal(string affairCode, string title = "사용승인 신청", string? residentNumber = null)
    {
        var petitioner = new JsonObject { ["name"] = "김철수" };
        if (residentNumber is not null)
        {
            petitioner["residentNumber"] = residentNumber;
        }

        return new JsonObject
        {
            ["kind"] = "legal",
            ["affairCode"] = affairCode,
            ["agencyCode"] = "SEOUL-JONGNO",
            ["title"] = title,
            ["body"] = "신청합니다.",
            ["petitioner"] = petitioner,
        };
    }

    public static HttpRequestMessage Intake(JsonNode body, string? idempotencyKey = null, string key = ChannelKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/petitions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    public static async Task<JsonObject> ReceiveAsync(HttpClient client, JsonNode body)
    {
        var response = await client.SendAsync(Intake(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<HttpClient> OfficialAsync(TreatmentApp app, string username = "jongno.official")
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = DemoReferenceData.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<HttpResponseMessage> FireAsync(HttpClient client, long id, string trigger, object? inputs = null) =>
        inputs is null
            ? client.PostAsync($"/api/v1/petitions/{id}/actions/{trigger}", null)
            : client.PostAsJsonAsync($"/api/v1/petitions/{id}/actions/{trigger}", inputs);

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.StartsWith("https://treatment.example/problems/", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem["titleKo"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["titleEn"]?.GetValue<string>()));
        return problem;
    }

    public static long Id(JsonObject petition) => petition["id"]!.GetValue<long>();

    public static string Str(JsonNode? node) => node!.GetValue<string>();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
