using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

/// <summary>Security headers on pages and API answers; no-store where personal data is revealed; HTTPS and HSTS when the public URL is https.</summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(TreatmentApp app)
{
    [Theory]
    [InlineData("/Account/SignIn")]
    [InlineData("/api/v1/affairs?q=PASSPORT")]
    [InlineData("/api/openapi/v1.json")]
    [InlineData("/css/site.css")]
    public async Task Response_CarriesCspNosniffFramingAndReferrerPolicy(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScripts()
    {
        var session = await BackOffice.BackOfficeSession.SignInAsync(app, "jongno.official", Core.Persistence.Seeding.DemoReferenceData.DemoPassword);

        foreach (var path in new[] { "/Inbox", "/Petitions/Register", "/Account/SignIn" })
        {
            var html = await session.Client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
            Assert.DoesNotMatch("\\son(click|change|submit|load)=", html);
        }
    }

    [Fact]
    public async Task RevealPersonalData_Api_IsNotStored()
    {
        var petition = await ApiClient.ReceiveAsync(app.CreateClient(), ApiClient.Legal("RES-IDCARD-REISSUE", "보관 금지", "900101-1234567"));
        var official = await ApiClient.OfficialAsync(app);

        var revealed = await official.PostAsJsonAsync($"/api/v1/petitions/{ApiClient.Id(petition)}/personal-data", new { reason = "본인 확인" });

        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.True(revealed.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task PublicUrlHttps_RedirectsToHttpsAndSendsHsts_HttpPublicUrl_DoesNot()
    {
        await using var https = new TreatmentApp { JoinDatabase = app.ConnectionString, Settings = { ["Treatment:PublicUrl"] = "https://minwon.example.go.kr" } };
        await https.InitializeAsync();
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://minwon.example.go.kr") };

        var plain = await https.CreateClient(options).GetAsync("/Account/SignIn");
        var secure = await https.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://minwon.example.go.kr") })
            .GetAsync("/Account/SignIn");
        var withoutPublicUrl = await app.CreateClient(options).GetAsync("/Account/SignIn");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://minwon.example.go.kr/Account/SignIn", plain.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=31536000", Header(secure, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withoutPublicUrl.StatusCode);
        Assert.False(withoutPublicUrl.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"no {name} header");
}
