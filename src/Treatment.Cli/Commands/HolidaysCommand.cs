using System.CommandLine;
using System.Globalization;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment holidays &lt;year&gt; [--calendar &lt;folder&gt;]`: one line per date, `YYYY-MM-DD&lt;TAB&gt;name`, sorted; ordinary
/// Sundays are not listed; two holidays on one date share the line, names joined with " · " in rule order
/// (2025-05-05	어린이날 · 부처님오신날). With TREATMENT_DB and no --calendar, holidays applied in the database count too.
/// </summary>
public sealed class HolidaysCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var year = new Argument<string>("year") { Description = "the year, e.g. 2026" };
        var calendarOption = CliOptions.Value("calendar", "calendar folder (default: workflows/calendar, plus the changes applied in TREATMENT_DB when set)");
        var command = new Command("holidays", "holidays of government offices in a year: holidays <year> [--calendar <folder>]") { year, calendarOption };
        return command.WithAction(async (parsed, ct) =>
        {
            var text = parsed.GetValue(year)!;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                throw new CliUsageException($"'{text}' is not a year");
            }

            var calendar = await CalendarLocation.LoadAsync(parsed.GetValue(calendarOption), ct);
            if (y < calendar.FirstDate.Year || y > calendar.LastDate.Year)
            {
                throw new CliUsageException($"year {y} is outside the calendar ({calendar.FirstDate.Year}–{calendar.LastDate.Year})");
            }

            foreach (var date in calendar.Holidays(y).GroupBy(h => h.Date))
            {
                console.Out.WriteLine($"{date.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\t{string.Join(" · ", date.Select(h => h.Name))}");
            }

            return 0;
        });
    }
}
