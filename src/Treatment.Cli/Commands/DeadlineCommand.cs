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
    private const string Usage = "usage: treatment deadline --received <ISO-8601 with offset> --period <immediate|Nh|Nd|Nw|Nmo|Ny> [--exclude [type:]<from>..<to>]... [--counting statutory|civil] [--json] | --batch <file|->";

    public string Name => "deadline";

    public string Summary => "due of a treatment period with its explanation: deadline --received … --period … (or --batch <file|->)";

    public async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, ["received", "period", "exclude", "counting", "batch", "calendar"], ["json"]);
        if (parsed.Positionals.Count > 0)
        {
            throw new CliUsageException($"unexpected argument '{parsed.Positionals[0]}'; {Usage}");
        }

        if (parsed.Get("batch") is { } batch)
        {
            if (parsed.Has("received") || parsed.Has("period") || parsed.Has("exclude") || parsed.Has("counting") || parsed.Has("json"))
            {
                throw new CliUsageException("--batch takes its cases from the file; do not combine it with --received, --period, --exclude, --counting or --json");
            }

            var batchCalculator = new DeadlineCalculator(CalendarLocation.Load(parsed.Get("calendar")));
            return await RunBatchAsync(batch, batchCalculator, console, cancellationToken);
        }

        var received = ParseReceived(parsed.Require("received"));
        var period = ParsePeriod(parsed.Require("period"));
        var exclusions = parsed.GetAll("exclude").Select(ParseExclusion).ToList();
        var counting = ParseCounting(parsed.Get("counting"));
        var calculator = new DeadlineCalculator(CalendarLocation.Load(parsed.Get("calendar")));
        var result = calculator.Compute(new DeadlineRequest(received, period, exclusions, counting, []));
        if (!result.IsSuccess)
        {
            throw new CliFailureException(result.Error!.ToString());
        }

        var deadline = result.Value!;
        if (parsed.Has("json"))
        {
            console.Out.WriteLine(DeadlineDocument.From(deadline).ToJson());
            return 0;
        }

        console.Out.WriteLine(deadline.DueText);
        console.Out.Write(deadline.Explanation.ToText("ko"));
        console.Out.WriteLine();
        console.Out.Write(deadline.Explanation.ToText("en"));
        return 0;
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
