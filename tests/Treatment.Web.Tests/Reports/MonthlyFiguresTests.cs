using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Web.Tests.Reports;

/// <summary>The agency head's monthly figures: the monthly check's own numbers, twelve months, late affairs, scope per role.</summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class MonthlyFiguresTests(ReportDatabase data)
{
    // 15 July 2025 (KST): this month is July, last month June.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 15, 3, 0, 0, TimeSpan.Zero));

    private MonthlyFiguresService Service() => new(data.DataSource, _time);

    private async Task<int> AgencyIdAsync(string code)
    {
        await using var command = data.DataSource.CreateCommand("select id from agencies where code = @code");
        command.Parameters.AddWithValue("code", code);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static Actor As(string role, int? agencyId) => new(Guid.NewGuid(), role, new HashSet<string> { role }, agencyId, null);

    [Fact]
    public async Task Supervisor_OwnAgency_LastMonthEqualsTheStoredMonthlyCheckAndIndependentSql()
    {
        // Arrange
        var agencyId = await AgencyIdAsync("GEN-003");
        await new MonthlyStatusCheck(data.DataSource, _time).RunAsync(2025, 6, CancellationToken.None);

        // Act
        var view = await Service().ForAgencyAsync(As(Roles.Supervisor, agencyId), null, CancellationToken.None);

        // Assert
        var check = await StoredCheckAsync(agencyId, 2025, 6);
        Assert.Equal((2025, 6), (view.LastMonth.Year, view.LastMonth.Month));
        Assert.Equal(check.GetProperty("received").GetInt64(), view.LastMonth.Received);
        Assert.Equal(check.GetProperty("decided").GetInt64(), view.LastMonth.Decided);
        Assert.Equal(check.GetProperty("decidedOnTime").GetInt64(), view.LastMonth.DecidedOnTime);
        var (decided, onTime) = await DecidedAsync(agencyId, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.FromHours(9)));
        Assert.Equal((decided, onTime), (view.LastMonth.Decided, view.LastMonth.DecidedOnTime));
        Assert.True(decided > 0);
        Assert.Equal(12, view.TwelveMonths.Count);
        Assert.Equal((2024, 8), (view.TwelveMonths[0].Year, view.TwelveMonths[0].Month));
        Assert.Equal(view.ThisMonth, view.TwelveMonths[^1]);
        Assert.InRange(view.MostOftenLate.Count, 1, MonthlyFiguresService.LateAffairsShown);
        Assert.True(view.MostOftenLate.SequenceEqual(view.MostOftenLate.OrderByDescending(a => a.Late)));
    }

    [Fact]
    public async Task Supervisor_AnotherAgency_IsForbidden()
    {
        var actor = As(Roles.Supervisor, await AgencyIdAsync("GEN-003"));

        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => Service().ForAgencyAsync(actor, "GEN-002", CancellationToken.None));
    }

    [Fact]
    public async Task Analyst_NamesAnyAgency_AndMustNameOne()
    {
        var analyst = As(Roles.Analyst, null);

        var view = await Service().ForAgencyAsync(analyst, "GEN-002", CancellationToken.None);

        Assert.Equal("GEN-002", view.AgencyCode);
        await Assert.ThrowsAsync<BackOfficeInputException>(() => Service().ForAgencyAsync(analyst, null, CancellationToken.None));
    }

    [Fact]
    public async Task Official_IsForbidden()
    {
        var official = As(Roles.Official, await AgencyIdAsync("GEN-003"));

        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => Service().ForAgencyAsync(official, null, CancellationToken.None));
    }

    private async Task<JsonElement> StoredCheckAsync(int agencyId, int year, int month)
    {
        await using var command = data.DataSource.CreateCommand("select content from monthly_checks where agency_id = @a and year = @y and month = @m");
        command.Parameters.AddWithValue("a", agencyId);
        command.Parameters.AddWithValue("y", year);
        command.Parameters.AddWithValue("m", month);
        return JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!).RootElement.Clone();
    }

    private async Task<(long Decided, long OnTime)> DecidedAsync(int agencyId, DateTimeOffset monthStart)
    {
        await using var command = data.DataSource.CreateCommand(
            "select count(*), count(*) filter (where decided_at <= due_at) from petitions where agency_id = @a and decided_at >= @from and decided_at < @to");
        command.Parameters.AddWithValue("a", agencyId);
        command.Parameters.AddWithValue("from", monthStart.ToUniversalTime());
        command.Parameters.AddWithValue("to", monthStart.AddMonths(1).ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
