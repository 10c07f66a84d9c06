using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Channels;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Petitioner;

/// <summary>
/// A channel's assertion of the petitioner's verified identity in place of the lookup code: accepted only from a
/// channel the settings trust, only for petitions received through that key's own channels, only when the identity
/// is the petition's petitioner; the action's window still applies. And the second extension, which needs the consent
/// the petitioner recorded (Decree §21②), not an official's input.
/// </summary>
[Collection(PetitionerSideCollection.Name)]
public sealed class PetitionerIdentityTests(PetitionerSideApp side)
{
    private readonly TreatmentApp _app = side.App;

    [Fact]
    public async Task TrustedChannel_AssertingThePetitioner_Withdraws_AuditedAsThePetitionerThroughIt()
    {
        var key = await KeyAsync(PetitionerSideApp.TrustedPortal, Channel.OnlinePortal);
        var petition = await ReceiveAsync(_app.CreateClient(), Grievance("본인 확인으로 취하"));

        var response = await ActAsync(petition, "withdraw", key, Identity("홍 길동", "01012345678"), new JsonObject { ["reason"] = "해결됨" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = _app.CreateDbContext();
        var last = await db.PetitionEvents.Where(e => e.PetitionId == Id(petition)).OrderBy(e => e.Id).LastAsync();
        Assert.Equal("withdrawn", last.ToState);
        Assert.Equal($"민원인 ({PetitionerSideApp.TrustedPortal})", last.ActorName);
    }

    [Fact]
    public async Task UntrustedChannel_AssertingIdentity_IsForbidden_AndNothingChanges()
    {
        var petition = await ReceiveAsync(_app.CreateClient(), Grievance("신뢰하지 않는 채널"));

        var response = await ActAsync(petition, "withdraw", ChannelKey, Identity("홍길동", "010-1234-5678"), new JsonObject { ["reason"] = "취하" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("identity-assertion-not-trusted", Str((await ProblemAsync(response))["code"]));
        Assert.Equal("received", await StateAsync(petition));
    }

    [Theory]
    [InlineData("홍길동", "010-9999-9999")] // the right name, another person's phone
    [InlineData("김철수", "010-1234-5678")] // another name
    [InlineData("홍길동", null)] // no phone to match
    public async Task TrustedChannel_AssertingAnotherIdentity_IsNotFound_AndCountsTowardsTheLockout(string name, string? phone)
    {
        var key = await KeyAsync(PetitionerSideApp.TrustedPortal, Channel.OnlinePortal);
        var petition = await ReceiveAsync(_app.CreateClient(), Grievance("다른 사람의 본인 확인"));

        var response = await ActAsync(petition, "withdraw", key, Identity(name, phone), new JsonObject { ["reason"] = "취하" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("received", await StateAsync(petition));
        await using var db = _app.CreateDbContext();
        Assert.True(await db.AttemptThrottles.AnyAsync(t => t.Key == "receipt:" + Str(petition["receiptNumber"])));
    }

    [Fact]
    public async Task TrustedChannel_OutsideItsOwnChannels_IsNotFound_TheAssertionNeverWidensScope()
    {
        var kiosk = await KeyAsync(PetitionerSideApp.TrustedKiosk, Channel.Kiosk);
        var petition = await ReceiveAsync(_app.CreateClient(), Grievance("포털로 낸 민원")); // received through the online portal

        var response = await ActAsync(petition, "withdraw", kiosk, Identity("홍길동", "010-1234-5678"), new JsonObject { ["reason"] = "취하" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("received", await StateAsync(petition));
    }

    [Fact]
    public async Task TrustedChannel_StaleAssertion_OrWithTheCodeToo_IsRefused_AndTheWindowStillApplies()
    {
        var key = await KeyAsync(PetitionerSideApp.TrustedPortal, Channel.OnlinePortal);
        var petition = await ReceiveAsync(_app.CreateClient(), Grievance("오래된 본인 확인"));

        var stale = await ActAsync(petition, "withdraw", key, Identity("홍길동", "010-1234-5678", _app.Time.GetUtcNow().AddHours(-1)), new JsonObject { ["reason"] = "취하" });
        var both = await ActAsync(petition, "withdraw", key, Identity("홍길동", "010-1234-5678"), new JsonObject { ["reason"] = "취하", ["lookupCode"] = Str(petition["lookupCode"]) });
        var consentTooEarly = await ActAsync(petition, "consent-to-extension", key, Identity("홍길동", "010-1234-5678"), new JsonObject());

        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("identity.verifiedAt", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, consentTooEarly.StatusCode); // no first extension yet
        Assert.Equal("received", await StateAsync(petition));
    }

    [Fact]
    public async Task SecondExtension_OfficialsConsentInputAlone_Refused_AfterThePetitionersRecordedConsent_Allowed()
    {
        var petition = await ReceiveAsync(_app.CreateClient(), Legal("BLD-USE-APPROVAL", "두 번째 연장"));
        var official = await OfficialAsync(_app, "jongno.building");
        (await FireAsync(official, Id(petition), "route")).EnsureSuccessStatusCode();
        (await FireAsync(official, Id(petition), "extend", new { reason = "현장 확인", extensionDays = 2 })).EnsureSuccessStatusCode();

        var withoutPetitioner = await FireAsync(official, Id(petition), "extend", new { reason = "추가 확인", extensionDays = 2, consent = true });
        var consent = await ActAsync(petition, "consent-to-extension", ChannelKey, identity: null, new JsonObject { ["reason"] = "동의합니다", ["lookupCode"] = Str(petition["lookupCode"]) });
        var withPetitioner = await FireAsync(official, Id(petition), "extend", new { reason = "추가 확인", extensionDays = 2 });

        Assert.True(withoutPetitioner.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, withoutPetitioner.StatusCode.ToString());
        Assert.Contains("consent-to-extension", await withoutPetitioner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.True(withPetitioner.IsSuccessStatusCode, await withPetitioner.Content.ReadAsStringAsync());
        await using var db = _app.CreateDbContext();
        var stored = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == Id(petition));
        Assert.Equal(2, stored.ExtensionCount);
        Assert.True(stored.Extensions[1].Consent);
    }

    private async Task<string> KeyAsync(string name, Channel channel)
    {
        await using var db = _app.CreateDbContext();
        var existing = await db.ChannelApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Name == name);
        if (existing is not null)
        {
            await db.ChannelApiKeys.Where(k => k.Id == existing.Id).ExecuteDeleteAsync();
        }

        return (await new ChannelKeyAdmin(db, _app.Time).AddAsync(name, [channel], null, CancellationToken.None)).Key;
    }

    private JsonObject Identity(string name, string? phone, DateTimeOffset? verifiedAt = null) => new()
    {
        ["name"] = name,
        ["phone"] = phone,
        ["method"] = "mobile-carrier",
        ["verifiedAt"] = (verifiedAt ?? _app.Time.GetUtcNow()).ToString("O"),
    };

    private async Task<string> StateAsync(JsonObject petition)
    {
        await using var db = _app.CreateDbContext();
        return (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == Id(petition))).State;
    }

    private Task<HttpResponseMessage> ActAsync(JsonObject petition, string action, string key, JsonObject? identity, JsonObject body)
    {
        if (identity is not null)
        {
            body["identity"] = identity;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/petitions/{Str(petition["receiptNumber"])}/petitioner-actions/{action}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        return _app.CreateClient().SendAsync(request);
    }
}
