using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Treatment.Web.Tests.Packages;

/// <summary>
/// A recipient's webhook endpoint on a free loopback port (Kestrel): checks each signature with HMAC-SHA256 written
/// here, not the product's code, and drops a repeat by delivery id. Per path it can fail the first call before or
/// after taking the delivery in (a lost answer), so the outbox retries.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Deliveries taken in (once each), by path.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, string>> Accepted { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls whose delivery id was already taken in (dropped).</summary>
    public ConcurrentBag<string> Duplicates { get; } = [];

    public ConcurrentBag<string> BadSignatures { get; } = [];

    public string BaseUrl { get; private set; } = "";

    /// <summary>Paths that fail their first call: "before" answers 503 without taking it; "after" takes it and answers 500.</summary>
    public Dictionary<string, string> FailFirst { get; } = new(StringComparer.Ordinal);

    public int Calls(string path) => _calls.GetValueOrDefault(path);

    public void Trust(string path, string secret) => _secrets[path] = secret;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    private async Task<IResult> HandleAsync(string path, HttpContext http)
    {
        var call = _calls.AddOrUpdate(path, 1, (_, n) => n + 1);
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var timestamp = http.Request.Headers["Treatment-Timestamp"].ToString();
        var signature = http.Request.Headers["Treatment-Signature"].ToString();
        var deliveryId = http.Request.Headers["Treatment-Delivery-Id"].ToString();
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secrets[path]), Encoding.UTF8.GetBytes(timestamp + "." + body)));
        if (!string.Equals(expected, signature, StringComparison.Ordinal))
        {
            BadSignatures.Add(path);
            return Results.Unauthorized();
        }

        var failure = call == 1 ? FailFirst.GetValueOrDefault(path) : null;
        if (failure == "before")
        {
            return Results.StatusCode(503);
        }

        var taken = Accepted.GetOrAdd(path, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        if (!taken.TryAdd(deliveryId, body))
        {
            Duplicates.Add(path);
        }

        return failure == "after" ? Results.StatusCode(500) : Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
