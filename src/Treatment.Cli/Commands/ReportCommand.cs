using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
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

    public Command Create(CliConsole console)
    {
        var workflows = CliOptions.Value("workflows", "workflows folder (default: found upward, or TREATMENT_WORKFLOWS)", recursive: true);
        var templates = CliOptions.Value("templates", "templates folder (default: templates/ beside the workflows folder)", recursive: true);
        var year = CliOptions.Value("year", "the year reported (beside the one before)");
        var agency = CliOptions.Value("agency", "one agency's code");
        var ministry = CliOptions.Value("ministry", "an agency's code, with its subordinate agencies");
        var format = CliOptions.Value("format", "html, csv or json");
        var output = CliOptions.Value("out", "output file (csv: a folder, or a .zip file)");

        var yearly = new Command("yearly", "compute and freeze the yearly inspection report (TREATMENT_DB)") { year, agency, ministry, format, output }
            .WithAction((parsed, ct) => YearlyAsync(parsed, console, year, agency, ministry, format, output, workflows, templates, ct));
        var rebuild = new Command("rebuild-rollups", "recompute the rollup (monthly and yearly) from petitions and petition_events")
            .WithAction((parsed, ct) => RebuildAsync(parsed.GetValue(workflows), parsed.GetValue(templates), console, ct));
        var command = new Command("report", "yearly inspection report: report yearly --year 2025 [--agency CODE | --ministry CODE] --format html|csv|json --out FILE")
        {
            workflows, templates, yearly, rebuild,
        };
        return command.WithAction(_ => throw new CliUsageException(Usage));
    }

    private static async Task<int> YearlyAsync(
        ParseResult parsed, CliConsole console, Option<string> yearOption, Option<string> agencyOption, Option<string> ministryOption,
        Option<string> formatOption, Option<string> outOption, Option<string> workflowsOption, Option<string> templatesOption, CancellationToken cancellationToken)
    {
        var year = SeedCommand.Number(parsed.Require(yearOption), "--year", 2000, 2100);
        var format = parsed.Require(formatOption);
        if (format is not ("html" or "csv" or "json"))
        {
            throw new CliUsageException($"--format must be html, csv or json, not '{format}'");
        }

        var output = parsed.Require(outOption);
        var agency = parsed.GetValue(agencyOption);
        var ministry = parsed.GetValue(ministryOption);
        if (agency is not null && ministry is not null)
        {
            throw new CliUsageException("give --agency or --ministry, not both");
        }

        var scope = agency is not null ? new ReportScope(ReportScopeKind.Agency, agency)
            : ministry is not null ? new ReportScope(ReportScopeKind.Ministry, ministry)
            : ReportScope.All;

        await using var session = await DatabaseSession.OpenAsync(parsed.GetValue(workflowsOption), cancellationToken, parsed.GetValue(templatesOption));
        var store = session.Services.GetRequiredService<ReportRunStore>();
        var versions = session.Services.GetRequiredService<ReportVersions>();
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
                await File.WriteAllTextAsync(output, ReportRenderer.ToHtml(report, session.TemplatesFolder), new UTF8Encoding(false), cancellationToken);
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
    private static async Task<int> RebuildAsync(string? workflows, string? templates, CliConsole console, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(workflows, ct, templates);
        var rows = await new RollupRebuilder(session.DataSource, session.Catalog, session.Clock.Calendar).RebuildAsync(ct);
        console.Out.WriteLine($"petition_rollups rebuilt: {rows} rows");
        return 0;
    }
}
