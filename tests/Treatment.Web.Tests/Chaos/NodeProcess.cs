using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Treatment.Web.Tests.Chaos;

/// <summary>A real Treatment.Web process (role web or worker) on a loopback port, started, SIGKILLed or SIGTERMed like a node in production.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<NodeProcess> StartAsync(string role, string database, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = WebDll();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Staging: production behaviour, except that the fault suite may sign in with the demo accounts and key (a production start refuses them).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["Treatment__Database"] = database;
        start.Environment["Treatment__Role"] = role;
        start.Environment["Treatment__MigrateOnStart"] = "false";
        start.Environment["Treatment__SeedDemoData"] = "false";
        start.Environment["Treatment__DemoPetitionCount"] = "0";
        start.Environment["Treatment__JobWorkers"] = "2";
        start.Environment["Treatment__Jobs__QueuePollInterval"] = "00:00:01";
        start.Environment["Treatment__PersonalDataKey"] = ChaosFixture.PersonalDataKey;
        start.Environment["Treatment__WorkflowsFolder"] = Path.Combine(ChaosFixture.RepositoryRoot, "workflows");
        start.Environment["Treatment__TemplatesFolder"] = Path.Combine(ChaosFixture.RepositoryRoot, "templates");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await node.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return node;
    }

    /// <summary>kill -9: no shutdown code runs, open transactions die with the connections.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>SIGTERM: the host's graceful shutdown.</summary>
    public void Terminate() => Process.Start("kill", $"-TERM {_process.Id}")!.WaitForExit();

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node on {BaseUrl} exited with {_process.ExitCode} while starting");
            }

            try
            {
                if ((await client.GetAsync(new Uri(BaseUrl, "/healthz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"node on {BaseUrl} not healthy within {timeout}");
    }

    private static string WebDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(ChaosFixture.RepositoryRoot, "src", "Treatment.Web", "bin", configuration, "net10.0", "Treatment.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/Treatment.Web first", dll);
    }
}
