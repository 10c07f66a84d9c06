using Treatment.Core.Reports.WhatIf;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Reports;

/// <summary>`treatment whatif` against the report test database: stored run, chosen format, usage errors.</summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class WhatIfCliTests(ReportDatabase data) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("treatment-whatif-").FullName;

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(data.ConnectionString, "", [.. args, "--workflows", data.WorkflowsFolder]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WhatIf_HolidayJson_WritesTheResultWithMovedDuesAndLeavesPetitionsAlone()
    {
        // Arrange
        var file = Path.Combine(_folder, "w.json");
        var before = await DueChecksumAsync();

        // Act: a Wednesday in the middle of the generated year
        var (code, output, error) = await RunAsync("whatif", "--year", "2025", "--holiday", "2025-06-11", "--agency", "GEN-002", "--format", "json", "--out", file);

        // Assert
        Assert.True(code == 0, error);
        Assert.Contains("dues moved", output);
        var result = System.Text.Json.JsonSerializer.Deserialize<WhatIfResult>(await File.ReadAllTextAsync(file), WhatIfService.Json)!;
        Assert.True(result.DuesMoved > 0);
        Assert.Equal([new DateOnly(2025, 6, 11)], result.Proposal.Holidays);
        Assert.Equal(before, await DueChecksumAsync());
    }

    [Fact]
    public async Task WhatIf_WorkflowCsv_PrintsOneRowPerAgencyKindAndAffair()
    {
        var (code, output, error) = await RunAsync("whatif", "--year", "2025", "--workflow", "other@2", "--format", "csv");

        Assert.True(code == 0, error);
        Assert.StartsWith("agency,agency_name,kind", output.TrimStart('\uFEFF'));
        Assert.Contains("GEN-001", output);
    }

    [Fact]
    public async Task WhatIf_NoProposal_IsAUsageError()
    {
        var (code, _, error) = await RunAsync("whatif", "--year", "2025");

        Assert.Equal(2, code);
        Assert.Contains("--workflow, --standards or --holiday", error);
    }

    [Fact]
    public async Task WhatIf_UnknownWorkflowVersion_FailsWithOneLine()
    {
        var (code, _, error) = await RunAsync("whatif", "--year", "2025", "--workflow", "other@9");

        Assert.Equal(1, code);
        Assert.Contains("other@9", error);
    }

    private async Task<string> DueChecksumAsync()
    {
        await using var command = data.DataSource.CreateCommand("select md5(string_agg(id::text || coalesce(due_at::text, ''), ',' order by id)) from petitions");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
