using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Web.Tests.Reports;

/// <summary>
/// Every figure of the report (read from the rollup) against an independent SQL computation over petitions and
/// petition_events written here, for the year and the previous year, country-wide and for a ministry scope.
/// </summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class YearlyReportTests(ReportDatabase data)
{
    private const int Year = 2025;

    // Report time: after the data's horizon, so open overdue is counted as of the end of each year.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    private Task<YearlyReport> BuildAsync(ReportScope scope) => new YearlyReportBuilder(data.DataSource, _time, data.Catalog).BuildAsync(Year, scope, null, CancellationToken.None);

    [Fact]
    public async Task BuildAsync_AllAgencies_EveryFigureEqualsIndependentSql()
    {
        var report = await BuildAsync(ReportScope.All);

        await AssertEveryFigureAsync(report, await AgencyIdsAsync("select id from agencies"));
    }

    [Fact]
    public async Task BuildAsync_MinistryScope_EveryFigureEqualsIndependentSqlOverItsSubordinates()
    {
        var report = await BuildAsync(new ReportScope(ReportScopeKind.Ministry, "GEN-001"));

        var ids = await AgencyIdsAsync("select id from agencies where code in ('GEN-001', 'GEN-002', 'GEN-003', 'GEN-004')");
        Assert.Equal(4, ids.Length);
        await AssertEveryFigureAsync(report, ids);
        Assert.Contains("소속 기관 3곳", report.ScopeTitle);
    }

    [Fact]
    public async Task BuildAsync_DecidedOneWorkingHourAfterTheDue_CountsAsLate()
    {
        var report = await BuildAsync(new ReportScope(ReportScopeKind.Agency, ReportDatabase.HandAgency));

        var summary = report.Table("timeliness.summary");
        Assert.Equal(2m, summary.Find("decided")!.Current);
        Assert.Equal(1m, summary.Find("on-time")!.Current);
        Assert.Equal(1m, summary.Find("decided-late")!.Current);
        Assert.Equal(50m, summary.Find("on-time-rate")!.Current);
    }

    [Fact]
    public async Task BuildAsync_UnknownAgency_ThrowsScopeError()
    {
        await Assert.ThrowsAsync<ReportScopeException>(() => BuildAsync(new ReportScope(ReportScopeKind.Agency, "NO-SUCH")));
    }

    [Fact]
    public async Task RunAsync_SecondRunAfterAChange_ListsTheChangeAndANewChecksum()
    {
        // Arrange
        var store = new ReportRunStore(data.DataSource, new YearlyReportBuilder(data.DataSource, _time, data.Catalog), _time);
        var versions = ReportVersions.From(data.Catalog, Path.Combine(data.WorkflowsFolder, "calendar"));
        var scope = new ReportScope(ReportScopeKind.Agency, ReportDatabase.RerunAgency);
        var first = await store.RunAsync(Year, scope, versions, null, null, CancellationToken.None);
        var same = await store.RunAsync(Year, scope, versions, null, null, CancellationToken.None);

        // Act
        await data.AddAnsweredPetitionAsync(ReportDatabase.RerunAgency, new DateTimeOffset(2025, 5, 7, 10, 0, 0, TimeSpan.FromHours(9)), TimeSpan.FromMinutes(1));
        var changed = await store.RunAsync(Year, scope, versions, null, null, CancellationToken.None);

        // Assert
        Assert.Empty(first.Report.ChangesSinceLastRun);
        Assert.Equal(first.Checksum, same.Checksum);
        Assert.Empty(same.Report.ChangesSinceLastRun);
        Assert.NotEqual(first.Checksum, changed.Checksum);
        Assert.Contains(changed.Report.ChangesSinceLastRun, c => c is { Table: "timeliness.summary", Keys: "decided-late", Before: 0m, After: 1m });
        var stored = await store.FindAsync(changed.RunId, CancellationToken.None);
        Assert.Equal((ReportRunStore.Completed, 100), (stored!.Value.Status, stored.Value.Progress));
        Assert.Equal(changed.Checksum, ReportRunStore.Checksum(stored.Value.Report!));
        await using var command = data.DataSource.CreateCommand("select calendar_version, definition_versions from report_runs where id = @id");
        command.Parameters.AddWithValue("id", changed.RunId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.StartsWith("sha256:", reader.GetString(0));
        Assert.Contains("legal v1", reader.GetString(1));
    }

    [Fact]
    public async Task RunAsync_HolidayAppliedInTheDatabase_CalendarVersionNamesIt()
    {
        // Arrange
        var store = new ReportRunStore(data.DataSource, new YearlyReportBuilder(data.DataSource, _time, data.Catalog), _time);
        var versions = ReportVersions.From(data.Catalog, Path.Combine(data.WorkflowsFolder, "calendar"));
        var scope = new ReportScope(ReportScopeKind.Agency, ReportDatabase.RerunAgency);
        var before = await store.RunAsync(Year, scope, versions, null, null, CancellationToken.None);
        await using (var insert = data.DataSource.CreateCommand(
            "insert into calendar_changes (date, name_ko, is_holiday, legal_basis, applied_at, petitions_recomputed) values ('2025-10-10', '임시공휴일', true, '국무회의 의결', now(), 0) returning id"))
        {
            var id = (long)(await insert.ExecuteScalarAsync())!;
            try
            {
                // Act
                var after = await store.RunAsync(Year, scope, versions, null, null, CancellationToken.None);

                // Assert
                Assert.Equal(versions.Calendar, await CalendarVersionAsync(before.RunId));
                Assert.StartsWith(versions.Calendar + " + db 1:", await CalendarVersionAsync(after.RunId));
            }
            finally
            {
                await using var delete = data.DataSource.CreateCommand($"delete from calendar_changes where id = {id}");
                await delete.ExecuteNonQueryAsync();
            }
        }
    }

    private async Task<string> CalendarVersionAsync(long runId)
    {
        await using var command = data.DataSource.CreateCommand("select calendar_version from report_runs where id = @id");
        command.Parameters.AddWithValue("id", runId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Renderers_Report_HtmlHasChartsAndHangulAndCsvHasEveryTable()
    {
        var report = await BuildAsync(ReportScope.All);
        var templates = Path.Combine(Path.GetDirectoryName(data.WorkflowsFolder)!, "templates");

        var html = ReportRenderer.ToHtml(report, templates);
        var csv = ReportRenderer.ToCsvFiles(report);
        var json = ReportRenderer.ToJson(report);

        Assert.Equal(3, html.Split("<svg ").Length - 1);
        Assert.Contains("민원 처리 실태 점검 보고서", html);
        Assert.Contains("@media print", html);
        Assert.Equal(report.Sections.Sum(s => s.Tables.Count) + 2, csv.Count);
        Assert.Contains(csv, f => f.Name == "timeliness.summary.csv" && f.Content.StartsWith("figure,2025,2024", StringComparison.Ordinal));
        Assert.Equal(ReportRunStore.Checksum(report), ReportRunStore.Checksum(ReportRenderer.FromJson(json)));
        Assert.Contains("처리기간 준수", json);
    }

    [Fact]
    public async Task RunPreviousYearAsync_InJanuary2026_FreezesTheCountryWide2025Report()
    {
        // Arrange: the January job runs on 2 January 2026, 06:00 KST.
        var january = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 21, 0, 0, TimeSpan.Zero));
        var job = new YearlyReportJob(data.DataSource, ReportVersions.From(data.Catalog, Path.Combine(data.WorkflowsFolder, "calendar")), january, data.Catalog);

        // Act
        var runId = await job.RunPreviousYearAsync(CancellationToken.None);

        // Assert
        var run = await new ReportRunStore(data.DataSource, new YearlyReportBuilder(data.DataSource, january, data.Catalog), january).FindAsync(runId, CancellationToken.None);
        Assert.Equal(ReportRunStore.Completed, run!.Value.Status);
        Assert.Equal((2025, "all"), (run.Value.Report!.Year, run.Value.Report.Scope.Name));
    }

    [Fact]
    public async Task RebuildAsync_FromTheAuditTrail_GivesTheRollupKeptAsPetitionsChanged()
    {
        // Arrange
        const string Rows = "select agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total from petition_rollups order by 1, 2, 3, 4, 5, 6, 7, 8";
        await new RollupFolder(data.DataSource).FoldAsync(CancellationToken.None);
        var kept = await RowsAsync(Rows);
        var keptYears = await RowsAsync(YearlyRows);

        // Act
        var written = await new RollupRebuilder(data.DataSource, data.Catalog, data.Clock.Calendar).RebuildAsync(CancellationToken.None);

        // Assert
        var rebuilt = await RowsAsync(Rows);
        Assert.True(kept.Count > 1_000, $"only {kept.Count} rollup rows");
        Assert.Equal(kept.Count, written);
        Assert.Equal(kept, rebuilt);
        Assert.Equal(keptYears, await RowsAsync(YearlyRows));
    }

    [Fact]
    public async Task FoldAsync_DeltasOfAPetitionChange_YearlySumsEqualTheMonthlyRowsSummedByYear()
    {
        // Arrange: the seeded rows went through RollupWriter.AddAsync; a change saved with RollupWriter.AddDeltas leaves deltas to fold.
        await data.AddAnsweredPetitionAsync("GEN-004", new DateTimeOffset(2025, 9, 2, 10, 0, 0, TimeSpan.FromHours(9)), TimeSpan.FromHours(2));

        // Act
        var moved = await new RollupFolder(data.DataSource).FoldAsync(CancellationToken.None);

        // Assert
        var monthlyByYear = await RowsAsync("""
            select agency_id, extract(year from month)::int, kind, affair_id, channel, measure, label, bucket, sum(count), sum(total)
            from petition_rollups group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8
            """);
        Assert.True(moved > 0, "the change left no delta to fold");
        Assert.True(monthlyByYear.Count > 500, $"only {monthlyByYear.Count} yearly rows");
        Assert.Equal(monthlyByYear, await RowsAsync(YearlyRows));
    }

    private const string YearlyRows = "select agency_id, year, kind, affair_id, channel, measure, label, bucket, count, total from petition_rollup_years order by 1, 2, 3, 4, 5, 6, 7, 8";

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var command = data.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join("|", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private async Task<int[]> AgencyIdsAsync(string sql)
    {
        await using var command = data.DataSource.CreateCommand(sql);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids.ToArray();
    }

    private async Task AssertEveryFigureAsync(YearlyReport report, int[] agencyIds)
    {
        var expected = await new IndependentFigures(data.DataSource, agencyIds, data.Clock.Calendar, _time.GetUtcNow(), data.Catalog).ComputeAsync(Year, report);
        var checkedFigures = 0;
        foreach (var table in report.Sections.SelectMany(s => s.Tables))
        {
            foreach (var row in table.Rows)
            {
                var key = (table.Id, string.Join(" / ", row.Keys));
                Assert.True(expected.TryGetValue(key, out var figure), $"no independent figure for {key}");
                Assert.True((figure.Current, figure.Previous) == (row.Current, row.Previous),
                    $"{key}: report {row.Current} / {row.Previous}, SQL {figure.Current} / {figure.Previous}");
                checkedFigures++;
            }
        }

        // Data-driven tables must list every key the SQL finds (no row silently missing).
        foreach (var key in expected.Keys.Where(k => k.Table is "volume.by-affair" or "clock.extension-reasons" or "clock.exclusions" or "outcomes.closures" or "timeliness.by-agency"))
        {
            Assert.NotNull(report.Table(key.Table).Rows.FirstOrDefault(r => string.Join(" / ", r.Keys) == key.Keys));
        }

        var trend = await IndependentFigures.ChannelTrendAsync(data.DataSource, agencyIds);
        Assert.Equal(trend, report.ChannelTrend.Select(p => (p.Year, p.Online, p.Offline)).ToList());
        Assert.True(checkedFigures > 150, $"only {checkedFigures} figures checked");
        Assert.True(report.Table("timeliness.summary").Find("decided")!.Previous > 0, "the previous year has data");
        Assert.True(report.Table("timeliness.summary").Find("open-overdue")!.Current > 0, "some petitions are open and overdue");
    }
}

/// <summary>The report's figures computed straight from petitions and petition_events, without the rollup.</summary>
internal sealed class IndependentFigures(NpgsqlDataSource dataSource, int[] agencyIds, IHolidayCalendar calendar, DateTimeOffset now, Treatment.Core.Workflows.WorkflowCatalog catalog)
{
    private const string Events = """
        with ev as (
          select e.*, p.kind, p.channel, p.agency_id, coalesce(p.affair_id, 0) as affair_id, p.received_at, p.period_unit, p.period_value,
                 p.signer_count, p.household_count, p.transferred_from_petition_id, p.extensions, p.due_at as current_due,
                 extract(year from e.at at time zone 'Asia/Seoul')::int as y,
                 row_number() over (partition by e.petition_id, e.trigger order by e.at, e.id) as rn,
                 (e.to_state = 'received' and (e.from_state is null or e.from_state = 'arrived')) as receipt
          from petition_events e join petitions p on p.id = e.petition_id
          where p.agency_id = any(@ids))
        """;

    private readonly Dictionary<(string Table, string Keys), (decimal? Current, decimal? Previous)> _figures = new();

    public async Task<Dictionary<(string Table, string Keys), (decimal? Current, decimal? Previous)>> ComputeAsync(int year, YearlyReport report)
    {
        var asOf = new Dictionary<int, DateTimeOffset>
        {
            [year] = Min(now, new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(9))),
            [year - 1] = Min(now, new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(9))),
        };
        async Task Both(string table, string keys, Func<int, Task<decimal?>> figure) => _figures[(table, keys)] = (await figure(year), await figure(year - 1));
        Task<decimal?> Count(int y, string where) => Scalar($"{Events} select count(*)::numeric from ev where y = @y and ({where})", y);
        string Decisions = $"trigger in ({string.Join(", ", DecisionTriggersSql())})";
        string OpenOverdue(int y, string extra = "true") =>
            $"select count(*)::numeric from petitions where agency_id = any(@ids) and is_open and clock_state = 'Running' and due_at < '{asOf[y].ToUniversalTime():O}'::timestamptz and received_at < '{asOf[y].ToUniversalTime():O}'::timestamptz and ({extra})";

        // Volume
        foreach (var kind in Enum.GetNames<PetitionKind>())
        {
            await Both("volume.by-kind", kind, y => Count(y, $"receipt and kind = '{kind}'"));
        }

        await Both("volume.by-kind", "total", y => Count(y, "receipt"));
        foreach (var (code, name) in await Pairs($"{Events} select distinct a.code, a.name_ko from ev join civil_affairs a on a.id = ev.affair_id where receipt and y in (@y, @y - 1)", year))
        {
            await Both("volume.by-affair", $"{code} / {name}", y => Count(y, $"receipt and affair_id = (select id from civil_affairs where code = '{code}')"));
        }

        foreach (var channel in Enum.GetNames<Channel>())
        {
            await Both("volume.by-channel", channel, y => Count(y, $"receipt and channel = '{channel}'"));
        }

        await Both("volume.transfers", "transferred-in", y => Count(y, "receipt and transferred_from_petition_id is not null"));
        await Both("volume.transfers", "transferred-out", y => Count(y, "trigger = 'transfer'"));
        await Both("volume.transfers", "many-person", y => Count(y, "receipt and signer_count >= 5 and household_count >= 5"));

        // Timeliness: decisions measured against the due recorded with them; treatment time over the calendar's working days.
        var decided = $"""
            {Events}, d as (
              select ev.*, ev.at <= (ev.data->>'dueBefore')::timestamptz as on_time,
                     (select count(*) from unnest(@workdays) w where w > (ev.received_at at time zone 'Asia/Seoul')::date and w <= (ev.at at time zone 'Asia/Seoul')::date) as days,
                     case period_unit when 'Hours' then (period_value + 7) / 8 when 'Days' then period_value when 'Weeks' then period_value * 5
                       when 'Months' then period_value * 21 when 'Years' then period_value * 250 else 0 end as statutory
              from ev where {Decisions})
            """;
        async Task Timeliness(string table, string prefix, string where, string openWhere)
        {
            Task<decimal?> D(int y, string select) => Scalar($"{decided} select {select} from d where y = @y and ({where})", y);
            await Both(table, prefix + "decided", y => D(y, "count(*)::numeric"));
            await Both(table, prefix + "on-time", y => D(y, "count(*) filter (where on_time)::numeric"));
            await Both(table, prefix + "decided-late", y => D(y, "count(*) filter (where not on_time)::numeric"));
            await Both(table, prefix + "open-overdue", y => Scalar(OpenOverdue(y, openWhere), y));
            await Both(table, prefix + "late", async y => (await D(y, "count(*) filter (where not on_time)::numeric") ?? 0) + (await Scalar(OpenOverdue(y, openWhere), y) ?? 0));
            await Both(table, prefix + "on-time-rate", y => Scalar(
                $"select round(100.0 * ({decided} select count(*) filter (where on_time) from d where y = @y and ({where})) / nullif(({decided} select count(*) from d where y = @y and ({where})) + ({OpenOverdue(y, openWhere)}), 0), 1)", y));
            await Both(table, prefix + "mean-days", y => D(y, "round(avg(days), 2)"));
            await Both(table, prefix + "median-days", y => D(y, "percentile_disc(0.5) within group (order by days)::numeric"));
            await Both(table, prefix + "p90-days", y => D(y, "percentile_disc(0.9) within group (order by days)::numeric"));
            await Both(table, prefix + "statutory-days", y => D(y, "round(avg(statutory), 2)"));
        }

        await Timeliness("timeliness.summary", "", "true", "true");
        foreach (var kind in Enum.GetNames<PetitionKind>())
        {
            await Timeliness("timeliness.by-kind", kind + " / ", $"kind = '{kind}'", $"kind = '{kind}'");
        }

        foreach (var (id, code, name) in await Triples("select id, code, name_ko from agencies where id = any(@ids)"))
        {
            var prefix = $"{code} / {name} / ";
            var has = await Scalar($"{Events} select count(*)::numeric from ev where agency_id = {id} and y in (@y, @y - 1) and (receipt or {Decisions})", year) > 0
                || await Scalar(OpenOverdue(year, $"agency_id = {id}"), year) > 0 || await Scalar(OpenOverdue(year - 1, $"agency_id = {id}"), year - 1) > 0;
            if (has)
            {
                await Both("timeliness.by-agency", prefix + "decided", y => Scalar($"{decided} select count(*)::numeric from d where y = @y and agency_id = {id}", y));
                await Both("timeliness.by-agency", prefix + "on-time", y => Scalar($"{decided} select count(*) filter (where on_time)::numeric from d where y = @y and agency_id = {id}", y));
                await Both("timeliness.by-agency", prefix + "open-overdue", y => Scalar(OpenOverdue(y, $"agency_id = {id}"), y));
                await Both("timeliness.by-agency", prefix + "on-time-rate", y => Scalar(
                    $"select round(100.0 * ({decided} select count(*) filter (where on_time) from d where y = @y and agency_id = {id}) / nullif(({decided} select count(*) from d where y = @y and agency_id = {id}) + ({OpenOverdue(y, $"agency_id = {id}")}), 0), 1)", y));
            }
        }

        // Clock events
        await Both("clock.extensions", "extension-1", y => Count(y, "trigger = 'extend' and rn = 1"));
        await Both("clock.extensions", "extension-2", y => Count(y, "trigger = 'extend' and rn = 2"));
        await Both("clock.extensions", "mean-extension-days", y => Scalar($"{Events} select round(avg((extensions -> (rn::int - 1) -> 'length' ->> 'value')::int), 2) from ev where y = @y and trigger = 'extend'", y));
        foreach (var (reason, _) in await Pairs($"{Events} select distinct reason, '' from ev where trigger = 'extend' and y in (@y, @y - 1)", year))
        {
            await Both("clock.extension-reasons", reason, y => Count(y, $"trigger = 'extend' and reason = '{reason.Replace("'", "''", StringComparison.Ordinal)}'"));
        }

        await Both("clock.supplementation", "supplement-request", y => Count(y, "trigger = 'request-supplement'"));
        await Both("clock.supplementation", "supplement-re-request", y => Count(y, "trigger = 're-request-supplement'"));
        await Both("clock.supplementation", "supplemented", y => Count(y, "trigger = 'supplement'"));
        const string Spans = """
            select x->>'type' as type_number, (coalesce(x->>'to', ((p.closed_at at time zone 'Asia/Seoul')::date)::text))::date - (x->>'from')::date + 1 as days
            from petitions p, jsonb_array_elements(p.exclusions) x
            where p.agency_id = any(@ids) and not p.is_open and extract(year from p.closed_at at time zone 'Asia/Seoul') = @y
            """;
        await Both("clock.supplementation", "mean-supplement-days", y => Scalar($"select round(avg(days), 2) from ({Spans}) s where type_number = '{(int)ExclusionType.Supplement}'", y));
        await Both("clock.supplementation", "returned", y => Count(y, "trigger = 'return'"));
        await Both("clock.supplementation", "deemed-withdrawn", y => Count(y, "trigger = 'deem-withdrawn'"));
        await Both("clock.supplementation", "withdrawn", y => Count(y, "trigger = 'withdraw'"));
        foreach (var type in Enum.GetValues<ExclusionType>())
        {
            var spans = await Scalar($"select count(*)::numeric from ({Spans}) s where type_number = '{(int)type}'", year) + await Scalar($"select count(*)::numeric from ({Spans}) s where type_number = '{(int)type}'", year - 1);
            if (spans > 0)
            {
                await Both("clock.exclusions", $"{type} / count", y => Scalar($"select count(*)::numeric from ({Spans}) s where type_number = '{(int)type}'", y));
                await Both("clock.exclusions", $"{type} / days", y => Scalar($"select coalesce(sum(days), 0)::numeric from ({Spans}) s where type_number = '{(int)type}'", y));
            }
        }

        // Outcomes
        await Both("outcomes.decisions", "granted", y => Count(y, "trigger in ('grant', 'issue-immediately', 'accept', 'resolve')"));
        await Both("outcomes.decisions", "partly-granted", y => Count(y, "trigger = 'accept-partly'"));
        await Both("outcomes.decisions", "refused", y => Count(y, "trigger in ('refuse', 'not-accept')"));
        await Both("outcomes.decisions", "answered", y => Count(y, "trigger in ('answer', 'answer-on-the-spot')"));
        await Both("outcomes.objections", "objection-filed", y => Count(y, "trigger = 'file-objection'"));
        await Both("outcomes.objections", "objection-upheld", y => Count(y, "trigger = 'accept-objection'"));
        await Both("outcomes.objections", "objection-dismissed", y => Count(y, "trigger = 'dismiss-objection'"));
        await Both("outcomes.objections", "objection-decided-on-time", y => Count(y, "trigger in ('accept-objection', 'dismiss-objection') and at <= (data->>'dueBefore')::timestamptz"));
        await Both("outcomes.objections", "objection-extended", y => Count(y, "trigger = 'extend-objection'"));
        // A merged petition closes without a transition of its own (Decree §6⑥): it counts as merged, not by state.
        const string Closed = "select state from petitions where agency_id = any(@ids) and not is_open and merged_into_petition_id is null and extract(year from closed_at at time zone 'Asia/Seoul') = @y";
        foreach (var (state, _) in await Pairs($"select distinct state, '' from petitions where agency_id = any(@ids) and not is_open and merged_into_petition_id is null and extract(year from closed_at at time zone 'Asia/Seoul') in (@y, @y - 1)", year))
        {
            await Both("outcomes.closures", $"closed:{state}", y => Scalar($"select count(*)::numeric from ({Closed}) c where state = '{state}'", y));
        }

        await Both("outcomes.closures", "repeated-closure", y => Count(y, "trigger = 'close-as-repeated'"));
        await Both("outcomes.closures", "duplicate-closure", y => Count(y, "trigger = 'close-as-repeated' and transferred_from_petition_id is not null"));
        await Both("outcomes.closures", "many-person", y => Count(y, "receipt and signer_count >= 5 and household_count >= 5"));
        await Both("outcomes.closures", "merged", y => Count(y, "type = 'merged'"));
        await Both("outcomes.closures", "committee-review", y => Count(y, "type = 'committee-decided'"));

        // Operations
        await Both("operations.summary", "monthly-checks", y => Scalar("select count(*)::numeric from monthly_checks where year = @y and agency_id = any(@ids)", y));
        await Both("operations.summary", "examiner-reminder", y => Count(y, "type = 'escalation' and data->>'action' = 'examiner-reminder'"));
        const string Breaches = "from obligation_breaches where agency_id = any(@ids) and extract(year from detected_at at time zone 'Asia/Seoul') = @y";
        await Both("operations.summary", "obligation-breaches", y => Scalar($"select count(*)::numeric {Breaches}", y));
        foreach (var (obligation, _) in await Pairs("select distinct obligation, '' from obligation_breaches where agency_id = any(@ids) and extract(year from detected_at at time zone 'Asia/Seoul') in (@y, @y - 1)", year))
        {
            await Both("operations.breaches", obligation, y => Scalar($"select count(*)::numeric {Breaches} and obligation = '{obligation}'", y));
        }

        // The petitioner's side: demands and returns by event type, notices by the transitions that declare them (Decree §31).
        await Both("operations.petitioner-side", "correction-demand", y => Count(y, "type = 'correction-demanded'"));
        await Both("operations.petitioner-side", "notice-returned", y => Count(y, "type = 'notice-returned'"));
        await Both("operations.petitioner-side", "deemed-withdrawn", y => Count(y, "trigger = 'deem-withdrawn'"));
        await Both("operations.petitioner-side", "uncollected-closure", y => Count(y, "trigger = 'close-uncollected'"));
        var declared = string.Join(", ", catalog.All.SelectMany(d => d.Transitions.Where(t => t.Notices.Length > 0).Select(t => $"('{d.Id}', {d.Version}, '{t.Trigger}', {t.Notices.Length})")));
        await Both("operations.petitioner-side", "notice-naming-official", y => Scalar(
            $"{Events} select coalesce(sum(n.c), 0)::numeric from ev join petitions p2 on p2.id = ev.petition_id join (values {declared}) as n(w, v, t, c) on n.w = p2.workflow_id and n.v = ev.workflow_version and n.t = ev.trigger where y = @y and ev.type = 'transition'", y));

        // Simplification: top 10 legal affairs by supplementation requests + extensions + overdue in the report year.
        string Score(int y) => $"""
            select a.code, a.name_ko,
              ({Events} select count(*) from ev where y = {y} and affair_id = a.id and trigger = 'request-supplement') as s,
              ({Events} select count(*) from ev where y = {y} and affair_id = a.id and trigger = 'extend') as x,
              ({decided} select count(*) from d where y = {y} and affair_id = a.id and not on_time) + ({OpenOverdue(y, "affair_id = a.id")}) as o
            from civil_affairs a
            """;
        var top = await Triples($"select code, name_ko, s + x + o from ({Score(year)}) t where s + x + o > 0 order by s + x + o desc, code collate \"C\" limit 10", year);
        foreach (var (code, name, _) in top)
        {
            var keys = $"{code} / {name}";
            Task<decimal?> Part(int y, string column) => Scalar($"select {column}::numeric from ({Score(y)}) t where code = '{code}'", y);
            await Both("simplification.candidates", $"{keys} / supplement-requests", y => Part(y, "s"));
            await Both("simplification.candidates", $"{keys} / extensions", y => Part(y, "x"));
            await Both("simplification.candidates", $"{keys} / overdue", y => Part(y, "o"));
            await Both("simplification.candidates", $"{keys} / score", y => Part(y, "s + x + o"));
        }

        Assert.Equal(top.Select(t => t.Item1).ToList(), report.Table("simplification.candidates").Rows.Select(r => r.Keys[0]).Distinct().ToList());
        return _figures;
    }

    public static async Task<List<(int Year, long Online, long Offline)>> ChannelTrendAsync(NpgsqlDataSource dataSource, int[] ids)
    {
        await using var command = dataSource.CreateCommand($"""
            {Events}
            select y, count(*) filter (where channel in ('OnlinePortal', 'EWindow')), count(*) filter (where channel not in ('OnlinePortal', 'EWindow'))
            from ev where receipt group by y order by y
            """);
        command.Parameters.AddWithValue("ids", ids);
        var rows = new List<(int, long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }

    private static IEnumerable<string> DecisionTriggersSql() =>
        ["'grant'", "'issue-immediately'", "'accept'", "'resolve'", "'accept-partly'", "'refuse'", "'not-accept'", "'answer'", "'answer-on-the-spot'"];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private List<DateOnly>? _workdays;

    private async Task<decimal?> Scalar(string sql, int year)
    {
        await using var command = dataSource.CreateCommand(sql);
        AddParameters(command, year);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<(string, string)>> Pairs(string sql, int year)
    {
        await using var command = dataSource.CreateCommand(sql);
        AddParameters(command, year);
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task<List<(string, string, string)>> Triples(string sql, int year = 0)
    {
        await using var command = dataSource.CreateCommand(sql);
        AddParameters(command, year);
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, reader.GetString(1), Convert.ToString(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)!));
        }

        return rows;
    }

    private void AddParameters(NpgsqlCommand command, int year)
    {
        command.Parameters.AddWithValue("ids", agencyIds);
        if (command.CommandText.Contains("@y", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("y", year);
        }

        if (command.CommandText.Contains("@workdays", StringComparison.Ordinal))
        {
            _workdays ??= Workdays();
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("workdays", _workdays.ToArray()) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Date });
        }
    }

    private List<DateOnly> Workdays()
    {
        var days = new List<DateOnly>();
        for (var d = new DateOnly(2022, 1, 1); d <= new DateOnly(2027, 12, 31); d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !calendar.IsHoliday(d))
            {
                days.Add(d);
            }
        }

        return days;
    }
}
