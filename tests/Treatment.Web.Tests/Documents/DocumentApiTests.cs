using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Treatment.Core.Documents;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Documents;

/// <summary>Issued documents and the verification service through the API: signatures, verdicts, unique numbers, throttles.</summary>
[Collection(AppCollection.Name)]
public sealed class DocumentApiTests(TreatmentApp app)
{
    [Fact]
    public async Task ResidentCertificateOnline_IsIssuedAtOnce_AndItsSignatureVerifiesWithThePublishedKey()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Certificate("SEOUL-JONGNO"));
        var document = petition["documents"]![0]!;
        var html = Str(document["html"]);
        var signed = DocumentRenderer.SignedPartOf(html)!;

        var keys = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/v1/documents/keys"))!.AsArray();
        var key = keys.Single(k => Str(k!["keyId"]) == Str(document["keyId"]))!;

        Assert.Equal("closed", Str(petition["state"]));
        Assert.Equal("SEOUL-JONGNO", Str(key["agencyCode"]));
        Assert.Equal("ES256", Str(key["algorithm"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signed))), Str(document["digest"]));
        Assert.True(VerifiesWith(Str(key["publicKey"]), signed, html));
        Assert.Contains("김*수", signed, StringComparison.Ordinal);
        Assert.Contains("900101-1******", signed, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567", html, StringComparison.Ordinal);
        Assert.Contains(Str(document["verificationCode"]), signed, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateAtTheCounter_IsIssuedOnTheOfficialsGrant_Once()
    {
        var official = await OfficialAsync(app);
        var body = Certificate("SEOUL-JONGNO");
        body["channel"] = "visit";
        var registered = await official.PostAsync("/api/v1/petitions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var petition = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(registered.StatusCode == HttpStatusCode.Created, petition.ToJsonString());
        Assert.Null(petition["documents"]);

        (await FireAsync(official, Id(petition), "route")).EnsureSuccessStatusCode();
        (await FireAsync(official, Id(petition), "grant", new { decisionText = "등본을 발급합니다." })).EnsureSuccessStatusCode();

        await using var db = app.CreateDbContext();
        var issued = db.IssuedDocuments.Where(d => d.PetitionId == Id(petition)).ToList();
        var document = Assert.Single(issued);
        Assert.Equal("documents/resident-registration", document.Template);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document.SignedContent))), document.Digest);
    }

    [Fact]
    public async Task DocumentOfOneAgency_DoesNotVerifyWithAnotherAgencysKey()
    {
        var jongno = (await ReceiveAsync(app.CreateClient(), Certificate("SEOUL-JONGNO")))["documents"]![0]!;
        var mapo = (await ReceiveAsync(app.CreateClient(), Certificate("SEOUL-MAPO")))["documents"]![0]!;
        var keys = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/v1/documents/keys"))!.AsArray();
        var mapoKey = Str(keys.Single(k => Str(k!["agencyCode"]) == "SEOUL-MAPO")!["publicKey"]);
        var jongnoHtml = Str(jongno["html"]);

        Assert.NotEqual(Str(jongno["keyId"]), Str(mapo["keyId"]));
        Assert.True(VerifiesWith(mapoKey, DocumentRenderer.SignedPartOf(Str(mapo["html"]))!, Str(mapo["html"])));
        Assert.False(VerifiesWith(mapoKey, DocumentRenderer.SignedPartOf(jongnoHtml)!, jongnoHtml));
    }

    [Fact]
    public async Task MoveInReport_IssuesNoDocument()
    {
        var body = Legal("RES-MOVEIN-REPORT", "전입신고", "900101-1234567");

        var petition = await ReceiveAsync(app.CreateClient(), body);

        Assert.Null(petition["documents"]);
    }

    [Fact]
    public async Task IssueNumbers_AreUniqueUnderConcurrency()
    {
        const int count = 16;
        var intakes = Enumerable.Range(0, count).Select(i => ReceiveAsync(app.CreateClient(), Legal("BLD-LEDGER-ISSUE", $"건축물대장 동시 발급 {i}")));

        var petitions = await Task.WhenAll(intakes);

        var numbers = petitions.Select(p => Str(p["documents"]![0]!["issueNumber"])).ToList();
        Assert.Equal(count, numbers.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Facts_WithTheCode_AnswerTheDigest_WrongCode404()
    {
        var document = (await ReceiveAsync(app.CreateClient(), Certificate("SEOUL-JONGNO")))["documents"]![0]!;
        var number = Str(document["issueNumber"]);

        var facts = await Get(Address(), $"/api/v1/documents/{number}?code={Uri.EscapeDataString(Str(document["verificationCode"]).ToLowerInvariant())}");
        var wrong = await Get(Address(), $"/api/v1/documents/{number}?code=AAAA-BBBB-CCCC-DDDD");

        Assert.Equal(HttpStatusCode.OK, facts.StatusCode);
        var body = JsonNode.Parse(await facts.Content.ReadAsStringAsync())!;
        Assert.Equal(Str(document["digest"]), Str(body["digest"]));
        Assert.Equal("서울특별시 종로구", Str(body["agency"]!["ko"]));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        await ProblemAsync(wrong);
    }

    [Fact]
    public async Task Verify_Genuine_Altered_Unknown()
    {
        var document = (await ReceiveAsync(app.CreateClient(), Certificate("SEOUL-JONGNO")))["documents"]![0]!;
        var html = Str(document["html"]);
        var altered = html.Replace("김*수", "김*미", StringComparison.Ordinal);
        var unknown = html.Replace(Str(document["verificationCode"]), "ZZZZ-ZZZZ-ZZZZ-ZZZZ", StringComparison.Ordinal);

        Assert.Equal("genuine", await VerdictAsync(html));
        Assert.Equal("altered", await VerdictAsync(altered));
        Assert.Equal("unknown", await VerdictAsync(unknown));
        Assert.Equal("unknown", await VerdictAsync("<html><body>아무 문서</body></html>"));
    }

    [Fact]
    public async Task Facts_RepeatedWrongCodes_LockTheIssueNumberWith429AndRetryAfter()
    {
        var document = (await ReceiveAsync(app.CreateClient(), Certificate("SEOUL-JONGNO")))["documents"]![0]!;
        var number = Str(document["issueNumber"]);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Get(Address(), $"/api/v1/documents/{number}?code=WRONG-{i}")).StatusCode);
        }

        var locked = await Get(Address(), $"/api/v1/documents/{number}?code={Str(document["verificationCode"])}");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15 * 60);
        await ProblemAsync(locked);
    }

    [Fact]
    public async Task Verify_OneAddressManyTimes_Gets429WithRetryAfter()
    {
        var address = Address();
        HttpResponseMessage? last = null;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            last = await Get(address, $"/api/v1/documents/2025-{90000000 + i}?code=AAAA-BBBB-CCCC-DDDD");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private static JsonObject Certificate(string agency)
    {
        var body = Legal("RES-CERT-ISSUE", "주민등록표 등본 교부", "900101-1234567");
        body["agencyCode"] = agency;
        return body;
    }

    /// <summary>What anyone can do with the published key: check the page's signed part against the seal's signature.</summary>
    private static bool VerifiesWith(string publicKey, string signed, string html)
    {
        var signature = System.Text.RegularExpressions.Regex.Match(html, "<dd class=\"signature\">([^<]+)</dd>").Groups[1].Value;
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        return key.VerifyData(Encoding.UTF8.GetBytes(signed), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private async Task<string> VerdictAsync(string page)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(page));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        form.Add(file, "document", "document.html");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents/verify") { Content = form };
        request.Headers.Add("X-Forwarded-For", Address());
        var response = await app.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return Str(JsonNode.Parse(text)!["verdict"]);
    }

    private Task<HttpResponseMessage> Get(string address, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", address);
        return app.CreateClient().SendAsync(request);
    }

    /// <summary>A fresh client address per call (the test host is a trusted loopback proxy), so address limits do not mix tests.</summary>
    private static string Address()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"203.0.{n / 250}.{(n % 250) + 1}";
    }

    private static int _addresses;
}
