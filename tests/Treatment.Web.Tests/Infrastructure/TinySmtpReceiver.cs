using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Treatment.Web.Tests.Infrastructure;

/// <summary>
/// A minimal SMTP receiver on a loopback port that keeps each message once by its Message-ID and counts the repeats it
/// dropped, as a de-duplicating mail gateway would. <see cref="Stop"/> takes it down (connections are refused) and
/// <see cref="Start"/> brings it back on the same port.
/// </summary>
public sealed class TinySmtpReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _messages = new(StringComparer.Ordinal);
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private int _duplicates;
    private int _received;

    public TinySmtpReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>Distinct messages kept, by Message-ID.</summary>
    public IReadOnlyDictionary<string, string> Messages => _messages;

    /// <summary>Messages whose Message-ID had been received before (repeats the receiver dropped).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Every DATA accepted, repeats included.</summary>
    public int Received => Volatile.Read(ref _received);

    public void Start()
    {
        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    public void Stop()
    {
        _running?.Cancel();
        _listener?.Stop();
        _listener = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested || !listener.Server.IsBound)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client, ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 tiny-smtp ready");
            while (!ct.IsCancellationRequested && await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-tiny-smtp");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 SMTPUTF8");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Keep(data.ToString());
                        await writer.WriteLineAsync("250 kept");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // taken down mid-conversation: the sender sees a broken connection
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string raw)
    {
        Interlocked.Increment(ref _received);
        var id = raw.Split("\r\n").FirstOrDefault(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))?[11..].Trim() ?? Guid.NewGuid().ToString();
        if (!_messages.TryAdd(id, raw))
        {
            Interlocked.Increment(ref _duplicates);
        }
    }
}
