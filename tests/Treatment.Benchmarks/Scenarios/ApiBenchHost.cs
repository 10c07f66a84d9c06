using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Hosting;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// The real host (AddTreatment/UseTreatment, as Program.cs) on Kestrel at a loopback port over a fresh database with
/// the demo organisation, so the load goes through real HTTP, JSON, auth and the petition service.
/// </summary>
internal sealed class ApiBenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _serverConnectionString;

    private ApiBenchHost(WebApplication app, string connectionString, string serverConnectionString, Uri address)
    {
        _app = app;
        ConnectionString = connectionString;
        _serverConnectionString = serverConnectionString;
        Address = address;
    }

    public string ConnectionString { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiBenchHost> StartAsync(BenchContext context, string purpose)
    {
        var server = new NpgsqlConnectionStringBuilder(context.ConnectionString);
        var database = $"treatment_bench_{purpose}_{Environment.ProcessId}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"drop database if exists \"{database}\" with (force); ", admin);
            await create.ExecuteNonQueryAsync();
            await using var create2 = new NpgsqlCommand($"create database \"{database}\" encoding 'UTF8' template template0", admin);
            await create2.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(context.ConnectionString) { Database = database, MaxPoolSize = 100, MaxAutoPrepare = 50, AutoPrepareMinUsages = 2 }.ConnectionString;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Treatment:Database"] = connectionString,
            ["Treatment:Role"] = "Web",
            ["Treatment:SeedDemoData"] = "true",
            ["Treatment:DemoPetitionCount"] = "0",
            ["Treatment:PersonalDataKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
        });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddTreatment();
        var app = builder.Build();
        await app.InitializeTreatmentDatabaseAsync();
        app.UseTreatment();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiBenchHost(app, connectionString, context.ConnectionString, new Uri(address));
    }

    public HttpClient Client()
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        return new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<HttpClient> OfficialAsync(string username = "jongno.official")
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = DemoReferenceData.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("TREATMENT_BENCH_KEEP_DATABASES") == "1")
        {
            return; // kept for inspection after the run
        }

        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Closed-loop load: a number of clients each repeating an operation; optionally paced to a target rate.</summary>
internal static class Load
{
    public sealed record Result(long Succeeded, long Failed, double Seconds, double P50Ms, double P99Ms)
    {
        public double Rate => Succeeded / Seconds;
    }

    /// <param name="operation">returns true when the operation succeeded; false counts a failure; null means no more work</param>
    public static async Task<Result> RunAsync(int clients, TimeSpan duration, Func<int, Task<bool?>> operation, double? targetRate = null)
    {
        var latencies = new List<double>[clients];
        long ok = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var interval = targetRate is { } rate ? TimeSpan.FromSeconds(clients / rate) : TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = new List<double>(100_000);
            var next = clock.Elapsed + TimeSpan.FromMilliseconds(client * interval.TotalMilliseconds / clients);
            while (clock.Elapsed < duration)
            {
                if (interval > TimeSpan.Zero)
                {
                    var wait = next - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    next += interval;
                }

                var started = clock.Elapsed;
                var outcome = await operation(client);
                if (outcome is null)
                {
                    break;
                }

                mine.Add((clock.Elapsed - started).TotalMilliseconds);
                if (outcome.Value)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new Result(ok, failed, seconds, Percentile(0.50), Percentile(0.99));
    }
}
