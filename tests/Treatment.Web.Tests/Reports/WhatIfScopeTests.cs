using Microsoft.Extensions.Time.Testing;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Reports.WhatIf;

namespace Treatment.Web.Tests.Reports;

/// <summary>The what-if service checks role and agency scope itself: one test per role.</summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class WhatIfScopeTests(ReportDatabase data)
{
    private static readonly WhatIfProposal Holiday = new() { Holidays = [new DateOnly(2025, 6, 11)] };

    private WhatIfService Service()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var replay = new WhatIfReplay(data.DataSource, data.Catalog, new LiveHolidayCalendar((HolidayCalendar)data.Clock.Calendar), ClockPolicy.Default, time);
        return new WhatIfService(data.DataSource, replay, data.Catalog, new ReportVersions("test", "test"), time);
    }

    private async Task<int> AgencyIdAsync(string code)
    {
        await using var command = data.DataSource.CreateCommand("select id from agencies where code = @code");
        command.Parameters.AddWithValue("code", code);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static Actor As(string role, int? agencyId) => new(Guid.NewGuid(), role, new HashSet<string> { role }, agencyId, null);

    [Fact]
    public async Task Analyst_EveryAgency_RunsAndReadsTheResult()
    {
        var service = Service();
        var analyst = As(Roles.Analyst, null);

        var (id, result) = await service.RunAsync(analyst, 2025, Holiday, null, null, CancellationToken.None);

        Assert.Equal("전체 기관 (All agencies)", result.ScopeTitle);
        Assert.NotNull((await service.FindAsync(analyst, id, CancellationToken.None))?.Result);
    }

    [Fact]
    public async Task Admin_OwnAgencyOnly_OtherAgencyIsForbiddenAndAllAgencyRunsAreHidden()
    {
        var service = Service();
        var admin = As(Roles.Admin, await AgencyIdAsync("GEN-003"));
        var (everyAgency, _) = await service.RunAsync(As(Roles.Analyst, null), 2025, Holiday, null, null, CancellationToken.None);

        var (own, result) = await service.RunAsync(admin, 2025, Holiday, null, null, CancellationToken.None);

        Assert.Contains(result.Groups, g => g.AgencyCode == "GEN-003");
        Assert.All(result.Groups, g => Assert.Equal("GEN-003", g.AgencyCode));
        Assert.NotNull(await service.FindAsync(admin, own, CancellationToken.None));
        Assert.Null(await service.FindAsync(admin, everyAgency, CancellationToken.None));
        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => service.StartAsync(admin, 2025, Holiday, "GEN-002", CancellationToken.None));
    }

    [Theory]
    [InlineData(Roles.Official)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Examiner)]
    public async Task OtherRoles_AreForbidden(string role)
    {
        var service = Service();
        var actor = As(role, await AgencyIdAsync("GEN-002"));

        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => service.StartAsync(actor, 2025, Holiday, null, CancellationToken.None));
        await Assert.ThrowsAsync<BackOfficeForbiddenException>(() => service.RecentAsync(actor, CancellationToken.None));
    }
}
