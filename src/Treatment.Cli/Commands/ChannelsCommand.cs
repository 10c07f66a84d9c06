using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Channels;
using Treatment.Core.Petitions;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment channels add|rotate|revoke|list` (TREATMENT_DB): API keys of channel systems. A key is printed once, alone
/// on standard output, and only its SHA-256 hash is stored; it expires and may claim only the channels it names.
/// </summary>
public sealed class ChannelsCommand : ICliCommand
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public Command Create(CliConsole console)
    {
        var name = CliOptions.Value("name", "the channel system, e.g. 정부24 (Gov24)");
        var channels = CliOptions.Value("channels", $"comma-separated channels it may claim, the first its default: {string.Join(", ", Enum.GetNames<Channel>())}");
        var expires = CliOptions.Value("expires", "last day of validity, YYYY-MM-DD (KST)");
        var add = new Command("add", "issue a key (shown once)") { name, channels, expires }.WithAction(async (parsed, ct) =>
        {
            var claimed = ParseChannels(parsed.Require(channels));
            var until = ParseExpiry(parsed.Require(expires));
            var keyName = parsed.Require(name);
            return await WithAdminAsync(console, ct, admin => admin.AddAsync(keyName, claimed, until, ct));
        });

        var rotateId = new Argument<string>("id") { Description = "key id (treatment channels list)" };
        var rotate = new Command("rotate", "issue a new key with the same name, channels and expiry; the old one stops at once") { rotateId }
            .WithAction((parsed, ct) => WithAdminAsync(console, ct, admin => admin.RotateAsync(Id(parsed.GetValue(rotateId)!), ct)));

        var revokeId = new Argument<string>("id") { Description = "key id (treatment channels list)" };
        var revoke = new Command("revoke", "stop a key at once") { revokeId }.WithAction(async (parsed, ct) =>
        {
            var id = Id(parsed.GetValue(revokeId)!);
            await using var session = await DatabaseSession.OpenAsync(null, ct);
            await using var scope = session.CreateScope();
            var row = await OperatorConsole.Checked(() => scope.ServiceProvider.GetRequiredService<ChannelKeyAdmin>().RevokeAsync(id, ct));
            console.Out.WriteLine($"revoked key {row.Id} {row.Name} ({row.Prefix}…)");
            return 0;
        });

        var list = new Command("list", "keys: id, prefix, name, channels, expiry, status (never the key)").WithAction(async (_, ct) =>
        {
            await using var session = await DatabaseSession.OpenAsync(null, ct);
            await using var scope = session.CreateScope();
            var now = TimeProvider.System.GetUtcNow();
            foreach (var k in await scope.ServiceProvider.GetRequiredService<ChannelKeyAdmin>().ListAsync(ct))
            {
                var status = k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active";
                console.Out.WriteLine(string.Join('\t', k.Id, k.Prefix + "…", k.Name, string.Join(',', k.AllowedChannels), Day(k.ExpiresAt), status));
            }

            return 0;
        });

        return new Command("channels", "API keys of channel systems: channels add|rotate|revoke|list") { add, rotate, revoke, list };
    }

    private static async Task<int> WithAdminAsync(CliConsole console, CancellationToken ct, Func<ChannelKeyAdmin, Task<IssuedChannelKey>> issue)
    {
        await using var session = await DatabaseSession.OpenAsync(null, ct);
        await using var scope = session.CreateScope();
        var issued = await OperatorConsole.Checked(() => issue(scope.ServiceProvider.GetRequiredService<ChannelKeyAdmin>()));
        console.Out.WriteLine(issued.Key);
        console.Error.WriteLine($"key {issued.Id} for {issued.Row.Name}: {string.Join(',', issued.Row.AllowedChannels)}, valid through {Day(issued.Row.ExpiresAt)}. " +
            "Shown once: give it to the channel system now (header X-Api-Key); only its hash is kept.");
        return 0;
    }

    private static List<Channel> ParseChannels(string text)
    {
        var result = new List<Channel>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result.Add(Enum.TryParse<Channel>(part.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var c) && Enum.IsDefined(c)
                ? c
                : throw new CliUsageException($"--channels: '{part}' is not one of {string.Join(", ", Enum.GetNames<Channel>())}"));
        }

        return result.Count > 0 ? result : throw new CliUsageException("--channels names no channel");
    }

    /// <summary>The key is valid through the given KST day: it expires at the following midnight.</summary>
    private static DateTimeOffset ParseExpiry(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Kst)
            : throw new CliUsageException($"--expires '{text}' is not a date YYYY-MM-DD");

    private static string Day(DateTimeOffset? expiresAt) =>
        expiresAt is { } e ? DateOnly.FromDateTime(e.ToOffset(Kst).AddTicks(-1).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never";

    private static int Id(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : throw new CliUsageException($"'{text}' is not a key id");
}
