using Treatment.Core.Clock;

namespace Treatment.Core.Tests.Clock;

/// <summary>The repository's workflows/calendar data, loaded once for the clock tests.</summary>
internal static class TestCalendar
{
    public static string Folder { get; } = FindFolder();

    public static HolidayCalendar Repository { get; } = HolidayCalendarLoader.LoadFolder(Folder);

    public static DeadlineCalculator Calculator { get; } = new(Repository);

    public static DateTimeOffset Kst(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows", "calendar");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("workflows/calendar not found above the test output folder");
    }
}
