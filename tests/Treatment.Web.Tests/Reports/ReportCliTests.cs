using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Reports;

/// <summary>`treatment report yearly` against a real database (TREATMENT_DB points at the report test database).</summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class ReportCliTests(ReportDatabase data) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("treatment-report-").FullName;

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(data.ConnectionString, "", [.. args, "--workflows", data.WorkflowsFolder]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ReportYearly_Json_WritesTheFrozenReportAndDrawsProgress()
    {
        var file = Path.Combine(_folder, "r.json");

        var (code, output, error) = await RunAsync("report", "yearly", "--year", "2025", "--ministry", "GEN-001", "--format", "json", "--out", file);

        Assert.Equal(0, code);
        Assert.Contains("checksum", output);
        Assert.Contains("100%", error);
        var report = Treatment.Core.Reports.ReportRenderer.FromJson(await File.ReadAllTextAsync(file));
        Assert.Equal(2025, report.Year);
        Assert.True(report.Table("volume.by-kind").Find("total")!.Current > 0);
    }

    [Fact]
    public async Task ReportYearly_CsvFolder_WritesOneFilePerTable()
    {
        var folder = Path.Combine(_folder, "csv");

        var (code, _, _) = await RunAsync("report", "yearly", "--year", "2025", "--format", "csv", "--out", folder);

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(folder, "timeliness.summary.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "simplification.candidates.csv")));
    }

    [Fact]
    public async Task ReportYearly_UnknownAgency_ExitsOneWithOneLine()
    {
        var (code, _, error) = await RunAsync("report", "yearly", "--year", "2025", "--agency", "NO-SUCH", "--format", "html", "--out", Path.Combine(_folder, "r.html"));

        Assert.Equal(1, code);
        Assert.EndsWith("error: unknown agency code 'NO-SUCH'", error.TrimEnd());
    }
}

