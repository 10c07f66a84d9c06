using System.Globalization;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment workflows migrate &lt;id&gt; --from N --to M [--map old=new]... --dry-run|--apply`: moves open petitions
/// between published versions (database from TREATMENT_DB). One line per petition, then a summary; applying is audited.
/// </summary>
internal static class WorkflowMigrateCommand
{
    private const string Usage = "usage: treatment workflows migrate <id> --from N --to M [--map old=new]... --dry-run|--apply";

    public static async Task<int> RunAsync(CliArgs args, CliConsole console, CancellationToken ct)
    {
        if (args.Positionals.Count != 2)
        {
            throw new CliUsageException(Usage);
        }

        var id = args.Positionals[1];
        var from = Version(args.Require("from"), "from");
        var to = Version(args.Require("to"), "to");
        var apply = args.Has("apply");
        if (apply == args.Has("dry-run"))
        {
            throw new CliUsageException("say either --dry-run or --apply");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in args.GetAll("map"))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new CliUsageException($"--map '{pair}' is not old=new");
            }

            map[pair[..eq]] = pair[(eq + 1)..];
        }

        await using var session = await DatabaseSession.OpenAsync(args.Get("workflows"), ct);
        if (session.Catalog.TryGet(id, from) is null || session.Catalog.TryGet(id, to) is null)
        {
            throw new CliFailureException($"workflow {id} v{from} or v{to} is not loaded from {session.WorkflowsFolder}");
        }

        await using var db = session.CreateDbContext();
        var service = new WorkflowMigrationService(db, session.Catalog, new PetitionChange(session.Clock, new WorkflowMilestonePlanner(session.Clock)), TimeProvider.System);
        var reports = await service.RunAsync(id, from, to, map, apply, new Actor(null, "treatment workflows migrate", new HashSet<string> { "System" }, null, null), ct);
        foreach (var r in reports)
        {
            console.Out.WriteLine(string.Join('\t',
                r.ReceiptNumber,
                r.Outcome.ToString().ToLowerInvariant(),
                $"{r.FromState} -> {r.ToState ?? "?"}",
                $"due {Instant(r.DueBefore)} -> {Instant(r.DueAfter)}",
                r.Error ?? ""));
        }

        var moved = reports.Count(r => r.Outcome == MigrationOutcomeKind.Moved && r.Error is null);
        console.Out.WriteLine(FormattableString.Invariant(
            $"{(apply ? "applied" : "dry run")}: {moved} of {reports.Count} open petition(s) on {id} v{from} {(apply ? "moved" : "would move")} to v{to}"));
        return reports.Count == moved ? 0 : 1;
    }

    private static int Version(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new CliUsageException($"--{option} '{text}' is not a version number");

    private static string Instant(DateTimeOffset? at) =>
        at is { } v ? v.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture) : "-";
}
