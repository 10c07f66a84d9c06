using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

/// <summary>The citizen status lookup: a code issued at receipt, one answer for every miss, limits per address and per receipt.</summary>
[Collection(AppCollection.Name)]
public sealed partial class StatusLookupTests(TreatmentApp app)
{
    [Fact]
    public async Task Intake_IssuesALookupCode_InTheAnswerAndTheReceiptNotice_AndTheCodeShowsTheStatus()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL", "상태 조회"));
        var code = Str(petition["lookupCode"]);

        var response = await LookupAsync(Address(), Str(petition["receiptNumber"]), code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));

        Assert.Matches(CodeShape(), code);
        Assert.Contains(code, Str(petition["notices"]![0]!["text"]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("received", Str(status["state"]));
        Assert.NotNull(status["due"]);
        Assert.Single(status["notices"]!.AsArray());
        Assert.False(status.ContainsKey("petitioner"));
        Assert.False(status.ContainsKey("body"));
    }

    [Fact]
    public async Task Get_ByOfficial_DoesNotCarryTheLookupCode()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL", "코드 비공개"));
        var official = await OfficialAsync(app, "jongno.supervisor");

        var resource = JsonNode.Parse(await official.GetStringAsync($"/api/v1/petitions/{Id(petition)}"))!.AsObject();

        Assert.False(resource.ContainsKey("lookupCode"));
    }

    [Fact]
    public async Task Status_UnknownReceipt_AndWrongCode_GetTheSameAnswer()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL", "같은 대답"));

        var unknown = await LookupAsync(Address(), "2025-SEOUL-JONGNO-999999", "ABCDE-FGHJK");
        var wrong = await LookupAsync(Address(), Str(petition["receiptNumber"]), "ABCDE-FGHJK");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var (a, b) = (await ProblemAsync(unknown), await ProblemAsync(wrong));
        foreach (var perRequest in new[] { "traceId", "instance" })
        {
            a.Remove(perRequest);
            b.Remove(perRequest);
        }

        Assert.Equal(a.ToJsonString(), b.ToJsonString());
    }

    [Fact]
    public async Task Status_RepeatedWrongCodes_LockTheReceiptWith429AndRetryAfter_EvenForTheRightCode()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL", "잠금"));
        var number = Str(petition["receiptNumber"]);

        var misses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            misses.Add((await LookupAsync(Address(), number, "WRONG-CODE" + i)).StatusCode);
        }

        var locked = await LookupAsync(Address(), number, Str(petition["lookupCode"]));
        app.Time.Advance(TimeSpan.FromMinutes(16));
        var later = await LookupAsync(Address(), number, Str(petition["lookupCode"]));

        Assert.All(misses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15 * 60);
        await ProblemAsync(locked);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Status_OneAddressAcrossManyReceipts_Gets429WithRetryAfter()
    {
        var address = Address();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 11; i++)
        {
            last = await LookupAsync(address, $"2025-SEOUL-JONGNO-{900000 + i}", "ABCDE-FGHJK");
            statuses.Add(last.StatusCode);
        }

        var otherAddress = await LookupAsync(Address(), "2025-SEOUL-JONGNO-900000", "ABCDE-FGHJK");

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ProblemAsync(last);
        Assert.Equal(HttpStatusCode.NotFound, otherAddress.StatusCode);
    }

    [Fact]
    public async Task Status_WithoutCode_Returns400WithFieldErrors()
    {
        var response = await LookupAsync(Address(), "", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("receiptNumber") && errors.ContainsKey("lookupCode"));
    }

    /// <summary>A fresh client address per call (the test host is a trusted loopback proxy), so address limits do not mix tests.</summary>
    private static string Address()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"198.51.{n / 250}.{(n % 250) + 1}";
    }

    private static int _addresses;

    private Task<HttpResponseMessage> LookupAsync(string address, string receiptNumber, string lookupCode)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/status") { Content = JsonContent.Create(new { receiptNumber, lookupCode }) };
        request.Headers.Add("X-Forwarded-For", address);
        return app.CreateClient().SendAsync(request);
    }

    [GeneratedRegex("^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$")]
    private static partial Regex CodeShape();
}
