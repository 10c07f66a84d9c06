using Npgsql;
using Treatment.Core.Clock;

namespace Treatment.Core.Reports;

/// <summary>The scope names an agency code that does not exist.</summary>
public sealed class ReportScopeException(string message) : Exception(message);

/// <summary>
/// Builds the yearly inspection report from the rollup's yearly sums (petition_rollup_years and the unfolded deltas) plus two small reads
/// that cannot be rolled up: petitions still open and overdue (partial index over open petitions), and the operations tables.
/// </summary>
public sealed class YearlyReportBuilder(NpgsqlDataSource dataSource, TimeProvider time, Workflows.WorkflowCatalog catalog)
{
    private static readonly TimeSpan Kst = DeadlineCalculator.KstOffset;

    public async Task<YearlyReport> BuildAsync(int year, ReportScope scope, IProgress<double>? progress, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var asOf = Min(now, YearStart(year + 1));
        var statements = new ReportStatements(year, scope, asOf, Min(now, YearStart(year)));
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        // One snapshot for every read, so that a rollup fold running meanwhile is seen either wholly or not at all; one
        // round trip for every read, because for one agency each statement costs less than the trip that carries it.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var batch = statements.Batch(connection, snapshot);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var scopeTitle = await ReadScopeTitleAsync(reader, scope, ct);
        progress?.Report(0.05);
        var agencies = await ReadNamesAsync(reader, ct);
        var affairs = await ReadNamesAsync(reader, ct);
        var cells = await ReadCellsAsync(reader, ct);
        progress?.Report(0.5);
        var overdue = await ReadOpenOverdueAsync(reader, year, ct);
        progress?.Report(0.7);
        var operations = await ReadOperationsAsync(reader, ct);
        var trend = await ReadChannelTrendAsync(reader, cells, ct);
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
            Appendix = ReportAppendix.Definitions(catalog),
            FactMap = ReportAppendix.FactMap(catalog),
        };
        progress?.Report(1.0);
        return report;
    }

    /// <summary>1 January 00:00 KST of the year, as an instant.</summary>
    public static DateTimeOffset YearStart(int year) => new(year, 1, 1, 0, 0, 0, Kst);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Reads the scope statement (none for all agencies): the first agency's names, and how many agencies it holds.</summary>
    private static async Task<string> ReadScopeTitleAsync(NpgsqlDataReader reader, ReportScope scope, CancellationToken ct)
    {
        if (scope.Kind == ReportScopeKind.All)
        {
            return "전체 기관 (All agencies)";
        }

        var count = 0;
        var title = "";
        while (await reader.ReadAsync(ct))
        {
            if (count++ == 0)
            {
                title = $"{reader.GetString(1)} ({reader.GetString(2)})";
            }
        }

        await reader.NextResultAsync(ct);
        if (count == 0)
        {
            throw new ReportScopeException($"unknown agency code '{scope.AgencyCode}'");
        }

        return scope.Kind == ReportScopeKind.Ministry ? $"{title} 및 소속 기관 {count - 1}곳 (with {count - 1} subordinate agencies)" : title;
    }

    private static async Task<Dictionary<int, (string Code, string Name)>> ReadNamesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var names = new Dictionary<int, (string, string)>();
        while (await reader.ReadAsync(ct))
        {
            names[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        await reader.NextResultAsync(ct);
        return names;
    }

    private static async Task<List<RollupCell>> ReadCellsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var cells = new List<RollupCell>();
        while (await reader.ReadAsync(ct))
        {
            cells.Add(new RollupCell(
                reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt64(8), reader.GetInt64(9)));
        }

        await reader.NextResultAsync(ct);
        return cells;
    }

    /// <summary>Open petitions whose clock runs and whose due passed before each year's as-of instant (rulebook §10: they count as late).</summary>
    private static async Task<Dictionary<int, List<OpenOverdue>>> ReadOpenOverdueAsync(NpgsqlDataReader reader, int year, CancellationToken ct)
    {
        var current = new List<OpenOverdue>();
        var previous = new List<OpenOverdue>();
        while (await reader.ReadAsync(ct))
        {
            var (agency, kind, affair) = (reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2));
            // Keep only non-zero counts: an agency with nothing overdue in a year must not appear in that year's list.
            foreach (var (list, count) in new[] { (current, reader.GetInt64(3)), (previous, reader.GetInt64(4)) })
            {
                if (count > 0)
                {
                    list.Add(new OpenOverdue(agency, kind, affair, count));
                }
            }
        }

        await reader.NextResultAsync(ct);
        return new Dictionary<int, List<OpenOverdue>> { [year] = current, [year - 1] = previous };
    }

    private static async Task<OperationsData> ReadOperationsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var checks = new Dictionary<int, long>();
        while (await reader.ReadAsync(ct))
        {
            checks[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(ct);
        var breaches = new List<(int Year, string Obligation, long Count)>();
        while (await reader.ReadAsync(ct))
        {
            breaches.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(ct);
        return new OperationsData(checks, breaches);
    }

    /// <summary>Receipts by channel per year: the report's two years from the cells already read, the other years from the last statement.</summary>
    private static async Task<List<ChannelTrendPoint>> ReadChannelTrendAsync(NpgsqlDataReader reader, List<RollupCell> cells, CancellationToken ct)
    {
        var byYear = new SortedDictionary<int, (long Online, long Offline)>();
        void Add(int y, string channel, long n)
        {
            var (online, offline) = byYear.GetValueOrDefault(y);
            byYear[y] = ReportFactMap.IsOnline(channel) ? (online + n, offline) : (online, offline + n);
        }

        foreach (var cell in cells.Where(c => c.Measure == RollupMeasures.ReceivedByChannel))
        {
            Add(cell.Year, cell.Channel, cell.Count);
        }

        while (await reader.ReadAsync(ct))
        {
            Add(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
        }

        return byYear.Select(kv => new ChannelTrendPoint(kv.Key, kv.Value.Online, kv.Value.Offline)).ToList();
    }
}

/// <summary>Rollup sums for one key and year; a key can appear twice (folded and not yet folded), so every use sums cells.</summary>
internal sealed record RollupCell(int Year, int AgencyId, string Kind, int AffairId, string Channel, string Measure, string Label, int Bucket, long Count, long Total);

internal sealed record OpenOverdue(int AgencyId, string Kind, int AffairId, long Count);

internal sealed record OperationsData(Dictionary<int, long> MonthlyChecks, List<(int Year, string Obligation, long Count)> Breaches);
