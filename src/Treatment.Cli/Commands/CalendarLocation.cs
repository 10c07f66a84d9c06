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

    /// <summary>
    /// The calendar the clock commands count on: the files of --calendar as they are; otherwise, with TREATMENT_DB set,
    /// the live calendar the web host uses (the files plus the holiday changes applied in the database); else the files.
    /// </summary>
    public static async Task<HolidayCalendar> LoadAsync(string? calendarOption, CancellationToken ct)
    {
        if (calendarOption is not null || !DatabaseSession.DatabaseConfigured)
        {
            return Load(calendarOption);
        }

        await using var session = await DatabaseSession.OpenAsync(null, null, migrate: false, ct);
        return session.Calendar.Current;
    }

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
