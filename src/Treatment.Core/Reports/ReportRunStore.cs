using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Treatment.Core.Reports;

/// <summary>A frozen run with its report.</summary>
public sealed record FrozenReport(long RunId, YearlyReport Report, string Checksum);

/// <summary>
/// Runs the yearly report and freezes it in report_runs: parameters, calendar and definition versions, a checksum of
/// the figures and the content; compares it with the last frozen run of the same year and scope.
/// </summary>
public sealed class ReportRunStore(NpgsqlDataSource dataSource, YearlyReportBuilder builder, TimeProvider time)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Creates the run row (status running) so that a page can show its progress before it completes.</summary>
    public async Task<long> StartAsync(int year, ReportScope scope, Guid? requestedBy, CancellationToken ct, IReadOnlyList<BenefitAssumption>? benefits = null)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into report_runs (year, scope, agency_code, status, progress_percent, parameters, requested_by_id, created_at)
            values (@year, @scope, @code, @status, 0, @parameters, @by, @now) returning id
            """);
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("scope", scope.Name);
        command.Parameters.AddWithValue("code", (object?)scope.AgencyCode ?? DBNull.Value);
        command.Parameters.AddWithValue("status", Running);
        command.Parameters.AddWithValue("parameters", JsonSerializer.Serialize(new { year, scope = scope.Name, agency = scope.AgencyCode, benefits = benefits ?? BenefitEstimate.Defaults }, ReportRenderer.Json));
        command.Parameters.AddWithValue("by", (object?)requestedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Computes and freezes a started run; its calendar version is the calendar files' digest plus, when holidays were
    /// designated or withdrawn in the database, their count and digest. On failure the run is marked failed with the message and the error rethrown.</summary>
    public async Task<FrozenReport> CompleteAsync(long runId, int year, ReportScope scope, ReportVersions versions, IProgress<double>? progress, CancellationToken ct)
    {
        var recorder = new ProgressRecorder(dataSource, runId, progress);
        try
        {
            var report = await builder.BuildAsync(year, scope, recorder, ct);
            report = report with { Benefits = BenefitEstimate.Compute(report.ChannelTrend, await BenefitAssumptionsAsync(runId, ct)) };
            var checksum = Checksum(report);
            var last = await LastCompletedAsync(year, scope, runId, ct);
            if (last is not null)
            {
                report = report with { ChangesSinceLastRun = Compare(last.Value.Report, report), LastRunAt = last.Value.CompletedAt };
            }

            await using var command = dataSource.CreateCommand(
                """
                update report_runs set status = @status, progress_percent = 100,
                  calendar_version = @calendar || coalesce((select ' + db ' || count(*) || ':' || left(md5(string_agg(c.id || ':' || c.date || ':' || c.is_holiday, ',' order by c.id)), 8)
                    from calendar_changes c having count(*) > 0), '')
                    || coalesce((select case when v.digest <> @calendar then ' (dues on ' || v.digest || ')' else '' end from calendar_file_versions v order by v.id desc limit 1), ''),
                  definition_versions = @definitions,
                  checksum = @checksum, content = @content, completed_at = @now where id = @id
                """);
            command.Parameters.AddWithValue("status", Completed);
            command.Parameters.AddWithValue("calendar", versions.Calendar);
            command.Parameters.AddWithValue("definitions", versions.Definitions);
            command.Parameters.AddWithValue("checksum", checksum);
            command.Parameters.AddWithValue("content", ReportRenderer.ToJson(report));
            command.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
            command.Parameters.AddWithValue("id", runId);
            await command.ExecuteNonQueryAsync(ct);
            return new FrozenReport(runId, report, checksum);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await using var command = dataSource.CreateCommand("update report_runs set status = @status, error = @error, completed_at = @now where id = @id");
            command.Parameters.AddWithValue("status", Failed);
            command.Parameters.AddWithValue("error", ex.Message);
            command.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
            command.Parameters.AddWithValue("id", runId);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

    public async Task<FrozenReport> RunAsync(int year, ReportScope scope, ReportVersions versions, Guid? requestedBy, IProgress<double>? progress, CancellationToken ct)
    {
        var id = await StartAsync(year, scope, requestedBy, ct);
        return await CompleteAsync(id, year, scope, versions, progress, ct);
    }

    /// <summary>The stored run: status, progress, and the report once completed.</summary>
    public async Task<(string Status, int Progress, YearlyReport? Report, string? Error)?> FindAsync(long runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select status, progress_percent, content, error from report_runs where id = @id");
        command.Parameters.AddWithValue("id", runId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var content = reader.IsDBNull(2) ? null : reader.GetString(2);
        return (reader.GetString(0), reader.GetInt32(1), content is null ? null : ReportRenderer.FromJson(content), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <summary>The benefit assumptions the run was started with (the defaults for a run that stored none).</summary>
    private async Task<IReadOnlyList<BenefitAssumption>> BenefitAssumptionsAsync(long runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select parameters from report_runs where id = @id");
        command.Parameters.AddWithValue("id", runId);
        using var document = await command.ExecuteScalarAsync(ct) is string parameters ? JsonDocument.Parse(parameters) : null;
        if (document is not null && document.RootElement.TryGetProperty("benefits", out var benefits)
            && benefits.Deserialize<List<BenefitAssumption>>(ReportRenderer.Json) is { Count: > 0 } stored)
        {
            return stored;
        }

        return BenefitEstimate.Defaults;
    }

    /// <summary>The latest year (KST) any petition fact is recorded for, or null for an empty database: the analyst form's default.</summary>
    public async Task<int?> LatestYearWithDataAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select max(y) from (
              select max(year) as y from petition_rollup_years
              union all select max(extract(year from month))::int from petition_rollup_deltas) latest
            """);
        return await command.ExecuteScalarAsync(ct) is int year ? year : null;
    }

    /// <summary>SHA-256 of the figures (sections and channel trend), independent of when the report was made.</summary>
    public static string Checksum(YearlyReport report)
    {
        var figures = JsonSerializer.Serialize(new { report.Year, Scope = report.Scope.Name, report.Scope.AgencyCode, report.Sections, report.ChannelTrend }, ReportRenderer.Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(figures)));
    }

    /// <summary>Figures that differ between two runs, keyed by table and row keys (added and removed rows included).</summary>
    public static IReadOnlyList<ReportChange> Compare(YearlyReport before, YearlyReport after)
    {
        static Dictionary<(string, string), ReportRow> Flatten(YearlyReport r) => r.Sections.SelectMany(s => s.Tables)
            .SelectMany(t => t.Rows.Select(row => (Key: (t.Id, string.Join(" / ", row.Keys)), row)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().row);
        var old = Flatten(before);
        var now = Flatten(after);
        var changes = new List<ReportChange>();
        foreach (var key in old.Keys.Union(now.Keys).OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal))
        {
            var a = old.GetValueOrDefault(key)?.Current;
            var b = now.GetValueOrDefault(key)?.Current;
            if (a != b)
            {
                changes.Add(new ReportChange(key.Item1, key.Item2, a, b));
            }
        }

        return changes;
    }

    private async Task<(YearlyReport Report, DateTimeOffset CompletedAt)?> LastCompletedAsync(int year, ReportScope scope, long exceptId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select content, completed_at from report_runs
            where year = @year and scope = @scope and agency_code is not distinct from @code and status = @status and id <> @id
            order by completed_at desc, id desc limit 1
            """);
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("scope", scope.Name);
        command.Parameters.Add(new NpgsqlParameter("code", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)scope.AgencyCode ?? DBNull.Value });
        command.Parameters.AddWithValue("status", Completed);
        command.Parameters.AddWithValue("id", exceptId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0))
        {
            return null;
        }

        return (ReportRenderer.FromJson(reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Stores progress on the run row (for the analyst page) and passes it on (for the CLI bar).</summary>
    private sealed class ProgressRecorder(NpgsqlDataSource dataSource, long runId, IProgress<double>? next) : IProgress<double>
    {
        public void Report(double value)
        {
            next?.Report(value);
            using var command = dataSource.CreateCommand("update report_runs set progress_percent = @p where id = @id and status = 'running'");
            command.Parameters.AddWithValue("p", (int)Math.Round(Math.Clamp(value, 0, 1) * 99));
            command.Parameters.AddWithValue("id", runId);
            command.ExecuteNonQuery();
        }
    }
}
