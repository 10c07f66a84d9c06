using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Treatment.Web.Tests.Api;

namespace Treatment.Web.Tests.Chaos;

/// <summary>
/// Clients posting petitions with an Idempotency-Key each, as a channel system would: an unanswered request (broken
/// connection, 503) is sent again with the same key, on the next node, until it is answered. Records what was
/// acknowledged, every status, and the last failure after the fault (time to recover).
/// </summary>
public sealed class IntakeLoad(IReadOnlyList<Func<Uri>> nodes, string run)
{
    private readonly ConcurrentDictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _transportErrors;
    private int _sent;
    private long _faultAtTicks = -1;
    private long _lastFailureTicks = -1;

    private static readonly HttpClient Http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public IReadOnlyDictionary<string, long> Acknowledged => _acknowledged;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int TransportErrors => _transportErrors;

    public int Sent => _sent;

    public string TitlePrefix => $"chaos {run} ";

    /// <summary>Answers with status 500 or above.</summary>
    public int ServerErrors => _statuses.Where(s => s.Key >= 500).Sum(s => s.Value);

    public void MarkFault() => Interlocked.Exchange(ref _faultAtTicks, _clock.Elapsed.Ticks);

    /// <summary>From the fault to the last failed attempt after it (zero when nothing failed).</summary>
    public TimeSpan TimeToRecover
    {
        get
        {
            var fault = Interlocked.Read(ref _faultAtTicks);
            var last = Interlocked.Read(ref _lastFailureTicks);
            return fault < 0 || last < fault ? TimeSpan.Zero : TimeSpan.FromTicks(last - fault);
        }
    }

    /// <summary>A few petitions through every node before the clock starts: a fresh process answers its first requests slowly.</summary>
    public async Task WarmUpAsync()
    {
        for (var i = 0; i < nodes.Count * 3; i++)
        {
            await SendUntilAnsweredAsync(i, $"{run}-warm-{i}");
        }
    }

    public async Task RunAsync(int clients, TimeSpan duration)
    {
        var stopAt = _clock.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var n = 0; _clock.Elapsed < stopAt; n++)
            {
                await SendUntilAnsweredAsync(c, $"{run}-{c}-{n}");
            }
        })));
    }

    private async Task SendUntilAnsweredAsync(int client, string key)
    {
        var giveUpAt = _clock.Elapsed + TimeSpan.FromMinutes(3);
        for (var attempt = 0; _clock.Elapsed < giveUpAt; attempt++)
        {
            var node = nodes[(client + attempt) % nodes.Count]();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, "/api/v1/petitions"))
            {
                Content = new StringContent(ApiClient.Grievance(TitlePrefix + key).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Api-Key", ApiClient.ChannelKey);
            request.Headers.Add("Idempotency-Key", key);
            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await Http.SendAsync(request);
                var status = (int)response.StatusCode;
                _statuses.AddOrUpdate(status, 1, (_, v) => v + 1);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                    _acknowledged[key] = ApiClient.Id(body);
                    return;
                }

                Failed();
                if (status < 500)
                {
                    return; // a refusal is the client's to fix; counted, not retried
                }

                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(200);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds, 1000)));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
            {
                Interlocked.Increment(ref _transportErrors);
                Failed();
                await Task.Delay(100);
            }
        }
    }

    private void Failed() => Interlocked.Exchange(ref _lastFailureTicks, _clock.Elapsed.Ticks);
}
