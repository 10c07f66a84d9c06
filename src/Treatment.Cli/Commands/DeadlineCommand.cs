using System.CommandLine;
using System.Globalization;
using Treatment.Core.Clock;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment deadline`: one due with its explanation (or --json), or one due per line with --batch.
/// Batch lines are `received&lt;TAB&gt;period&lt;TAB&gt;exclusions&lt;TAB&gt;counting`; comment (#) and blank lines print nothing,
/// every other line prints exactly one line (the due or `error: …`); exit 1 if any line failed.
/// </summary>
public sealed class DeadlineCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var received = CliOptions.Value("received", "instant of receipt, ISO-8601 with offset (2025-07-07T10:00+09:00)");
        var period = CliOptions.Value("period", "treatment period: immediate, Nh, Nd, Nw, Nmo or Ny");
        var exclude = CliOptions.Repeated("exclude", "excluded span [type:]YYYY-MM-DD..YYYY-MM-DD (repeatable)");
        var counting = CliOptions.Value("counting", "statutory (default) or civil");
        var json = CliOptions.Flag("json", "one JSON object instead of the due and its explanation");
        var batch = CliOptions.Value("batch", "file of cases (received<TAB>period<TAB>exclusions<TAB>counting), or - for standard input");
        var calendarOption = CliOptions.Value("calendar", "calendar folder (default: workflows/calendar, plus the changes applied in TREATMENT_DB when set)");
        var command = new Command("deadline", "due of a treatment period with its explanation: deadline --received … --period … (or --batch <file|->)")
        {
            received, period, exclude, counting, json, batch, calendarOption,
        };
        return command.WithAction(async (parsed, ct) =>
        {
            if (parsed.GetValue(batch) is { } batchSource)
            {
                if (parsed.GetValue(received) is not null || parsed.GetValue(period) is not null || parsed.GetValue(exclude) is { Length: > 0 }
                    || parsed.GetValue(counting) is not null || parsed.GetValue(json))
                {
                    throw new CliUsageException("--batch takes its cases from the file; do not combine it with --received, --period, --exclude, --counting or --json");
                }

                var batchCalculator = new DeadlineCalculator(await CalendarLocation.LoadAsync(parsed.GetValue(calendarOption), ct));
                return await RunBatchAsync(batchSource, batchCalculator, console, ct);
            }

            var at = ParseReceived(parsed.Require(received));
            var treatmentPeriod = ParsePeriod(parsed.Require(period));
            var exclusions = (parsed.GetValue(exclude) ?? []).Select(ParseExclusion).ToList();
            var countingMode = ParseCounting(parsed.GetValue(counting));
            var calculator = new DeadlineCalculator(await CalendarLocation.LoadAsync(parsed.GetValue(calendarOption), ct));
            var result = calculator.Compute(new DeadlineRequest(at, treatmentPeriod, exclusions, countingMode, []));
            if (!result.IsSuccess)
            {
                throw new CliFailureException(result.Error!.ToString());
            }

            var deadline = result.Value!;
            if (parsed.GetValue(json))
            {
                console.Out.WriteLine(DeadlineDocument.From(deadline).ToJson());
                return 0;
            }

            console.Out.WriteLine(deadline.DueText);
            console.Out.Write(deadline.Explanation.ToText("ko"));
            console.Out.WriteLine();
            console.Out.Write(deadline.Explanation.ToText("en"));
            return 0;
        });
    }

    private static async Task<int> RunBatchAsync(string source, DeadlineCalculator calculator, CliConsole console, CancellationToken cancellationToken)
    {
        TextReader reader;
        if (source == "-")
        {
            reader = console.In;
        }
        else if (File.Exists(source))
        {
            reader = new StreamReader(source);
        }
        else
        {
            throw new CliFailureException($"batch file not found: {source}");
        }

        var failed = false;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                line = line.TrimEnd('\r');
                if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var output = BatchLine(line, calculator);
                failed |= output.StartsWith("error: ", StringComparison.Ordinal);
                console.Out.WriteLine(output);
            }
        }
        finally
        {
            if (!ReferenceEquals(reader, console.In))
            {
                reader.Dispose();
            }
        }

        return failed ? 1 : 0;
    }

    /// <summary>The due of one batch case, or `error: …`.</summary>
    internal static string BatchLine(string line, DeadlineCalculator calculator)
    {
        var fields = line.Split('\t');
        if (fields.Length is < 2 or > 4)
        {
            return $"error: expected received<TAB>period<TAB>exclusions<TAB>counting, got {fields.Length} field(s)";
        }

        try
        {
            var received = ParseReceived(fields[0].Trim());
            var period = ParsePeriod(fields[1].Trim());
            var exclusions = fields.Length > 2 && fields[2].Trim().Length > 0
                ? fields[2].Split(',').Select(e => ParseExclusion(e.Trim())).ToList()
                : [];
            var counting = ParseCounting(fields.Length > 3 && fields[3].Trim().Length > 0 ? fields[3].Trim() : null);
            var result = calculator.Compute(new DeadlineRequest(received, period, exclusions, counting, []));
            return result.IsSuccess ? result.Value!.DueText : $"error: {result.Error}";
        }
        catch (CliUsageException ex)
        {
            return $"error: {ex.Message}";
        }
    }

    private static DateTimeOffset ParseReceived(string text) =>
        ClockInput.TryParseReceived(text, out var received)
            ? received
            : throw new CliUsageException($"--received '{text}' is not an ISO-8601 instant with an offset (e.g. 2025-07-07T10:00+09:00)");

    private static TreatmentPeriod ParsePeriod(string text) =>
        TreatmentPeriod.TryParse(text, out var period)
            ? period
            : throw new CliUsageException($"--period '{text}' is not one of immediate, Nh, Nd, Nw, Nmo, Ny");

    private static CountingMode ParseCounting(string? text) =>
        ClockInput.TryParseCounting(text, out var counting)
            ? counting
            : throw new CliUsageException($"--counting '{text}' is not statutory or civil");

    private static ExcludedSpan ParseExclusion(string text) =>
        ClockInput.TryParseExclusion(text, out var span)
            ? span
            : throw new CliUsageException($"--exclude '{text}' is not [type:]YYYY-MM-DD..YYYY-MM-DD (types: supplement, transit, expert-procedure, …)");
}
