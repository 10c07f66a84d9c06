using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Treatment.Web.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of its own (initdb in a temporary folder, a free loopback port) that fault tests stop,
/// start and restart; the shared test server is never touched. As root the server runs as the postgres user.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private ThrowawayCluster(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres;Maximum Pool Size=40;Timeout=3";

    public static async Task<ThrowawayCluster> CreateAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb"))) ?? throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql");
        var folder = Directory.CreateTempSubdirectory("treatment-pg-").FullName;
        var cluster = new ThrowawayCluster(folder, bin, FreePort());
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres:postgres {folder}", asPostgres: false);
        }

        await cluster.PgAsync("initdb", $"-D {folder}/data -U postgres -A trust -E UTF8 --no-sync --no-instructions");
        await cluster.StartAsync();
        return cluster;
    }

    public Task StartAsync() =>
        PgAsync("pg_ctl", $"-D {_folder}/data -l {_folder}/log -w -t 60 -o \"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start");

    /// <summary>Fast shutdown: open sessions end with "terminating connection due to administrator command" (57P01).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", $"-D {_folder}/data -m fast -w -t 60 stop");

    /// <summary>Stops the server, lets it stay away for <paramref name="away"/>, starts it again.</summary>
    public async Task BlinkAsync(TimeSpan away)
    {
        await StopAsync();
        await Task.Delay(away);
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", $"-D {_folder}/data -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, string arguments) => RunAsync(Path.Combine(_bin, tool), arguments, asPostgres: IsRoot);

    private static async Task RunAsync(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/tmp";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
