using System.Text.Json;
using Treatment.Cli;
using Treatment.Core.Tests.Clock;

namespace Treatment.Core.Tests.Cli;

public sealed class ClockCommandsTests
{
    private static async Task<(int Exit, string Out, string Error)> RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error, new StringReader(input)), CancellationToken.None);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    private static Task<(int Exit, string Out, string Error)> Run(params string[] args) => RunWithInput("", args);

    [Fact]
    public async Task Holidays_2026_PrintsTabSeparatedSortedTableWithoutPlainSundays()
    {
        var (exit, output, error) = await Run("holidays", "2026", "--calendar", TestCalendar.Folder);

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.True(exit == 0, error);
        Assert.Equal(22, lines.Length);
        Assert.Equal("2026-01-01\t신정", lines[0]);
        Assert.Contains("2026-07-17\t제헌절", lines);
        Assert.Contains("2026-10-05\t대체공휴일(개천절)", lines);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
    }

    [Fact]
    public async Task Holidays_TwoHolidaysOnOneDate_JoinedOnOneLine()
    {
        var (_, output, _) = await Run("holidays", "2025", "--calendar", TestCalendar.Folder);

        Assert.Contains("2025-05-05\t어린이날 · 부처님오신날\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holidays_WithoutCalendarOption_FindsRepositoryFolderUpward()
    {
        var (exit, output, error) = await Run("holidays", "2025");

        Assert.True(exit == 0, error);
        Assert.StartsWith("2025-01-01\t신정\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1999")]
    public async Task Holidays_BadYear_OneErrorLineExitTwo(string year)
    {
        var (exit, output, error) = await Run("holidays", year, "--calendar", TestCalendar.Folder);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_HourBased_FirstLineIsInstantThenKoreanAndEnglishExplanation()
    {
        var (exit, output, error) = await Run("deadline", "--received", "2025-07-07T12:30+09:00", "--period", "2d", "--calendar", TestCalendar.Folder);

        var lines = output.Split('\n');
        Assert.True(exit == 0, error);
        Assert.Equal("2025-07-09T12:00+09:00", lines[0]);
        Assert.Contains("점심시간 접수 → 13:00부터", output, StringComparison.Ordinal);
        Assert.Contains("received during the lunch break", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_DayBasedWithExclusion_FirstLineIsDate()
    {
        var (exit, output, error) = await Run("deadline", "--received", "2026-03-09T10:00+09:00", "--period", "10d", "--exclude", "supplement:2026-03-11..2026-03-16", "--calendar", TestCalendar.Folder);

        Assert.True(exit == 0, error);
        Assert.Equal("2026-03-26", output.Split('\n')[0]);
        Assert.Contains("2026-03-16 처리기간 제외(보완)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_CivilCounting_RollsForwardOverChuseok()
    {
        var (_, output, _) = await Run("deadline", "--received", "2025-09-30T15:00+09:00", "--period", "7d", "--counting", "civil", "--calendar", TestCalendar.Folder);

        Assert.Equal("2025-10-10", output.Split('\n')[0]);
    }

    [Fact]
    public async Task Deadline_Json_OneObjectWithDueStepsAndHangul()
    {
        var (exit, output, error) = await Run("deadline", "--received", "2025-10-02T15:00+09:00", "--period", "2d", "--json", "--calendar", TestCalendar.Folder);

        Assert.True(exit == 0, error);
        Assert.Single(output.TrimEnd('\n').Split('\n'));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("2025-10-13T15:00+09:00", root.GetProperty("due").GetString());
        Assert.Equal("working-hours", root.GetProperty("countedIn").GetString());
        Assert.Equal("up-to-five-days-as-working-hours", root.GetProperty("steps")[0].GetProperty("unitReason").GetString());
        Assert.Contains(root.GetProperty("steps")[0].GetProperty("skipped").EnumerateArray(), s => s.GetProperty("name").GetString() == "추석");
        Assert.Contains("추석", output, StringComparison.Ordinal); // Hangul written as is, not \uXXXX
        Assert.StartsWith("처리기한", root.GetProperty("explanation").GetProperty("ko").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_Batch_OneLinePerCaseCommentsSkippedErrorsInline()
    {
        var input = string.Join("\n",
            "# received\tperiod\texclusions\tcounting",
            "2025-07-07T10:00+09:00\timmediate\t\t",
            "2025-07-07T10:00+09:00\t14d",
            "2026-03-09T10:00+09:00\t10d\t2026-03-11..2026-03-16\tstatutory",
            "2025-09-30T15:00+09:00\t7d\t\tcivil",
            "2025-07-07T10:00\t3d",
            "2025-07-07T10:00+09:00\t0d",
            "2025-07-07T10:00+09:00\t3d\t2025-07-09..2025-07-08",
            "2025-07-07T10:00+09:00\timmediate\t\tcivil",
            "2025-07-07T10:00+09:00\t3d\t\tlunar",
            "only-one-field",
            "2025-03-10T10:00+09:00\t1mo\t\t");

        var (exit, output, error) = await RunWithInput(input, "deadline", "--batch", "-", "--calendar", TestCalendar.Folder);

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.Equal(11, lines.Length);
        Assert.Equal("2025-07-07T14:00+09:00", lines[0]);
        Assert.Equal("2025-07-24", lines[1]);
        Assert.Equal("2026-03-26", lines[2]);
        Assert.Equal("2025-10-10", lines[3]);
        Assert.All(lines[4..10], l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
        Assert.Equal("2025-04-09", lines[10]);
    }

    [Fact]
    public async Task Deadline_BatchFromFile_AllGoodExitZero()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "2025-07-07T10:00+09:00\t3d\r\n2025-07-11T16:30+09:00\timmediate\r\n");

        var (exit, output, error) = await Run("deadline", "--batch", file, "--calendar", TestCalendar.Folder);
        File.Delete(file);

        Assert.True(exit == 0, error);
        Assert.Equal("2025-07-10T10:00+09:00\n2025-07-14T10:30+09:00\n", output);
    }

    [Theory]
    [InlineData("deadline", "--received", "2025-07-07", "--period", "3d")]
    [InlineData("deadline", "--received", "2025-07-07T10:00+09:00", "--period", "3x")]
    [InlineData("deadline", "--received", "2025-07-07T10:00+09:00")]
    [InlineData("deadline", "--received", "2025-07-07T10:00+09:00", "--period", "3d", "--counting", "lunar")]
    [InlineData("deadline", "--received", "2025-07-07T10:00+09:00", "--period", "3d", "--exclude", "2025-07-08")]
    [InlineData("deadline", "--received", "2025-07-07T10:00+09:00", "--period", "3d", "--bogus")]
    [InlineData("deadline", "--batch", "-", "--period", "3d")]
    public async Task Deadline_BadInput_OneErrorLineNonZeroExit(params string[] args)
    {
        var (exit, output, error) = await Run([.. args, "--calendar", TestCalendar.Folder]);

        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_ClockRefusal_OneErrorLineInKoreanAndEnglishExitOne()
    {
        var (exit, _, error) = await Run("deadline", "--received", "2025-07-07T10:00+09:00", "--period", "immediate", "--counting", "civil", "--calendar", TestCalendar.Folder);

        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.Contains("즉시", error, StringComparison.Ordinal);
        Assert.Contains("civil counting", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_BadCalendarFile_ReportsFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yaml"), "rules:\n  - name: 신정\n    name_en: New Year\n    kind: fixed\n    solar: 13-01\n    basis: x\n");

        var (exit, _, error) = await Run("holidays", "2025", "--calendar", folder);
        Directory.Delete(folder, recursive: true);

        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.Contains("rules.yaml:5:", error, StringComparison.Ordinal);
    }
}
