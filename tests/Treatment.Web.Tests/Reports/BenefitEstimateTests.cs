using Microsoft.Extensions.Time.Testing;
using Treatment.Core.Reports;

namespace Treatment.Web.Tests.Reports;

/// <summary>The benefit estimate against hand-computed values: the formulas on fixed counts, then a run over the generated 2025.</summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class BenefitEstimateTests(ReportDatabase data)
{
    private static readonly Dictionary<string, (decimal?, string?)> AnalystValues = new()
    {
        [BenefitEstimate.WonPerUsd] = (1300m, null),
        [BenefitEstimate.Co2KgPerTrip] = (0.5m, "시험 출처 (test source)"),
    };

    [Fact]
    public void Compute_DefaultsAndAnalystValues_GiveTheHandComputedFigures()
    {
        // Arrange
        var trend = new List<ChannelTrendPoint> { new(2024, 1_200, 800), new(2025, 1_500, 500) };

        // Act
        var estimate = BenefitEstimate.Compute(trend, BenefitEstimate.WithValues(AnalystValues));

        // Assert: 2025: 1,500 × (30 − 1) min = 725 h; 1,500 × 10 min = 250 h; 1,500 × 1.2 USD = 1,800 USD × 1,300 = 2,340,000 won; 1,500 × 0.5 kg = 0.75 t
        var y2025 = estimate.Years.Single(y => y.Year == 2025);
        Assert.Equal(725.0m, y2025.CitizenHoursSaved);
        Assert.Equal(250.0m, y2025.StaffHoursSaved);
        Assert.Equal(1_800m, y2025.TransportUsdSaved);
        Assert.Equal(2_340_000m, y2025.TransportWonSaved);
        Assert.Null(y2025.PaperSheetsSaved);
        Assert.Equal(0.75m, y2025.Co2TonnesAvoided);
        var y2024 = estimate.Years.Single(y => y.Year == 2024);
        Assert.Equal(580.0m, y2024.CitizenHoursSaved);
        Assert.Equal(1_872_000m, y2024.TransportWonSaved);
    }

    [Fact]
    public void WithValues_SourcesShownAsGivenDefaultOrNone()
    {
        var changedKeepingTheFormsSource = new Dictionary<string, (decimal?, string?)>(AnalystValues)
        {
            [BenefitEstimate.CitizenMinutesVisit] = (45m, BenefitEstimate.MinistrySource),
        };

        var assumptions = BenefitEstimate.WithValues(changedKeepingTheFormsSource).ToDictionary(a => a.Key);

        Assert.Equal(BenefitEstimate.MinistrySource, assumptions[BenefitEstimate.StaffMinutesOffline].SourceText);
        Assert.Equal(BenefitAssumption.NoSource, assumptions[BenefitEstimate.WonPerUsd].SourceText);
        Assert.Equal("시험 출처 (test source)", assumptions[BenefitEstimate.Co2KgPerTrip].SourceText);
        Assert.Equal(BenefitAssumption.NoSource, assumptions[BenefitEstimate.CitizenMinutesVisit].SourceText);
        Assert.Equal(BenefitAssumption.NoSource, assumptions[BenefitEstimate.PaperSheetsPerApplication].SourceText);
    }

    [Fact]
    public async Task Run_GeneratedYear_StoresTheAssumptionsAndEstimatesFromTheOnlineReceipts()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new ReportRunStore(data.DataSource, new YearlyReportBuilder(data.DataSource, time, data.Catalog), time);
        var scope = new ReportScope(ReportScopeKind.Ministry, "GEN-001");
        var online = await OnlineReceiptsAsync(2025);

        // Act
        var runId = await store.StartAsync(2025, scope, null, CancellationToken.None, BenefitEstimate.WithValues(AnalystValues));
        var frozen = await store.CompleteAsync(runId, 2025, scope, new ReportVersions("test", "test"), null, CancellationToken.None);
        var stored = (await store.FindAsync(runId, CancellationToken.None))!.Value.Report!;

        // Assert
        var year = stored.Benefits!.Years.Single(y => y.Year == 2025);
        Assert.True(online > 100, $"only {online} online receipts");
        Assert.Equal(online, year.Online);
        Assert.Equal(Math.Round(online * 29m / 60, 1), year.CitizenHoursSaved);
        Assert.Equal(Math.Round(online * 10m / 60, 1), year.StaffHoursSaved);
        Assert.Equal(Math.Round(online * 1.2m * 1300m, 0), year.TransportWonSaved);
        Assert.Equal(Math.Round(online * 0.5m / 1000, 3), year.Co2TonnesAvoided);
        Assert.Equal(frozen.Report.Benefits, stored.Benefits, new BenefitComparer());
        Assert.Contains("편익 추정", ReportRenderer.ToHtml(stored, Path.Combine(Path.GetDirectoryName(data.WorkflowsFolder)!, "templates")));
    }

    private async Task<long> OnlineReceiptsAsync(int year)
    {
        await using var command = data.DataSource.CreateCommand(
            """
            select count(*) from petitions p join agencies a on a.id = p.agency_id
            where a.code in ('GEN-001', 'GEN-002', 'GEN-003', 'GEN-004') and p.channel in ('OnlinePortal', 'EWindow')
              and p.received_at >= @from and p.received_at < @to
            """);
        command.Parameters.AddWithValue("from", new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime());
        command.Parameters.AddWithValue("to", new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class BenefitComparer : IEqualityComparer<BenefitEstimate?>
    {
        public bool Equals(BenefitEstimate? x, BenefitEstimate? y) => x is not null && y is not null && x.Years.SequenceEqual(y.Years) && x.Assumptions.SequenceEqual(y.Assumptions);

        public int GetHashCode(BenefitEstimate? obj) => 0;
    }
}
