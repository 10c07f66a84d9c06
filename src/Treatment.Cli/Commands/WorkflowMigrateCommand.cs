using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment workflows migrate &lt;id&gt; --from N --to M [--map old=new]... --dry-run|--apply`: moves open petitions
/// between published versions (database from TREATMENT_DB). One line per petition, then a summary; applying is audited.
/// </summary>
internal static class WorkflowMigrateCommand
{
    public static Command Create(CliConsole console, Option<string> workflows, Option<string> templates)
    {
        var id = new Argument<string>("id") { Description = "workflow id" };
        var from = CliOptions.Value("from", "version the open petitions are on");
        var to = CliOptions.Value("to", "version they move to");
        var map = CliOptions.Repeated("map", "state renamed between the versions: old=new (repeatable)");
        var dryRun = CliOptions.Flag("dry-run", "show what would move, change nothing");
        var apply = CliOptions.Flag("apply", "move them (audited)");
        var command = new Command("migrate", "move open petitions between published versions (TREATMENT_DB): migrate <id> --from N --to M [--map old=new]... --dry-run|--apply")
        {
            id, from, to, map, dryRun, apply,
        };
        return command.WithAction((parsed, ct) => RunAsync(
            console,
            parsed.GetValue(id)!,
            Version(parsed.Require(from), "from"),
            Version(parsed.Require(to), "to"),
            parsed.GetValue(map) ?? [],
            parsed.GetValue(dryRun),
            parsed.GetValue(apply),
            parsed.GetValue(workflows),
            parsed.GetValue(templates),
            ct));
    }

    private static async Task<int> RunAsync(
        CliConsole console, string id, int from, int to, string[] pairs, bool dryRun, bool apply, string? workflows, string? templates, CancellationToken ct)
    {
        if (apply == dryRun)
        {
            throw new CliUsageException("say either --dry-run or --apply");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new CliUsageException($"--map '{pair}' is not old=new");
            }

            map[pair[..eq]] = pair[(eq + 1)..];
        }

        await using var session = await DatabaseSession.OpenAsync(workflows, ct, templates);
        if (session.Catalog.TryGet(id, from) is null || session.Catalog.TryGet(id, to) is null)
        {
            throw new CliFailureException($"workflow {id} v{from} or v{to} is not loaded from {session.WorkflowsFolder}");
        }

        // The service as the web host builds it: the live calendar (database-applied holidays included) and the workflow milestone planner.
        await using var scope = session.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<WorkflowMigrationService>();
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
