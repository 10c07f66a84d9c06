using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class IntakeApiTests(TreatmentApp app)
{
    [Fact]
    public async Task Receive_ValidGrievance_Returns201WithTheResource()
    {
        var client = app.CreateClient();

        var response = await client.SendAsync(Intake(Grievance()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var petition = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal($"/api/v1/petitions/{Id(petition)}", response.Headers.Location?.OriginalString);
        Assert.Matches(@"^\d{4}-SEOUL-JONGNO-\d{6}$", Str(petition["receiptNumber"]));
        Assert.Equal("grievance", Str(petition["kind"]));
        Assert.Equal("received", Str(petition["state"]));
        Assert.Equal("days", Str(petition["dueUnit"]));
        Assert.False(petition["overdue"]!.GetValue<bool>());
        Assert.Equal(0, petition["escalationLevel"]!.GetValue<int>());
        Assert.Equal("grievance", Str(petition["workflow"]!["id"]));
        Assert.Equal("CIVIL", Str(petition["department"]!["code"]));
        Assert.Contains("7d", Str(petition["deadlineExplanation"]!["period"]), StringComparison.Ordinal);
        Assert.Contains("처리기한", Str(petition["deadlineExplanation"]!["text"]!["ko"]), StringComparison.Ordinal);
        Assert.Equal("received", Str(petition["timeline"]![0]!["type"]));
        Assert.NotNull(petition["due"]);
        Assert.NotNull(petition["allowedActions"]);
        Assert.NotNull(petition["notices"]);
    }

    [Fact]
    public async Task Receive_ReceiptNumbers_AreConsecutiveAndUniqueUnderConcurrency()
    {
        var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.SendAsync(Intake(Grievance($"동시 접수 {i}", "SEOUL-MAPO")))));

        var numbers = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            numbers.Add(Str(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["receiptNumber"]));
        }

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task Receive_LegalAffair_GoesToTheAffairsDepartmentRegisteredWithReceiptNotice()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL"));

        Assert.Equal("BUILDING", Str(petition["department"]!["code"]));
        Assert.Equal("received", Str(petition["state"]));
        Assert.Equal("register", Str(petition["timeline"]![1]!["trigger"]));
        var notice = petition["notices"]![0]!;
        Assert.Equal("notices/receipt", Str(notice["template"]));
        Assert.Contains(Str(petition["receiptNumber"]), Str(notice["text"]), StringComparison.Ordinal);
        Assert.Contains("건축과", Str(notice["text"]), StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", Str(notice["verificationCode"]));
    }

    [Fact]
    public async Task Receive_ImmediateAffairOnline_IsIssuedAndClosedAtOnce()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-LEDGER-ISSUE", "건축물대장 발급"));

        Assert.Equal("closed", Str(petition["state"]));
        Assert.False(petition["open"]!.GetValue<bool>());
        Assert.Contains(petition["notices"]!.AsArray(), n => Str(n!["template"]) == "notices/result");
    }

    [Fact]
    public async Task Receive_AffairWithoutPeriod_Returns422()
    {
        var response = await app.CreateClient().SendAsync(Intake(Legal("BLD-PERMIT")));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("https://treatment.example/problems/affair-without-period", Str((await ProblemAsync(response))["type"]));
    }

    [Fact]
    public async Task Receive_AffairRequiringResidentNumber_StoresItEncryptedAndShowsItMasked()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("RES-IDCARD-REISSUE", "주민등록증 재발급", "900101-1234567"));

        Assert.Equal("900101-1******", Str(petition["petitioner"]!["residentNumber"]));
        Assert.DoesNotContain("1234567", petition.ToJsonString(), StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var stored = await db.Petitions.SingleAsync(p => p.Id == Id(petition));
        Assert.DoesNotContain("1234567", Encoding.UTF8.GetString(stored.PetitionerRrnCipher!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_ResidentNumberWhereTheAffairDoesNotNeedIt_Returns400()
    {
        var response = await app.CreateClient().SendAsync(Intake(Legal("BLD-USE-APPROVAL", residentNumber: "900101-1234567")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ProblemAsync(response))["errors"]!["petitioner.residentNumber"]);
    }

    [Fact]
    public async Task Receive_OfficialRegistersAVisitThreeWeeksLate_CountsFromReceivedAtAndIsOverdue()
    {
        var official = await OfficialAsync(app);
        var body = Grievance("방문 접수 지연 등록");
        body["channel"] = "visit";
        body["receivedAt"] = app.Time.GetUtcNow().AddDays(-21).ToString("O");

        var response = await official.PostAsync("/api/v1/petitions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var petition = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("visit", Str(petition["channel"]));
        Assert.True(petition["overdue"]!.GetValue<bool>());
        Assert.Equal("김민원", Str(petition["timeline"]![0]!["actor"]));
    }

    [Fact]
    public async Task Receive_OfficialOfAnotherAgency_Returns403()
    {
        var mapo = await OfficialAsync(app, "mapo.official");
        var body = Grievance();
        body["channel"] = "visit";

        var response = await mapo.PostAsync("/api/v1/petitions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Receive_WithoutKeyOrWithUnknownKey_Returns401()
    {
        var client = app.CreateClient();
        var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/petitions") { Content = new StringContent(Grievance().ToJsonString(), Encoding.UTF8, "application/json") };

        var missing = await client.SendAsync(noKey);
        var wrong = await client.SendAsync(Intake(Grievance(), key: "trt_not_a_key"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("https://treatment.example/problems/invalid-api-key", Str((await ProblemAsync(wrong))["type"]));
    }

    [Fact]
    public async Task Receive_SameIdempotencyKeySameBody_Returns200WithTheSamePetitionAndNoDuplicate()
    {
        var client = app.CreateClient();
        var key = "idem-" + Guid.NewGuid();
        var title = "멱등 " + Guid.NewGuid().ToString("N")[..8];

        var first = await client.SendAsync(Intake(Grievance(title), key));
        var replay = await client.SendAsync(Intake(Grievance(title), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var a = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsObject();
        var b = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(Id(a), Id(b));
        Assert.Equal(Str(a["receiptNumber"]), Str(b["receiptNumber"]));
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Petitions.CountAsync(p => p.Title == title));
    }

    [Fact]
    public async Task Receive_SameIdempotencyKeyOtherBody_Returns409AndStoresNothing()
    {
        var client = app.CreateClient();
        var key = "idem-" + Guid.NewGuid();
        var title = "멱등 " + Guid.NewGuid().ToString("N")[..8];
        await client.SendAsync(Intake(Grievance(title), key));

        var other = await client.SendAsync(Intake(Grievance(title + " 변경"), key));

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("https://treatment.example/problems/idempotency-key-reused", Str((await ProblemAsync(other))["type"]));
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Petitions.CountAsync(p => p.Title == title + " 변경"));
    }

    [Fact]
    public async Task Receive_SameIdempotencyKeyAtOnce_CreatesOnePetition()
    {
        var client = app.CreateClient();
        var key = "idem-" + Guid.NewGuid();
        var title = "동시 멱등 " + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Intake(Grievance(title), key))));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Petitions.CountAsync(p => p.Title == title));
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "malformed JSON", "{\"kind\": \"grievance\", \"title\": " },
        { "wrong type", WithTitleNumber() },
        { "unknown enum", Grievance().ToJsonString().Replace("\"grievance\"", "\"complaint\"", StringComparison.Ordinal) },
        { "integer enum", Grievance().ToJsonString().Replace("\"grievance\"", "3", StringComparison.Ordinal) },
        { "unknown member", Grievance().ToJsonString().Replace("{\"kind\"", "{\"isAdmin\":true,\"kind\"", StringComparison.Ordinal) },
        { "10,000-character title", Grievance(new string('가', 10_000)).ToJsonString() },
        { "control character", Grievance("제목\u0007벨").ToJsonString() },
        { "future receivedAt", Grievance().ToJsonString().Replace("{\"kind\"", "{\"receivedAt\":\"2099-01-01T00:00:00+09:00\",\"kind\"", StringComparison.Ordinal) },
        { "missing petitioner", "{\"kind\":\"grievance\",\"agencyCode\":\"SEOUL-JONGNO\",\"title\":\"t\",\"body\":\"b\"}" },
        { "unknown agency", Grievance(agency: "NOWHERE").ToJsonString() },
        { "array instead of object", "[1,2,3]" },
        { "null body", "null" },
        { "empty body", "" },
    };

    private static string WithTitleNumber()
    {
        var body = Grievance();
        body["title"] = 12345;
        return body.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Receive_BadInput_Returns400ProblemAndStoresNothing(string why, string body)
    {
        var before = await CountAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/petitions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", ChannelKey);

        var response = await app.CreateClient().SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        await ProblemAsync(response);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Receive_InvalidUtf8_Returns400Problem()
    {
        var before = await CountAsync();
        var bytes = Encoding.UTF8.GetBytes(Grievance("XXXX").ToJsonString());
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/petitions") { Content = content };
        request.Headers.Add("X-Api-Key", ChannelKey);

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAsync(response);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Receive_OversizedBody_Returns413Problem()
    {
        var before = await CountAsync();
        var body = Grievance();
        body["body"] = new string('a', 300 * 1024);

        var response = await app.CreateClient().SendAsync(Intake(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ProblemAsync(response);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Receive_WrongContentType_Returns415Problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/petitions") { Content = new StringContent(Grievance().ToJsonString(), Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Api-Key", ChannelKey);

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Receive_InjectionLikeText_IsStoredAsIsAndInertInNotices()
    {
        var title = "'); drop table petitions; -- <script>alert('x')</script> " + Guid.NewGuid().ToString("N")[..6];

        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL", title));

        Assert.Equal(title, Str(petition["title"]));
        var html = Str(petition["notices"]![0]!["html"]);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.True(await db.Petitions.AnyAsync(p => p.Title == title));
    }

    [Fact]
    public async Task Receive_HangulAndEmoji_RoundTripIntact()
    {
        var title = "민원 🙏🏽 가족 👨‍👩‍👧 한글ㄱㅏ 漢字 " + Guid.NewGuid().ToString("N")[..6];
        var officials = await OfficialAsync(app);

        var created = await ReceiveAsync(app.CreateClient(), Grievance(title));
        var fetched = JsonNode.Parse(await officials.GetStringAsync($"/api/v1/petitions/{Id(created)}"))!;

        Assert.Equal(title, Str(created["title"]));
        Assert.Equal(title, Str(fetched["title"]));
        await using var db = app.CreateDbContext();
        Assert.Equal(title, (await db.Petitions.SingleAsync(p => p.Id == Id(created))).Title);
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Petitions.CountAsync();
    }
}
