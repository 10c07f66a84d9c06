using Treatment.Cli;

namespace Treatment.Core.Tests.Cli;

public sealed class ReportCommandTests
{
    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, new StringReader("")), CancellationToken.None);
        return (code, error.ToString());
    }

    [Fact]
    public async Task Report_NoKind_PrintsUsageAndExitsTwo()
    {
        var (code, error) = await RunAsync("report");

        Assert.Equal(2, code);
        Assert.Contains("usage: treatment report yearly", error);
    }

    [Fact]
    public async Task Report_UnknownKind_ExitsTwo()
    {
        var (code, error) = await RunAsync("report", "monthly", "--year", "2025", "--format", "json", "--out", "x.json");

        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("'monthly'", error);
    }

    [Fact]
    public async Task Report_MissingYear_ExitsTwo()
    {
        var (code, error) = await RunAsync("report", "yearly", "--format", "json", "--out", "x.json");

        Assert.Equal(2, code);
        Assert.Contains("--year is required", error);
    }

    [Fact]
    public async Task Report_BadFormat_ExitsTwo()
    {
        var (code, error) = await RunAsync("report", "yearly", "--year", "2025", "--format", "pdf", "--out", "x.pdf");

        Assert.Equal(2, code);
        Assert.Contains("--format must be html, csv or json", error);
    }

    [Fact]
    public async Task Report_YearNotANumber_ExitsTwo()
    {
        var (code, error) = await RunAsync("report", "yearly", "--year", "twenty", "--format", "json", "--out", "x.json");

        Assert.Equal(2, code);
        Assert.Contains("--year must be a whole number", error);
    }

    [Fact]
    public async Task Report_AgencyAndMinistry_ExitsTwo()
    {
        var (code, error) = await RunAsync("report", "yearly", "--year", "2025", "--agency", "A", "--ministry", "B", "--format", "json", "--out", "x.json");

        Assert.Equal(2, code);
        Assert.Contains("not both", error);
    }

    [Fact]
    public async Task Seed_MissingPetitions_ExitsTwo()
    {
        var (code, error) = await RunAsync("seed", "--year", "2025");

        Assert.Equal(2, code);
        Assert.Contains("--petitions is required", error);
    }

    [Fact]
    public async Task Seed_ZeroPetitions_ExitsTwo()
    {
        var (code, error) = await RunAsync("seed", "--year", "2025", "--petitions", "0");

        Assert.Equal(2, code);
        Assert.Contains("--petitions must be a whole number from 1", error);
    }
}
