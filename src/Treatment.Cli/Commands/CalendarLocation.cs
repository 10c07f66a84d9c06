using Treatment.Core.Clock;
using Treatment.Core.Hosting;

namespace Treatment.Cli.Commands;

/// <summary>
/// Finds and loads workflows/calendar: --calendar &lt;folder&gt;, else $TREATMENT_WORKFLOWS/calendar, else the first
/// workflows/calendar above the current directory, else above the executable.
/// </summary>
internal static class CalendarLocation
{
    public const string EnvironmentVariable = "TREATMENT_WORKFLOWS";

    public static HolidayCalendar Load(string? calendarOption)
    {
        var folder = Find(calendarOption);
        try
        {
            return HolidayCalendarLoader.LoadFolder(folder);
        }
        catch (CalendarFileException ex)
        {
            throw new CliFailureException($"bad calendar file {ex.Message}");
        }
    }

    public static string Find(string? calendarOption)
    {
        if (calendarOption is not null)
        {
            return Directory.Exists(calendarOption)
                ? calendarOption
                : throw new CliFailureException($"calendar folder not found: {calendarOption}");
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } workflows)
        {
            var fromEnvironment = Path.Combine(workflows, "calendar");
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new CliFailureException($"{EnvironmentVariable} is set but {fromEnvironment} does not exist");
        }

        return RepositoryFolders.FindUpward(Path.Combine("workflows", "calendar"), Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new CliFailureException($"workflows/calendar not found above the current directory or the executable; pass --calendar <folder> or set {EnvironmentVariable}");
    }
}
