using System.Globalization;
using Treatment.Core.Workflows;

namespace Treatment.Cli.Commands;

/// <summary>`treatment workflows validate|diagram|diff|docs|migrate`: checks, shows and migrates the workflow definitions (workflows/README.md).</summary>
public sealed class WorkflowsCommand : ICliCommand
{
    public string Name => "workflows";

    public string Summary => "validate, diagram (Mermaid) or diff the workflow definitions";

    private static readonly string[] ValueOptions = ["workflows", "templates", "version", "state", "from", "to", "map"];

    private static readonly string[] FlagOptions = ["dry-run", "apply"];

    public Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, ValueOptions, FlagOptions);
        var words = parsed.Positionals;
        if (words.Count == 0)
        {
            throw new CliUsageException("usage: treatment workflows validate [folder] | diagram <id> [--version N] [--state S] | diff <id> <N> <M> | docs | migrate <id> --from N --to M [--map old=new]... --dry-run|--apply  [--workflows F] [--templates F]");
        }

        if (words[0] == "migrate")
        {
            return WorkflowMigrateCommand.RunAsync(parsed, console, cancellationToken);
        }

        return Task.FromResult(words[0] switch
        {
            "validate" => Validate(parsed, console),
            "diagram" => Diagram(parsed, console),
            "diff" => Diff(parsed, console),
            "docs" => Docs(parsed, console),
            _ => throw new CliUsageException($"unknown workflows subcommand '{words[0]}' (validate, diagram, diff, docs, migrate)"),
        });
    }

    private static int Validate(CliArgs args, CliConsole console)
    {
        if (args.Positionals.Count > 2)
        {
            throw new CliUsageException("usage: treatment workflows validate [folder]");
        }

        var folder = args.Positionals.Count == 2 ? args.Positionals[1] : WorkflowFolders.Find(args.Get("workflows"));
        if (!Directory.Exists(folder))
        {
            throw new CliFailureException($"workflows folder '{folder}' not found");
        }

        var templates = WorkflowFolders.Templates(folder, args.Get("templates"));
        var result = WorkflowLoader.LoadFolder(folder, templates);
        if (!result.Ok)
        {
            foreach (var error in result.Errors)
            {
                console.Error.WriteLine(error.ToString());
            }

            console.Error.WriteLine($"{result.Errors.Count} error(s) in {result.FileCount} file(s)");
            return 1;
        }

        if (result.FileCount == 0)
        {
            console.Error.WriteLine($"no workflow files (<id>/v<N>.yaml) under {folder}");
            return 1;
        }

        foreach (var d in result.Definitions)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Id,-15} v{d.Version}  {d.Title.Ko} / {d.Title.En}: {d.States.Length} states, {d.Transitions.Length} transitions, {d.Milestones.Length} milestones  sha256 {d.ContentHash[..12]}"));
        }

        console.Out.WriteLine($"ok: {result.Definitions.Count} definition(s) in {result.FileCount} file(s), templates from {templates}");
        return 0;
    }

    private static int Diagram(CliArgs args, CliConsole console)
    {
        if (args.Positionals.Count != 2)
        {
            throw new CliUsageException("usage: treatment workflows diagram <id> [--version N] [--state S]");
        }

        var catalog = LoadCatalog(args);
        var id = args.Positionals[1];
        var definition = args.Get("version") is { } v ? Get(catalog, id, ParseVersion(v)) : Latest(catalog, id);
        var machine = new PetitionMachine(definition);
        var state = args.Get("state");
        if (state is not null && definition.FindState(state) is null)
        {
            throw new CliFailureException($"unknown state '{state}' in {id} v{definition.Version}");
        }

        console.Out.Write(machine.Diagram(state));
        return 0;
    }

    private static int Diff(CliArgs args, CliConsole console)
    {
        if (args.Positionals.Count != 4)
        {
            throw new CliUsageException("usage: treatment workflows diff <id> <N> <M>");
        }

        var catalog = LoadCatalog(args);
        var id = args.Positionals[1];
        var from = Get(catalog, id, ParseVersion(args.Positionals[2]));
        var to = Get(catalog, id, ParseVersion(args.Positionals[3]));
        var entries = WorkflowDiff.Compare(from, to);
        console.Out.WriteLine($"{id}: v{from.Version} → v{to.Version}, {entries.Count} difference(s)");
        foreach (var e in entries)
        {
            console.Out.WriteLine(e.ToString());
        }

        return 0;
    }

    /// <summary>docs/workflows.md: the Mermaid diagram of every loaded version, as `diagram` prints it.</summary>
    private static int Docs(CliArgs args, CliConsole console)
    {
        if (args.Positionals.Count != 1)
        {
            throw new CliUsageException("usage: treatment workflows docs");
        }

        console.Out.Write(WorkflowDocs.Markdown(LoadCatalog(args)));
        return 0;
    }

    private static WorkflowCatalog LoadCatalog(CliArgs args)
    {
        var folder = WorkflowFolders.Find(args.Get("workflows"));
        var result = WorkflowLoader.LoadFolder(folder, WorkflowFolders.Templates(folder, args.Get("templates")));
        if (!result.Ok)
        {
            throw new CliFailureException($"{folder} has {result.Errors.Count} error(s); first: {result.Errors[0]} (run: treatment workflows validate)");
        }

        return new WorkflowCatalog(result.Definitions);
    }

    private static WorkflowDefinition Get(WorkflowCatalog catalog, string id, int version) =>
        catalog.TryGet(id, version) ?? throw new CliFailureException($"no workflow {id} v{version} (known: {Known(catalog)})");

    private static WorkflowDefinition Latest(WorkflowCatalog catalog, string id) =>
        catalog.Ids.Contains(id) ? catalog.Latest(id) : throw new CliFailureException($"no workflow '{id}' (known: {Known(catalog)})");

    private static string Known(WorkflowCatalog catalog) => string.Join(", ", catalog.All.Select(d => $"{d.Id} v{d.Version}"));

    private static int ParseVersion(string text) =>
        int.TryParse(text.TrimStart('v'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliUsageException($"'{text}' is not a version number");
}
