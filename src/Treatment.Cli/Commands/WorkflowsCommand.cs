using System.CommandLine;
using System.Globalization;
using Treatment.Core.Workflows;

namespace Treatment.Cli.Commands;

/// <summary>`treatment workflows validate|diagram|diff|docs|migrate`: checks, shows and migrates the workflow definitions (workflows/README.md).</summary>
public sealed class WorkflowsCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var workflows = CliOptions.Value("workflows", "workflows folder (default: found upward, or TREATMENT_WORKFLOWS)", recursive: true);
        var templates = CliOptions.Value("templates", "templates folder (default: templates/ beside the workflows folder)", recursive: true);

        var folder = new Argument<string?>("folder") { Description = "workflows folder to check (default: --workflows)", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "check every definition and template; every problem with file and line") { folder }
            .WithAction(parsed => Validate(parsed.GetValue(folder) ?? WorkflowFolders.Find(parsed.GetValue(workflows)), parsed.GetValue(templates), console));

        var diagramId = new Argument<string>("id") { Description = "workflow id" };
        var version = CliOptions.Value("version", "version (default: the latest)");
        var state = CliOptions.Value("state", "highlight this state");
        var diagram = new Command("diagram", "the Mermaid state diagram of a definition") { diagramId, version, state }
            .WithAction(parsed => Diagram(LoadCatalog(parsed.GetValue(workflows), parsed.GetValue(templates)), parsed.GetValue(diagramId)!, parsed.GetValue(version), parsed.GetValue(state), console));

        var diffId = new Argument<string>("id") { Description = "workflow id" };
        var from = new Argument<string>("N") { Description = "older version" };
        var to = new Argument<string>("M") { Description = "newer version" };
        var diff = new Command("diff", "what changed between two versions") { diffId, from, to }
            .WithAction(parsed => Diff(LoadCatalog(parsed.GetValue(workflows), parsed.GetValue(templates)), parsed.GetValue(diffId)!, parsed.GetValue(from)!, parsed.GetValue(to)!, console));

        var docs = new Command("docs", "docs/workflows.md: the diagram of every loaded version")
            .WithAction(parsed => Docs(LoadCatalog(parsed.GetValue(workflows), parsed.GetValue(templates)), console));

        return new Command("workflows", "validate, diagram (Mermaid), diff, document or migrate the workflow definitions")
        {
            workflows, templates, validate, diagram, diff, docs, WorkflowMigrateCommand.Create(console, workflows, templates),
        };
    }

    private static int Validate(string folder, string? templatesOption, CliConsole console)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliFailureException($"workflows folder '{folder}' not found");
        }

        var templates = WorkflowFolders.Templates(folder, templatesOption);
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

    private static int Diagram(WorkflowCatalog catalog, string id, string? version, string? state, CliConsole console)
    {
        var definition = version is { } v ? Get(catalog, id, ParseVersion(v)) : Latest(catalog, id);
        var machine = new PetitionMachine(definition);
        if (state is not null && definition.FindState(state) is null)
        {
            throw new CliFailureException($"unknown state '{state}' in {id} v{definition.Version}");
        }

        console.Out.Write(machine.Diagram(state));
        return 0;
    }

    private static int Diff(WorkflowCatalog catalog, string id, string fromVersion, string toVersion, CliConsole console)
    {
        var from = Get(catalog, id, ParseVersion(fromVersion));
        var to = Get(catalog, id, ParseVersion(toVersion));
        var entries = WorkflowDiff.Compare(from, to);
        console.Out.WriteLine($"{id}: v{from.Version} → v{to.Version}, {entries.Count} difference(s)");
        foreach (var e in entries)
        {
            console.Out.WriteLine(e.ToString());
        }

        return 0;
    }

    /// <summary>docs/workflows.md: the Mermaid diagram of every loaded version, as `diagram` prints it.</summary>
    private static int Docs(WorkflowCatalog catalog, CliConsole console)
    {
        console.Out.Write(WorkflowDocs.Markdown(catalog));
        return 0;
    }

    private static WorkflowCatalog LoadCatalog(string? workflowsOption, string? templatesOption)
    {
        var folder = WorkflowFolders.Find(workflowsOption);
        var result = WorkflowLoader.LoadFolder(folder, WorkflowFolders.Templates(folder, templatesOption));
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
