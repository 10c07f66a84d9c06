using System.Text;
using Treatment.Core.Reports;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment report yearly --year 2025 [--agency CODE | --ministry CODE] --format html|csv|json --out FILE`: computes
/// and freezes the yearly inspection report (TREATMENT_DB) with a progress bar on standard error. CSV writes one file
/// per table into the folder FILE, or a zip archive when FILE ends in .zip.
/// </summary>
public sealed class ReportCommand : ICliCommand
{
    private const string Usage = "usage: treatment report yearly --year YYYY [--agency CODE | --ministry CODE] --format html|csv|json --out FILE | treatment report rebuild-rollups";

    public string Name => "report";

    public string Summary => "yearly inspection report: report yearly --year 2025 [--agency CODE | --ministry CODE] --format html|csv|json --out FILE";

    public async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, ["year", "agency", "ministry", "format", "out", "workflows", "templates"], []);
        if (parsed.Positionals is ["rebuild-rollups"])
        {
            return await RebuildAsync(parsed, console, cancellationToken);
        }

        if (parsed.Positionals.Count != 1 || parsed.Positionals[0] != "yearly")
        {
            throw new CliUsageException(parsed.Positionals.Count == 0 ? Usage : $"unknown report '{string.Join(' ', parsed.Positionals)}'; {Usage}");
        }

        var year = SeedCommand.Number(parsed.Require("year"), "--year", 2000, 2100);
        var format = parsed.Require("format");
        if (format is not ("html" or "csv" or "json"))
        {
            throw new CliUsageException($"--format must be html, csv or json, not '{format}'");
        }

        var output = parsed.Require("out");
        if (parsed.Get("agency") is not null && parsed.Get("ministry") is not null)
        {
            throw new CliUsageException("give --agency or --ministry, not both");
        }

        var scope = parsed.Get("agency") is { } agency ? new ReportScope(ReportScopeKind.Agency, agency)
            : parsed.Get("ministry") is { } ministry ? new ReportScope(ReportScopeKind.Ministry, ministry)
            : ReportScope.All;

        await using var session = await DatabaseSession.OpenAsync(parsed.Get("workflows"), cancellationToken);
        var store = new ReportRunStore(session.DataSource, new YearlyReportBuilder(session.DataSource, TimeProvider.System, session.Catalog), TimeProvider.System);
        var versions = ReportVersions.From(session.Catalog, Path.Combine(session.WorkflowsFolder, "calendar"));
        FrozenReport frozen;
        try
        {
            frozen = await store.RunAsync(year, scope, versions, null, new ProgressBar(console.Error, "report"), cancellationToken);
        }
        catch (ReportScopeException ex)
        {
            throw new CliFailureException(ex.Message);
        }

        var report = frozen.Report;
        switch (format)
        {
            case "json":
                await File.WriteAllTextAsync(output, ReportRenderer.ToJson(report), new UTF8Encoding(false), cancellationToken);
                break;
            case "html":
                var templates = WorkflowFolders.Templates(session.WorkflowsFolder, parsed.Get("templates"));
                await File.WriteAllTextAsync(output, ReportRenderer.ToHtml(report, templates), new UTF8Encoding(false), cancellationToken);
                break;
            default:
                if (output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    await File.WriteAllBytesAsync(output, ReportRenderer.ToCsvZip(report), cancellationToken);
                }
                else
                {
                    Directory.CreateDirectory(output);
                    foreach (var (name, content) in ReportRenderer.ToCsvFiles(report))
                    {
                        await File.WriteAllTextAsync(Path.Combine(output, name), content, new UTF8Encoding(true), cancellationToken);
                    }
                }

                break;
        }

        console.Out.WriteLine($"run {frozen.RunId} checksum {frozen.Checksum}; {report.ChangesSinceLastRun.Count} figure(s) changed since the last run; written to {output}");
        return 0;
    }

    /// <summary>`treatment report rebuild-rollups`: recomputes petition_rollups from the audit trail (after a change of the fact mapping).</summary>
    private static async Task<int> RebuildAsync(CliArgs parsed, CliConsole console, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(parsed.Get("workflows"), ct);
        var rows = await new RollupRebuilder(session.DataSource, session.Catalog, session.Clock.Calendar).RebuildAsync(ct);
        console.Out.WriteLine($"petition_rollups rebuilt: {rows} rows");
        return 0;
    }
}
