using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Channels;
using Treatment.Core.Clock;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Web.Api;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Complex;

/// <summary>
/// Open311 GeoReport v2 (decision 022): the specification's documents in JSON and XML, requests into the one intake
/// under a channel key and visible in the officials' inbox with their statutory due, public fields only, and errors in
/// Open311's own format.
/// </summary>
[Collection(ComplexCollection.Name)]
public sealed class Open311Tests(ComplexApp fixture)
{
    private static readonly string[] PublicFields =
        ["service_request_id", "status", "status_notes", "service_name", "service_code", "agency_responsible", "requested_datetime", "updated_datetime", "expected_datetime"];

    private readonly TreatmentApp _app = fixture.App;

    [Fact]
    public async Task Services_JsonAndXml_ListTheNonLegalKindsAndTheStandardsAsTheSpecificationShowsThem()
    {
        // Arrange
        var client = _app.CreateClient();

        // Act
        var json = await client.GetAsync("/open311/v2/services.json");
        var xml = await client.GetAsync("/open311/v2/services.xml");
        var definition = await client.GetAsync("/open311/v2/services/inquisitive-procedure.json");
        var unknown = await client.GetAsync("/open311/v2/services/NO-SUCH.xml");

        // Assert: an array of services with the specification's members; the same in <services><service>
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        using var services = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var codes = services.RootElement.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()).ToList();
        Assert.Contains("inquisitive-procedure", codes);
        Assert.Contains("other", codes);
        Assert.Contains("BLD-USE-APPROVAL", codes);
        var first = services.RootElement[0];
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], first.EnumerateObject().Select(p => p.Name));
        Assert.False(first.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", first.GetProperty("type").GetString());

        Assert.StartsWith("text/xml", xml.Content.Headers.ContentType!.ToString());
        var xmlText = await xml.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xmlText);
        var document = XDocument.Parse(xmlText);
        Assert.Equal("services", document.Root!.Name.LocalName);
        Assert.Equal(codes, document.Root.Elements("service").Select(s => s.Element("service_code")!.Value));
        Assert.Contains(document.Root.Elements("service"), s => s.Element("service_name")!.Value.Contains("질의", StringComparison.Ordinal));

        using var defined = JsonDocument.Parse(await definition.Content.ReadAsStringAsync());
        Assert.Equal("inquisitive-procedure", defined.RootElement.GetProperty("service_code").GetString());
        Assert.Equal(0, defined.RootElement.GetProperty("attributes").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("404", XDocument.Parse(await unknown.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);
    }

    [Fact]
    public async Task Request_JsonRoundTrip_AnswersPublicFieldsWithTheStatutoryDueAndReachesTheOfficialsInbox()
    {
        // Arrange
        var client = _app.CreateClient();
        var description = "골목 가로등이 꺼져 있습니다. 밤길이 위험합니다.";

        // Act
        var posted = await client.PostAsync("/open311/v2/requests.json", Form(DemoReferenceData.DemoChannelKey, "other", description));
        using var created = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        var id = created.RootElement[0].GetProperty("service_request_id").GetString()!;
        var one = await client.GetStringAsync($"/open311/v2/requests/{id}.json?api_key={DemoReferenceData.DemoChannelKey}");
        var list = await client.GetStringAsync($"/open311/v2/requests.json?api_key={DemoReferenceData.DemoChannelKey}&service_code=other&status=open");

        // Assert: created, and read back with the public fields only
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(["service_request_id", "service_notice", "account_id"], created.RootElement[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, created.RootElement[0].GetProperty("account_id").ValueKind);
        await using var db = _app.CreateDbContext();
        var petition = await db.Petitions.AsNoTracking().Include(p => p.Department).SingleAsync(p => p.ReceiptNumber == id);
        Assert.Equal(Channel.OnlinePortal, petition.Channel);
        Assert.Contains(description, petition.Body);
        Assert.Contains("37.5729", petition.Body);
        using var read = JsonDocument.Parse(one);
        var request = Assert.Single(read.RootElement.EnumerateArray());
        Assert.Equal(PublicFields, request.EnumerateObject().Select(p => p.Name));
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("other", request.GetProperty("service_code").GetString());
        Assert.Contains("종로구", request.GetProperty("agency_responsible").GetString());
        Assert.Equal(petition.DueAt!.Value, DateTimeOffset.Parse(request.GetProperty("expected_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("+09:00", request.GetProperty("expected_datetime").GetString());
        Assert.DoesNotContain("홍길동", one);
        Assert.DoesNotContain("hong@example.kr", one);
        Assert.DoesNotContain(description, one);
        Assert.Contains(id, list);

        // The officials' inbox of the department it was routed to shows it with its statutory due
        var official = petition.AssigneeId is { } assignee
            ? await db.Users.AsNoTracking().SingleAsync(u => u.Id == assignee)
            : await db.Users.AsNoTracking().FirstAsync(u => u.DepartmentId == petition.DepartmentId && u.UserName!.EndsWith(".official"));
        var session = await BackOfficeSession.SignInAsync(_app, official.UserName!, DemoReferenceData.DemoPassword);
        var scope = petition.AssigneeId is null ? "Queue" : "Mine";
        var inbox = await session.Client.GetStringAsync($"/Inbox?Scope={scope}&Q={id}");
        Assert.Contains(id, inbox);
        Assert.Contains(petition.DueAt.Value.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), inbox);
    }

    [Fact]
    public async Task Request_XmlRoundTrip_AnswersTheSpecificationsDocuments()
    {
        // Arrange
        var client = _app.CreateClient();

        // Act
        var posted = await client.PostAsync("/open311/v2/requests.xml", Form(DemoReferenceData.DemoChannelKey, "inquisitive-procedure", "무단투기 신고 절차를 알려 주세요."));
        var created = XDocument.Parse(await posted.Content.ReadAsStringAsync());
        var id = created.Root!.Element("request")!.Element("service_request_id")!.Value;
        var one = await client.GetAsync($"/open311/v2/requests/{id}.xml?api_key={DemoReferenceData.DemoChannelKey}");
        var read = XDocument.Parse(await one.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("service_requests", created.Root.Name.LocalName);
        Assert.Equal(["service_request_id", "service_notice", "account_id"], created.Root.Element("request")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("service_requests", read.Root!.Name.LocalName);
        var request = Assert.Single(read.Root.Elements("request"));
        Assert.Equal(PublicFields, request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("open", request.Element("status")!.Value);
        await using var db = _app.CreateDbContext();
        var petition = await db.Petitions.AsNoTracking().SingleAsync(p => p.ReceiptNumber == id);
        Assert.Equal(PetitionKind.Inquisitive, petition.Kind);
        Assert.Equal(petition.DueAt!.Value, DateTimeOffset.Parse(request.Element("expected_datetime")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("json", null)]
    [InlineData("json", "trt_wrong_key_000000000000000000")]
    [InlineData("xml", null)]
    [InlineData("xml", "trt_wrong_key_000000000000000000")]
    public async Task Requests_WithoutOrWithAWrongKey_AnswerOpen311sErrorFormat(string format, string? key)
    {
        // Arrange
        var client = _app.CreateClient();

        // Act
        var posted = await client.PostAsync($"/open311/v2/requests.{format}", Form(key, "other", "키 없는 요청"));
        var listed = await client.GetAsync($"/open311/v2/requests.{format}" + (key is null ? "" : $"?api_key={key}"));

        // Assert: 403 with a list of {code, description}
        foreach (var response in new[] { posted, listed })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (format == "json")
            {
                using var errors = JsonDocument.Parse(text);
                var error = Assert.Single(errors.RootElement.EnumerateArray());
                Assert.Equal(["code", "description"], error.EnumerateObject().Select(p => p.Name));
                Assert.Equal(403, error.GetProperty("code").GetInt32());
            }
            else
            {
                var errors = XDocument.Parse(text);
                Assert.Equal("errors", errors.Root!.Name.LocalName);
                Assert.Equal("403", Assert.Single(errors.Root.Elements("error")).Element("code")!.Value);
                Assert.NotEmpty(errors.Root.Element("error")!.Element("description")!.Value);
            }
        }
    }

    [Fact]
    public async Task Requests_MissingFieldsOrAnotherKeysRequest_AnswerOpen311Errors()
    {
        // Arrange: a second channel key, and a request of the demo key
        var client = _app.CreateClient();
        const string otherKey = "trt_test_open311_second_key_0a1b2c3d";
        await using (var db = _app.CreateDbContext())
        {
            if (!await db.ChannelApiKeys.AnyAsync(k => k.KeyHash == ChannelKeys.Hash(otherKey)))
            {
                db.ChannelApiKeys.Add(new ChannelApiKey { Name = "다른 채널 (other)", Channel = Channel.EWindow, Prefix = ChannelKeys.Prefix(otherKey), KeyHash = ChannelKeys.Hash(otherKey), CreatedAt = _app.Time.GetUtcNow() });
                await db.SaveChangesAsync();
            }
        }

        var posted = await client.PostAsync("/open311/v2/requests.json", Form(DemoReferenceData.DemoChannelKey, "other", "다른 키로 읽기"));
        using var created = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        var id = created.RootElement[0].GetProperty("service_request_id").GetString()!;

        // Act
        var missing = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = DemoReferenceData.DemoChannelKey }));
        var unknownService = await client.PostAsync("/open311/v2/requests.json", Form(DemoReferenceData.DemoChannelKey, "NO-SUCH", "없는 서비스"));
        var asJson = await client.PostAsync("/open311/v2/requests.json", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var otherReads = await client.GetAsync($"/open311/v2/requests/{id}.json?api_key={otherKey}");
        var otherList = await client.GetStringAsync($"/open311/v2/requests.json?api_key={otherKey}");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var missingText = await missing.Content.ReadAsStringAsync();
        Assert.Contains("jurisdiction_id", missingText);
        Assert.Contains("service_code", missingText);
        Assert.Equal(HttpStatusCode.NotFound, unknownService.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherReads.StatusCode);
        Assert.DoesNotContain(id, otherList);
    }

    private static FormUrlEncodedContent Form(string? key, string serviceCode, string description)
    {
        var fields = new Dictionary<string, string>
        {
            ["jurisdiction_id"] = "SEOUL-JONGNO",
            ["service_code"] = serviceCode,
            ["description"] = description,
            ["lat"] = "37.5729",
            ["long"] = "126.9794",
            ["first_name"] = "길동",
            ["last_name"] = "홍",
            ["email"] = "hong@example.kr",
        };
        if (key is not null)
        {
            fields["api_key"] = key;
        }

        return new FormUrlEncodedContent(fields);
    }
}
