using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports.WhatIf;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment whatif --year 2025 (--workflow other@2 | --standards FILE | --holiday 2025-10-10 …) [--agency CODE]
/// [--format html|json|csv] [--out FILE]`: replays the year's petitions under the proposal (TREATMENT_DB), stores the
/// run and prints or writes the result; nothing is written to petitions.
/// </summary>
public sealed class WhatIfCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var workflows = CliOptions.Value("workflows", "workflows folder (default: found upward, or TREATMENT_WORKFLOWS)");
        var templates = CliOptions.Value("templates", "templates folder (default: templates/ beside the workflows folder)");
        var year = CliOptions.Value("year", "the year replayed (petitions received in it, KST)");
        var workflow = CliOptions.Value("workflow", "a proposed workflow version for its kind, e.g. other@2");
        var standards = CliOptions.Value("standards", "a proposed treatment-standards file (the affairs.csv format): its changed periods");
        var holidays = CliOptions.Repeated("holiday", "a proposed temporary holiday (YYYY-MM-DD); repeat for more");
        var agency = CliOptions.Value("agency", "one agency's code (default: every agency)");
        var format = CliOptions.Value("format", "html, json or csv (default: json)");
        var output = CliOptions.Value("out", "output file (default: standard output)");
        return new Command("whatif", "replay a year under a proposed workflow version, treatment periods or holidays: what would differ")
        {
            workflows, templates, year, workflow, standards, holidays, agency, format, output,
        }.WithAction(async (parsed, ct) =>
        {
            var y = SeedCommand.Number(parsed.Require(year), "--year", 2000, 2100);
            var kind = parsed.GetValue(format) ?? "json";
            if (kind is not ("html" or "json" or "csv"))
            {
                throw new CliUsageException($"--format must be html, json or csv, not '{kind}'");
            }

            var dates = new List<DateOnly>();
            foreach (var given in parsed.GetValue(holidays) ?? [])
            {
                dates.Add(ClockInput.TryParseDate(given, out var date) ? date : throw new CliUsageException($"--holiday must be YYYY-MM-DD, not '{given}'"));
            }

            ProposedWorkflow? proposedWorkflow = null;
            if (parsed.GetValue(workflow) is { } w && !ProposedWorkflow.TryParse(w, out proposedWorkflow))
            {
                throw new CliUsageException($"--workflow must be kind@version (e.g. other@2), not '{w}'");
            }

            var standardsFile = parsed.GetValue(standards);
            if (proposedWorkflow is null && standardsFile is null && dates.Count == 0)
            {
                throw new CliUsageException("give --workflow, --standards or --holiday (at least one)");
            }

            await using var session = await DatabaseSession.OpenAsync(parsed.GetValue(workflows), ct, parsed.GetValue(templates));
            var proposal = new WhatIfProposal { Workflow = proposedWorkflow, Holidays = dates };
            if (standardsFile is not null)
            {
                if (!File.Exists(standardsFile))
                {
                    throw new CliFailureException($"{standardsFile}: no such file");
                }

                using var reader = new StreamReader(standardsFile);
                var current = await session.Services.GetRequiredService<WhatIfReplay>().CurrentPeriodsAsync(ct);
                var (periods, problems) = WhatIfProposal.PeriodsFromStandards(reader, current);
                foreach (var problem in problems)
                {
                    console.Error.WriteLine($"{standardsFile}: {problem}");
                }

                proposal = proposal with { Periods = periods, StandardsFile = Path.GetFileName(standardsFile) };
            }

            (long RunId, WhatIfResult Result) run;
            try
            {
                run = await session.Services.GetRequiredService<WhatIfService>().RunAsync(Actor.System, y, proposal, parsed.GetValue(agency), new ProgressBar(console.Error, "whatif"), ct);
            }
            catch (BackOfficeInputException ex)
            {
                throw new CliFailureException(ex.Message);
            }

            var text = kind switch
            {
                "html" => WhatIfRenderer.ToHtml(run.Result, session.TemplatesFolder),
                "csv" => WhatIfRenderer.ToCsv(run.Result),
                _ => WhatIfRenderer.ToJson(run.Result),
            };
            if (parsed.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, text, new UTF8Encoding(kind == "csv"), ct);
                console.Out.WriteLine($"what-if run {run.RunId}: {run.Result.Petitions} petitions replayed, {run.Result.DuesMoved} dues moved, on time {run.Result.OnTimeRecorded} → {run.Result.OnTimeProposed}; written to {file}");
            }
            else
            {
                console.Out.Write(text);
            }

            return 0;
        });
    }
}
