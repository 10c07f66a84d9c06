using Npgsql;

namespace Treatment.Core.Reports;

/// <summary>
/// The yearly report's reads, in the order <see cref="YearlyReportBuilder"/> reads their results: scope (unless all
/// agencies), agency names, affair names, rollup cells, open overdue, monthly checks, breaches, channel trend.
/// </summary>
internal sealed class ReportStatements(int year, ReportScope scope, DateTimeOffset asOf, DateTimeOffset previousAsOf)
{
    /// <summary>
    /// The scope's agency ids, computed inside each statement so that the whole report is one round trip. The condition
    /// is written only when there is a scope: a catch-all "@all or agency_id = any(@ids)" would be planned once for
    /// every scope by a prepared statement and scan the whole table for a single agency.
    /// </summary>
    private string AgencyFilter => scope.Kind switch
    {
        ReportScopeKind.All => "",
        ReportScopeKind.Agency => " and agency_id = any(array(select id from agencies where code = @code))",
        _ => """
              and agency_id = any(array(
                with recursive tree(id) as (
                  select id from agencies where code = @code
                  union all
                  select a.id from agencies a join tree t on a.parent_id = t.id)
                select id from tree))
            """,
    };

    private DateOnly From => new(year - 1, 1, 1);

    private DateOnly To => new(year + 1, 1, 1);

    public NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var batch = new NpgsqlBatch(connection, transaction);

        // The open-overdue count is costed above jit_above_cost for all agencies; compiling it took longer (~55 ms) than running it.
        Add(batch, "set local jit = off");
        if (scope.Kind == ReportScopeKind.Agency)
        {
            Add(batch, "select id, name_ko, name_en from agencies where code = @code");
        }
        else if (scope.Kind == ReportScopeKind.Ministry)
        {
            Add(batch, """
                with recursive tree(id, name_ko, name_en, depth) as (
                  select id, name_ko, name_en, 0 from agencies where code = @code
                  union all
                  select a.id, a.name_ko, a.name_en, t.depth + 1 from agencies a join tree t on a.parent_id = t.id)
                select id, name_ko, name_en from tree order by depth, id
                """);
        }

        Add(batch, "select id, code, name_ko from agencies");
        Add(batch, "select id, code, name_ko from civil_affairs");

        // Yearly sums, so nothing is summed over months here; the deltas not yet folded are few, and a key present in both
        // tables appears twice (every use of the cells sums them).
        Add(batch, $"""
            select year, agency_id, kind, affair_id, channel, measure, label, bucket, count, total
            from petition_rollup_years where year between @year - 1 and @year{AgencyFilter}
            union all
            select extract(year from month)::int, agency_id, kind, affair_id, channel, measure, label, bucket, sum(count)::bigint, sum(total)::bigint
            from petition_rollup_deltas where month >= @from and month < @to{AgencyFilter}
            group by 1, 2, 3, 4, 5, 6, 7, 8
            """,
            ("year", year), ("from", From), ("to", To));

        // Both years in one pass: the previous year's as-of instant is never later than the report year's.
        Add(batch, $"""
            select agency_id, kind, coalesce(affair_id, 0),
                   count(*) filter (where due_at < @asOf and received_at < @asOf),
                   count(*) filter (where due_at < @previousAsOf and received_at < @previousAsOf)
            from petitions
            where is_open and clock_state = 'Running' and due_at < @asOf and received_at < @asOf{AgencyFilter}
            group by 1, 2, 3
            """,
            ("asOf", asOf.ToUniversalTime()), ("previousAsOf", previousAsOf.ToUniversalTime()));
        Add(batch, $"select year, count(*) from monthly_checks where year in (@year, @year - 1){AgencyFilter} group by year", ("year", year));
        Add(batch, $"""
            select extract(year from detected_at at time zone 'Asia/Seoul')::int, obligation, count(*)
            from obligation_breaches
            where detected_at >= @from and detected_at < @to{AgencyFilter}
            group by 1, 2
            """,
            ("from", YearlyReportBuilder.YearStart(year - 1).ToUniversalTime()), ("to", YearlyReportBuilder.YearStart(year + 1).ToUniversalTime()));

        // The trend's two report years are in the cells already read; only the other years are read here.
        Add(batch, $"""
            select year, channel, sum(count)::bigint
            from (
                select year, channel, count from petition_rollup_years
                where measure = @measure and (year < @year - 1 or year > @year){AgencyFilter}
                union all
                select extract(year from month)::int, channel, count from petition_rollup_deltas
                where measure = @measure and (month < @from or month >= @to){AgencyFilter}) facts
            group by 1, 2
            """,
            ("measure", RollupMeasures.ReceivedByChannel), ("year", year), ("from", From), ("to", To));
        return batch;
    }

    private void Add(NpgsqlBatch batch, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        if (sql.Contains("@code", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("code", scope.AgencyCode ?? "");
        }

        batch.BatchCommands.Add(command);
    }
}
