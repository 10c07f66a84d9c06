using System.Globalization;
using Treatment.Core.Clock;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment holidays &lt;year&gt; [--calendar &lt;folder&gt;]`: one line per date, `YYYY-MM-DD&lt;TAB&gt;name`, sorted; ordinary
/// Sundays are not listed; two holidays on one date share the line, names joined with " · " in rule order
/// (2025-05-05	어린이날 · 부처님오신날).
/// </summary>
public sealed class HolidaysCommand : ICliCommand
{
    public string Name => "holidays";

    public string Summary => "holidays of government offices in a year: holidays <year> [--calendar <folder>]";

    public Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, ["calendar"], []);
        if (parsed.Positionals.Count != 1)
        {
            throw new CliUsageException("usage: treatment holidays <year> [--calendar <folder>]");
        }

        if (!int.TryParse(parsed.Positionals[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new CliUsageException($"'{parsed.Positionals[0]}' is not a year");
        }

        var calendar = CalendarLocation.Load(parsed.Get("calendar"));
        if (year < calendar.FirstDate.Year || year > calendar.LastDate.Year)
        {
            throw new CliUsageException($"year {year} is outside the calendar ({calendar.FirstDate.Year}–{calendar.LastDate.Year})");
        }

        foreach (var date in calendar.Holidays(year).GroupBy(h => h.Date))
        {
            console.Out.WriteLine($"{date.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\t{string.Join(" · ", date.Select(h => h.Name))}");
        }

        return Task.FromResult(0);
    }
}
