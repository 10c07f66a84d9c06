using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Petitioner;

/// <summary>
/// Petitioner actions through a channel (workflows/standards/petitioner-actions.yaml): each allowed with the channel key
/// and the lookup code, refused outside its window, refused without the lookup code; audited as "민원인 (channel)".
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PetitionerActionTests(TreatmentApp app)
{
    [Fact]
    public async Task Withdraw_WithLookupCode_WithdrawsAndAuditsThePetitionerThroughTheChannel()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance("취하할 민원"));

        var response = await ActAsync(petition, "withdraw", new JsonObject { ["reason"] = "해결되었습니다" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("withdrawn", Str(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["state"]));
        await using var db = app.CreateDbContext();
        var last = await db.PetitionEvents.Where(e => e.PetitionId == Id(petition)).OrderBy(e => e.Id).LastAsync();
        Assert.StartsWith("민원인 (", last.ActorName, StringComparison.Ordinal);
        Assert.Equal("withdrawn", last.ToState);
    }

    [Fact]
    public async Task Withdraw_OutsideItsWindow_IsRefusedWith409()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance("두 번 취하"));
        (await ActAsync(petition, "withdraw", new JsonObject { ["reason"] = "취하" })).EnsureSuccessStatusCode();

        var again = await ActAsync(petition, "withdraw", new JsonObject { ["reason"] = "또 취하" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("not-now", Str((await ProblemAsync(again))["code"]));
    }

    [Theory]
    [InlineData("withdraw")]
    [InlineData("supplement")]
    [InlineData("ask-more-time")]
    [InlineData("consent-to-extension")]
    [InlineData("file-objection")]
    [InlineData("correction-demand")]
    public async Task EveryAction_WithoutLookupCode_IsRefused_AndWithAWrongCode_IsNotFound(string action)
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance("코드 없는 요청"));

        var missing = await ActAsync(petition, action, new JsonObject { ["reason"] = "요청" }, lookupCode: null);
        var wrong = await ActAsync(petition, action, new JsonObject { ["reason"] = "요청" }, lookupCode: "WRONG-CODE1");
        var noKey = await ActAsync(petition, action, new JsonObject { ["reason"] = "요청" }, channelKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("lookupCode", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal("received", (await db.Petitions.SingleAsync(p => p.Id == Id(petition))).State);
    }

    [Fact]
    public async Task SupplementAndAskMoreTime_AllowedWhileAwaiting_AskMoreTimeAtMostTwice_SupplementResumes()
    {
        var (petition, official) = await LegalUnderReviewAsync("보완 요청 민원");
        var before = await ActAsync(petition, "supplement", new JsonObject());
        (await FireAsync(official, Id(petition), "request-supplement", new { reason = "위임장 누락", supplementDays = 5 })).EnsureSuccessStatusCode();

        // Requested Monday 2025-07-07 for 5 days by the Civil Act: the 12th is a Saturday, so the due is Monday the 14th.
        var first = await ActAsync(petition, "ask-more-time", new JsonObject { ["supplementDays"] = 3 }); // 15–17
        var second = await ActAsync(petition, "ask-more-time", new JsonObject { ["supplementDays"] = 3 }); // 18–20, a Sunday: the 21st
        var third = await ActAsync(petition, "ask-more-time", new JsonObject { ["supplementDays"] = 3 });
        var supplemented = await ActAsync(petition, "supplement", new JsonObject
        {
            ["documents"] = new JsonArray(new JsonObject { ["fileName"] = "위임장.pdf", ["contentType"] = "application/pdf", ["size"] = 1200 }),
        });

        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode); // nothing was asked yet
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(third.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, third.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.OK, supplemented.StatusCode);
        await using var db = app.CreateDbContext();
        var stored = await db.Petitions.SingleAsync(p => p.Id == Id(petition));
        Assert.Equal("reviewing", stored.State);
        Assert.Equal(2, stored.SupplementExtensionCount);
        Assert.Equal(new DateOnly(2025, 7, 21), stored.SupplementDueOn);
        var handedIn = await db.PetitionEvents.Where(e => e.PetitionId == stored.Id).OrderBy(e => e.Id).LastAsync();
        Assert.Contains("위임장.pdf", handedIn.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileObjection_WithinSixtyDaysOfTheRefusal_Allowed_AfterThemRefused()
    {
        var (petition, official) = await RefusedLegalAsync("이의신청 민원");
        var (late, _) = await RefusedLegalAsync("늦은 이의신청");
        await using (var db = app.CreateDbContext())
        {
            // Received 2025-05-01: 60 days by the Civil Act (first day excluded) end Monday 2025-06-30; today is 2025-07-07.
            var row = await db.Petitions.SingleAsync(p => p.Id == Id(late));
            row.RefusalReceivedOn = new DateOnly(2025, 5, 1);
            await db.SaveChangesAsync();
        }

        var allowed = await ActAsync(petition, "file-objection", new JsonObject { ["reason"] = "거부 사유에 동의하지 않습니다" });
        var refused = await ActAsync(late, "file-objection", new JsonObject { ["reason"] = "늦었지만 이의" });

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("objection-review", Str(JsonNode.Parse(await allowed.Content.ReadAsStringAsync())!["state"]));
        Assert.True(refused.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, refused.StatusCode.ToString());
        Assert.NotNull(official);
    }

    [Fact]
    public async Task ConsentToExtension_OnlyAfterTheFirstExtension()
    {
        var (petition, official) = await LegalUnderReviewAsync("연장 동의 민원");
        var early = await ActAsync(petition, "consent-to-extension", new JsonObject());
        (await FireAsync(official, Id(petition), "extend", new { reason = "현장 확인", extensionDays = 3 })).EnsureSuccessStatusCode();

        var consent = await ActAsync(petition, "consent-to-extension", new JsonObject { ["reason"] = "동의합니다" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.True(await db.PetitionEvents.AnyAsync(e => e.PetitionId == Id(petition) && e.Type == PetitionEventTypes.PetitionerConsented));
    }

    [Fact]
    public async Task CorrectionDemand_RecordedWithItsReplyDue_ExpiredPeriodGroundRefusedBeforeTheDue()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance("시정 요구 민원"));

        var notExpired = await ActAsync(petition, "correction-demand", new JsonObject { ["ground"] = "period-expired" });
        var noGround = await ActAsync(petition, "correction-demand", new JsonObject());
        var demanded = await ActAsync(petition, "correction-demand", new JsonObject { ["ground"] = "extra-documents", ["reason"] = "기준표에 없는 서류를 요구받았습니다" });

        Assert.Equal(HttpStatusCode.Conflict, notExpired.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noGround.StatusCode);
        Assert.Equal(HttpStatusCode.OK, demanded.StatusCode);
        await using var db = app.CreateDbContext();
        var recorded = await db.PetitionEvents.SingleAsync(e => e.PetitionId == Id(petition) && e.Type == PetitionEventTypes.CorrectionDemanded);
        Assert.Contains("replyDue", recorded.Data, StringComparison.Ordinal);
        Assert.StartsWith("민원인 (", recorded.ActorName, StringComparison.Ordinal);
    }

    private async Task<(JsonObject Petition, HttpClient Official)> LegalUnderReviewAsync(string title)
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("BLD-USE-APPROVAL", title));
        var official = await OfficialAsync(app, "jongno.building");
        var routed = await FireAsync(official, Id(petition), "route");
        Assert.True(routed.IsSuccessStatusCode, await routed.Content.ReadAsStringAsync());
        return (petition, official);
    }

    private async Task<(JsonObject Petition, HttpClient Official)> RefusedLegalAsync(string title)
    {
        var (petition, official) = await LegalUnderReviewAsync(title);
        (await FireAsync(official, Id(petition), "refuse", new { decisionText = "불허", reason = "요건 미충족", remedies = "이의신청, 행정심판" })).EnsureSuccessStatusCode();
        (await FireAsync(official, Id(petition), "notify-refusal")).EnsureSuccessStatusCode();
        return (petition, official);
    }

    private Task<HttpResponseMessage> ActAsync(JsonObject petition, string action, JsonObject body, string? lookupCode = "", string? channelKey = ChannelKey)
    {
        body["lookupCode"] = lookupCode == "" ? Str(petition["lookupCode"]) : lookupCode;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/petitions/{Str(petition["receiptNumber"])}/petitioner-actions/{action}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (channelKey is not null)
        {
            request.Headers.Add("X-Api-Key", channelKey);
        }

        return app.CreateClient().SendAsync(request);
    }
}
