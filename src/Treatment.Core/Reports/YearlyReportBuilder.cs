using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;

namespace Treatment.Core.Reports;

/// <summary>The scope names an agency code that does not exist.</summary>
public sealed class ReportScopeException(string message) : Exception(message);

/// <summary>
/// Builds the yearly inspection report from the rollup (petition_rollups and its unfolded deltas) plus two small reads that cannot be rolled
/// up: petitions still open and overdue (partial index over open petitions), and the operations tables.
/// </summary>
public sealed class YearlyReportBuilder(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan Kst = DeadlineCalculator.KstOffset;

    public async Task<YearlyReport> BuildAsync(int year, ReportScope scope, IProgress<double>? progress, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        // One snapshot for every read, so that a rollup fold running meanwhile is seen either wholly or not at all.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var (agencyIds, scopeTitle) = await ResolveScopeAsync(connection, scope, ct);
        progress?.Report(0.05);
        var agencies = await LoadNamesAsync(connection, "select id, code, name_ko from agencies", ct);
        var affairs = await LoadNamesAsync(connection, "select id, code, name_ko from civil_affairs", ct);
        var cells = await LoadCellsAsync(connection, year, agencyIds, ct);
        progress?.Report(0.5);
        var now = time.GetUtcNow();
        var asOf = Min(now, YearStart(year + 1));
        var overdue = new Dictionary<int, List<OpenOverdue>>
        {
            [year] = await LoadOpenOverdueAsync(connection, Min(now, YearStart(year + 1)), agencyIds, ct),
            [year - 1] = await LoadOpenOverdueAsync(connection, Min(now, YearStart(year)), agencyIds, ct),
        };
        progress?.Report(0.7);
        var operations = await LoadOperationsAsync(connection, year, agencyIds, ct);
        var trend = await LoadChannelTrendAsync(connection, agencyIds, ct);
        progress?.Report(0.85);

        var data = new ReportData(year, cells, overdue, agencies, affairs, operations);
        var report = new YearlyReport
        {
            Year = year,
            Scope = scope,
            ScopeTitle = scopeTitle,
            AsOf = asOf,
            Sections = data.Sections(),
            ChannelTrend = trend,
            Appendix = ReportAppendix.Definitions,
            FactMap = ReportAppendix.FactMap(),
        };
        progress?.Report(1.0);
        return report;
    }

    /// <summary>1 January 00:00 KST of the year, as an instant.</summary>
    public static DateTimeOffset YearStart(int year) => new(year, 1, 1, 0, 0, 0, Kst);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static async Task<(int[]? Ids, string Title)> ResolveScopeAsync(NpgsqlConnection connection, ReportScope scope, CancellationToken ct)
    {
        if (scope.Kind == ReportScopeKind.All)
        {
            return (null, "전체 기관 (All agencies)");
        }

        await using var command = new NpgsqlCommand(
            scope.Kind == ReportScopeKind.Agency
                ? "select id, name_ko, name_en from agencies where code = @code"
                : """
                  with recursive tree(id, name_ko, name_en, depth) as (
                    select id, name_ko, name_en, 0 from agencies where code = @code
                    union all
                    select a.id, a.name_ko, a.name_en, t.depth + 1 from agencies a join tree t on a.parent_id = t.id)
                  select id, name_ko, name_en from tree order by depth, id
                  """, connection);
        command.Parameters.AddWithValue("code", scope.AgencyCode ?? "");
        var ids = new List<int>();
        var title = "";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (ids.Count == 0)
            {
                title = $"{reader.GetString(1)} ({reader.GetString(2)})";
            }

            ids.Add(reader.GetInt32(0));
        }

        if (ids.Count == 0)
        {
            throw new ReportScopeException($"unknown agency code '{scope.AgencyCode}'");
        }

        return (ids.ToArray(), scope.Kind == ReportScopeKind.Ministry ? $"{title} 및 소속 기관 {ids.Count - 1}곳 (with {ids.Count - 1} subordinate agencies)" : title);
    }

    /// <summary>
    /// The scope's condition, written only when there is a scope: a catch-all "@all or agency_id = any(@ids)" would be
    /// planned once for every scope by a prepared statement and scan the whole table for a single agency.
    /// </summary>
    private static string AgencyFilter(int[]? agencyIds) => agencyIds is null ? "" : " and agency_id = any(@ids)";

    private static void AddAgencyIds(NpgsqlCommand command, int[]? agencyIds)
    {
        if (agencyIds is not null)
        {
            command.Parameters.AddWithValue("ids", agencyIds);
        }
    }

    private static async Task<Dictionary<int, (string Code, string Name)>> LoadNamesAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var names = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return names;
    }

    private static async Task<List<RollupCell>> LoadCellsAsync(NpgsqlConnection connection, int year, int[]? agencyIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select extract(year from month)::int, agency_id, kind, affair_id, channel, measure, label, bucket, sum(count)::bigint, sum(total)::bigint
            from (
                select agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total
                from petition_rollups where month >= @from and month < @to{AgencyFilter(agencyIds)}
                union all
                select agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total
                from petition_rollup_deltas where month >= @from and month < @to{AgencyFilter(agencyIds)}) facts
            group by 1, 2, 3, 4, 5, 6, 7, 8
            """, connection);
        command.Parameters.AddWithValue("from", new DateOnly(year - 1, 1, 1));
        command.Parameters.AddWithValue("to", new DateOnly(year + 1, 1, 1));
        AddAgencyIds(command, agencyIds);
        var cells = new List<RollupCell>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            cells.Add(new RollupCell(
                reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt64(8), reader.GetInt64(9)));
        }

        return cells;
    }

    /// <summary>Open petitions whose clock runs and whose due passed before <paramref name="asOf"/> (rulebook §10: they count as late).</summary>
    private static async Task<List<OpenOverdue>> LoadOpenOverdueAsync(NpgsqlConnection connection, DateTimeOffset asOf, int[]? agencyIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select agency_id, kind, coalesce(affair_id, 0), count(*)
            from petitions
            where is_open and clock_state = 'Running' and due_at < @asOf and received_at < @asOf{AgencyFilter(agencyIds)}
            group by 1, 2, 3
            """, connection);
        command.Parameters.AddWithValue("asOf", asOf.ToUniversalTime());
        AddAgencyIds(command, agencyIds);
        var rows = new List<OpenOverdue>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new OpenOverdue(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
        }

        return rows;
    }

    private static async Task<OperationsData> LoadOperationsAsync(NpgsqlConnection connection, int year, int[]? agencyIds, CancellationToken ct)
    {
        var checks = new Dictionary<int, long>();
        await using (var command = new NpgsqlCommand(
            $"select year, count(*) from monthly_checks where year in (@year, @year - 1){AgencyFilter(agencyIds)} group by year", connection))
        {
            command.Parameters.AddWithValue("year", year);
            AddAgencyIds(command, agencyIds);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                checks[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var breaches = new List<(int Year, string Obligation, long Count)>();
        await using (var command = new NpgsqlCommand(
            $"""
            select extract(year from detected_at at time zone 'Asia/Seoul')::int, obligation, count(*)
            from obligation_breaches
            where detected_at >= @from and detected_at < @to{AgencyFilter(agencyIds)}
            group by 1, 2
            """, connection))
        {
            command.Parameters.AddWithValue("from", YearStart(year - 1).ToUniversalTime());
            command.Parameters.AddWithValue("to", YearStart(year + 1).ToUniversalTime());
            AddAgencyIds(command, agencyIds);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                breaches.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return new OperationsData(checks, breaches);
    }

    private static async Task<List<ChannelTrendPoint>> LoadChannelTrendAsync(NpgsqlConnection connection, int[]? agencyIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select extract(year from month)::int, channel, sum(count)::bigint
            from (
                select month, channel, count from petition_rollups where measure = @measure{AgencyFilter(agencyIds)}
                union all
                select month, channel, count from petition_rollup_deltas where measure = @measure{AgencyFilter(agencyIds)}) facts
            group by 1, 2
            """, connection);
        command.Parameters.AddWithValue("measure", RollupMeasures.ReceivedByChannel);
        AddAgencyIds(command, agencyIds);
        var byYear = new SortedDictionary<int, (long Online, long Offline)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var y = reader.GetInt32(0);
            var (online, offline) = byYear.GetValueOrDefault(y);
            var n = reader.GetInt64(2);
            byYear[y] = ReportFactMap.IsOnline(reader.GetString(1)) ? (online + n, offline) : (online, offline + n);
        }

        return byYear.Select(kv => new ChannelTrendPoint(kv.Key, kv.Value.Online, kv.Value.Offline)).ToList();
    }
}

internal sealed record RollupCell(int Year, int AgencyId, string Kind, int AffairId, string Channel, string Measure, string Label, int Bucket, long Count, long Total);

internal sealed record OpenOverdue(int AgencyId, string Kind, int AffairId, long Count);

internal sealed record OperationsData(Dictionary<int, long> MonthlyChecks, List<(int Year, string Obligation, long Count)> Breaches);
