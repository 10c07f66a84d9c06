using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Treatment.Core.Jobs;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Petitioner;

/// <summary>Notices go out by the petitioner's channel; only returns recorded by an official or a bounce count as undelivered (Decree §25).</summary>
[Collection(AppCollection.Name)]
public sealed class NoticeDeliveryTests(TreatmentApp app)
{
    [Fact]
    public async Task Intake_ChosenSms_ReceiptNoticeQueuedAsSmsAndSentByTheMessageSender()
    {
        var body = Grievance("문자로 받을 민원");
        body["petitioner"]!["noticeChannel"] = "sms";

        var petition = await ReceiveAsync(app.CreateClient(), body);

        var notice = petition["notices"]!.AsArray().Single()!;
        Assert.Equal("sms", Str(notice["delivery"]!["channel"]));
        Assert.Equal("queued", Str(notice["delivery"]!["status"]));
        await using var db = app.CreateDbContext();
        var message = await db.OutboxMessages.SingleAsync(m => m.PetitionId == Id(petition));
        Assert.Equal("sms", message.Kind);
        Assert.Equal("010-1234-5678", message.Recipient);
        var folder = Directory.CreateTempSubdirectory("sms-").FullName;
        var settings = new OutboxSettings { Folder = folder };
        var files = new FileMessageSender(settings, NullLogger<FileMessageSender>.Instance);
        await new ChannelOutboxSender(new LogOutboxSender(settings, NullLogger<LogOutboxSender>.Instance), files, files).SendAsync(message, CancellationToken.None);
        Assert.Contains("홍길동", await File.ReadAllTextAsync(Path.Combine(folder, $"sms-{message.Id:D10}.txt")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Intake_ChosenChannelWithoutItsAddress_IsRefused()
    {
        var body = Grievance("주소 없는 우편 통지");
        body["petitioner"]!["noticeChannel"] = "paper";

        var response = await app.CreateClient().SendAsync(Intake(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("petitioner.noticeChannel", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoReturnedSupplementationRequests_ByBounceAndByOfficial_AllowDeemedWithdrawal()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL", "주소 불명 보완 요구"));
        var official = await OfficialAsync(app, "jongno.building");
        (await FireAsync(official, Id(petition), "route")).EnsureSuccessStatusCode();
        (await FireAsync(official, Id(petition), "request-supplement", new { reason = "도면 누락", supplementDays = 5 })).EnsureSuccessStatusCode();
        var first = await SupplementRequestAsync(official, Id(petition), 0);

        // A channel reports the postal bounce, twice: it counts once.
        (await BounceAsync(Str(first["verificationCode"]), "수취인 불명")).EnsureSuccessStatusCode();
        (await BounceAsync(Str(first["verificationCode"]), "수취인 불명")).EnsureSuccessStatusCode();
        var tooEarly = await FireAsync(official, Id(petition), "deem-withdrawn", new { reason = "반송 2회" });
        await using (var db = app.CreateDbContext())
        {
            var row = await db.Petitions.SingleAsync(p => p.Id == Id(petition));
            Assert.Equal(1, row.UndeliveredSupplementRequests);
            row.SupplementDueOn = new DateOnly(2025, 7, 1); // the period has lapsed: a re-request may follow
            await db.SaveChangesAsync();
        }

        (await FireAsync(official, Id(petition), "re-request-supplement", new { reason = "재요구", supplementDays = 3 })).EnsureSuccessStatusCode();
        var second = await SupplementRequestAsync(official, Id(petition), 1);
        var recorded = await official.PostAsJsonAsync($"/api/v1/petitions/{Id(petition)}/notices/{second["id"]}/undelivered", new { reason = "주소 불명으로 반송" });
        var deemed = await FireAsync(official, Id(petition), "deem-withdrawn", new { reason = "보완 요구 2회 반송 (시행령 §25)" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarly.StatusCode); // the guard: one returned request so far
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal("undelivered", Str(JsonNode.Parse(await recorded.Content.ReadAsStringAsync())!["status"]));
        Assert.Equal(HttpStatusCode.OK, deemed.StatusCode);
        Assert.Equal("withdrawn", Str(JsonNode.Parse(await deemed.Content.ReadAsStringAsync())!["state"]));
    }

    private static async Task<JsonNode> SupplementRequestAsync(HttpClient official, long id, int index)
    {
        var petition = (await official.GetFromJsonAsync<JsonObject>($"/api/v1/petitions/{id}"))!;
        return petition["notices"]!.AsArray().Where(n => Str(n!["template"]).EndsWith("supplement-request", StringComparison.Ordinal)).ElementAt(index)!;
    }

    private Task<HttpResponseMessage> BounceAsync(string verificationCode, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notice-bounces")
        {
            Content = new StringContent(new JsonObject { ["verificationCode"] = verificationCode, ["reason"] = reason }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", ChannelKey);
        return app.CreateClient().SendAsync(request);
    }
}
