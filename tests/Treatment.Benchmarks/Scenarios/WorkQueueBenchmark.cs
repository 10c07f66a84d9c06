using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// The inbox's tabs with the synthetic petitions of the inbox scenario (2,000,000 unless --petitions=N) plus queued
/// ones: the default tab's query and the queue tab's query (compiled EF Core, the product's paths) at 8 clients, each
/// against the same query in raw prepared SQL in the same run, p99 per run over at least 10 runs (median reported);
/// the tab counts and both pages timed with the page; claim throughput ("내가 처리") beside a raw conditional UPDATE.
/// </summary>
public sealed partial class WorkQueueBenchmark : IBenchScenario
{
    private const int Clients = 8;
    private const int PageSize = 50;
    private const string Columns = "p.id, p.receipt_number, p.kind, p.channel, p.title, p.petitioner_name, p.workflow_id, p.workflow_version, p.state, p.clock_state, p.due_at, p.due_unit";
    private const string RawMineSql = "SELECT " + Columns + " FROM petitions AS p WHERE p.is_open AND p.assignee_id = $1 ORDER BY p.due_at, p.id LIMIT $2";
    private const string RawQueueSql = "SELECT " + Columns + " FROM petitions AS p WHERE p.is_open AND p.assignee_id IS NULL AND p.department_id = $1 ORDER BY p.due_at, p.id LIMIT $2";
    private const string RawClaimSql = "UPDATE petitions SET assignee_id = $1, assigned_at = now(), updated_at = now() WHERE id = $2 AND is_open AND assignee_id IS NULL AND department_id = $3";

    public string Name => "work-queue";

    public bool NeedsDatabase => true;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var log = context.Log;
        var quick = context.Flags.Contains("quick");
        var target = context.Flags.Select(f => f.StartsWith("petitions=", StringComparison.Ordinal) ? long.Parse(f[10..], CultureInfo.InvariantCulture) : 0).DefaultIfEmpty(0).Max() is > 0 and var n ? n : 2_000_000;
        // Its own database of the size it names: the shared one grows with the other scenarios' rows.
        context = context with { ConnectionString = await ScenarioDatabase.EnsureAsync(context, ScenarioDatabase.Inbox, cancellationToken) };
        await using var host = new BenchHost(context.ConnectionString);
        _ = host.Services;
        var connectionString = new NpgsqlConnectionStringBuilder(context.ConnectionString) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2, MaxPoolSize = 40, CommandTimeout = 0 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var petitions = await InboxBenchmark.EnsurePetitionsAsync(dataSource, log, cancellationToken, target);
        var departments = await EnsureQueuesAsync(dataSource, Math.Max(5_000, petitions / 100), log, cancellationToken);
        await VacuumAsync(dataSource, log, cancellationToken);
        var assignees = await ScalarsAsync<Guid>(dataSource, "select assignee_id from petitions where is_open and assignee_id is not null group by assignee_id order by count(*) desc, assignee_id limit 256", cancellationToken);
        log.WriteLine($"[work-queue] {petitions:N0} petitions; {assignees.Count} busy assignees; queues of {departments.Count} departments");

        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        await using var efSource = TreatmentDatabase.CreateInboxReadDataSource(context.ConnectionString);
        TreatmentDatabase.ConfigureInboxReads(options, efSource);
        var factory = new PooledDbContextFactory<TreatmentDbContext>(options.Options);
        var root = BenchHost.RepositoryRoot();
        var catalog = WorkflowCatalog.LoadOrThrow(Path.Combine(root, "workflows"), Path.Combine(root, "templates"));
        var badges = new DueBadges(HolidayCalendarLoader.LoadFolder(Path.Combine(root, "workflows", "calendar")));

        async Task EfMine(int client, int i)
        {
            await using var db = factory.CreateDbContext();
            await new InboxService(db, catalog, badges, TimeProvider.System).ReadMineAsync(assignees[i % assignees.Count], PageSize, cancellationToken);
        }

        async Task EfQueue(int client, int i)
        {
            await using var db = factory.CreateDbContext();
            await new InboxService(db, catalog, badges, TimeProvider.System).ReadQueueAsync(departments[i % departments.Count], PageSize, cancellationToken);
        }

        var buffers = new LatencyBuffers();
        var runs = quick ? 3 : 10;
        var round = TimeSpan.FromSeconds(quick ? 1 : 2);
        var warmUp = TimeSpan.FromSeconds(quick ? 2 : 10);
        await MeasureAsync(EfMine, warmUp, buffers, cancellationToken);
        await MeasureAsync(EfQueue, warmUp, buffers, cancellationToken);
        await using (var raw = await RawReaders.OpenAsync(dataSource, RawMineSql, NpgsqlDbType.Uuid, cancellationToken))
        {
            await MeasureAsync((c, i) => raw.ReadAsync(c, assignees[i % assignees.Count], cancellationToken), warmUp, buffers, cancellationToken);
        }

        var (collections, fullCollections, paused) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        var (mineEf, mineRaw, queueEf, queueRaw) = (new List<Run>(), new List<Run>(), new List<Run>(), new List<Run>());
        for (var run = 0; run < runs; run++)
        {
            // Alternating within each run, so that load from other processes on the machine falls on both alike.
            await using (var raw = await RawReaders.OpenAsync(dataSource, RawMineSql, NpgsqlDbType.Uuid, cancellationToken))
            {
                mineRaw.Add(await MeasureAsync((c, i) => raw.ReadAsync(c, assignees[i % assignees.Count], cancellationToken), round, buffers, cancellationToken));
            }

            mineEf.Add(await MeasureAsync(EfMine, round, buffers, cancellationToken));
            await using (var raw = await RawReaders.OpenAsync(dataSource, RawQueueSql, NpgsqlDbType.Integer, cancellationToken))
            {
                queueRaw.Add(await MeasureAsync((c, i) => raw.ReadAsync(c, departments[i % departments.Count], cancellationToken), round, buffers, cancellationToken));
            }

            queueEf.Add(await MeasureAsync(EfQueue, round, buffers, cancellationToken));
            log.WriteLine($"[work-queue] run {run + 1}: mine p99 EF {mineEf[^1].P99:0.###} raw {mineRaw[^1].P99:0.###} ms; queue p99 EF {queueEf[^1].P99:0.###} raw {queueRaw[^1].P99:0.###} ms");
        }

        // The process's collections pause every client alike; their count and length explain much of a tail (decision 007).
        log.WriteLine($"[work-queue] garbage collections while measuring: {GC.CollectionCount(0) - collections} (of which gen 2 {GC.CollectionCount(2) - fullCollections}), paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms");
        var (minePage, queuePage, counts) = await MeasurePagesAsync(host, quick ? 100 : 400, log, cancellationToken);
        var (claimRate, rawClaimRate) = await MeasureClaimsAsync(host, dataSource, departments, quick, log, cancellationToken);
        log.WriteLine($"[work-queue] load average {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        return
        [
            new BenchRow($"inbox default tab query (EF compiled), {Clients} clients, {petitions:N0} petitions: median p99 of {runs} runs", Median(mineEf, r => r.P99), "ms", "raw prepared SQL, same runs", Median(mineRaw, r => r.P99)),
            new BenchRow($"inbox default tab query, {Clients} clients: rate", Median(mineEf, r => r.Rate), "queries/s", "raw prepared SQL", Median(mineRaw, r => r.Rate)),
            new BenchRow($"queue tab query (EF compiled), {Clients} clients: median p99 of {runs} runs", Median(queueEf, r => r.P99), "ms", "raw prepared SQL, same runs", Median(queueRaw, r => r.P99)),
            new BenchRow($"queue tab query, {Clients} clients: rate", Median(queueEf, r => r.Rate), "queries/s", "raw prepared SQL", Median(queueRaw, r => r.Rate)),
            new BenchRow("tab counts and today strip (one read), sequential: p99", counts.P99, "ms"),
            new BenchRow("inbox page 내 민원 with tab counts, sequential: p50 / p99", minePage.P50, "ms", "p99", minePage.P99),
            new BenchRow("inbox page 부서 대기 with tab counts, sequential: p50 / p99", queuePage.P50, "ms", "p99", queuePage.P99),
            new BenchRow($"claim (AssignmentService: row lock, PetitionChange.Reassign with replanning, audit event, one transaction), {Clients} clients", claimRate, "claims/s", "raw conditional UPDATE, autocommit", rawClaimRate),
        ];
    }

    private sealed record Run(double Rate, double P50, double P99);

    private static double Median(List<Run> runs, Func<Run, double> figure) => BenchStatistics.Median(runs.Select(figure));

    private static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    /// <summary>
    /// Per-client latency lists and one array to sort them in, allocated once: a fresh large array per measurement
    /// would be large-object garbage, and the collections it brings would fall on the measured queries (as in the
    /// inbox scenario).
    /// </summary>
    private sealed class LatencyBuffers
    {
        public List<double>[] Clients { get; } = Enumerable.Range(0, WorkQueueBenchmark.Clients).Select(_ => new List<double>(200_000)).ToArray();

        public double[] Sorted { get; } = new double[WorkQueueBenchmark.Clients * 200_000];
    }

    /// <summary>Closed loop: every client runs the query back to back for the duration.</summary>
    private static async Task<Run> MeasureAsync(Func<int, int, Task> query, TimeSpan duration, LatencyBuffers buffers, CancellationToken ct)
    {
        foreach (var list in buffers.Clients)
        {
            list.Clear();
        }

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            var latencies = buffers.Clients[client];
            var i = client * 31;
            while (stopwatch.Elapsed < duration && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await query(client, i++);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var count = 0;
        foreach (var list in buffers.Clients)
        {
            list.CopyTo(0, buffers.Sorted, count, Math.Min(list.Count, buffers.Sorted.Length - count));
            count += Math.Min(list.Count, buffers.Sorted.Length - count);
        }

        Array.Sort(buffers.Sorted, 0, count);
        var sorted = new ArraySegment<double>(buffers.Sorted, 0, count);
        return new Run(count / elapsed, Percentile(sorted, 0.5), Percentile(sorted, 0.99));
    }

    /// <summary>
    /// The visibility map as autovacuum keeps it: the previous run's claims (and their return to the queue) leave dead
    /// queue entries and pages not all-visible, which would turn this run's index-only scans into heap reads.
    /// </summary>
    private static async Task VacuumAsync(NpgsqlDataSource dataSource, TextWriter log, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var vacuum = dataSource.CreateCommand("vacuum (analyze) petitions");
        await vacuum.ExecuteNonQueryAsync(ct);
        log.WriteLine($"[work-queue] vacuum analyze petitions: {stopwatch.Elapsed.TotalSeconds:0.#} s");
    }

    /// <summary>Queued (unassigned, open) petitions in every department of the inbox scenario's agency, added once by one INSERT … SELECT.</summary>
    private static async Task<List<int>> EnsureQueuesAsync(NpgsqlDataSource dataSource, long target, TextWriter log, CancellationToken ct)
    {
        var departments = await ScalarsAsync<int>(dataSource, "select d.id from departments d join agencies a on a.id = d.agency_id where a.code = 'SEOUL-JONGNO' order by d.id", ct);
        var queued = (long)(await dataSource.CreateCommand("select count(*) from petitions where is_open and assignee_id is null").ExecuteScalarAsync(ct))!;
        if (queued < target)
        {
            var stopwatch = Stopwatch.StartNew();
            await using var insert = dataSource.CreateCommand(
                """
                insert into petitions (receipt_number, receipt_year, receipt_sequence, kind, channel, title, body, petitioner_name, arrived_at, received_at,
                    agency_id, department_id, assignee_id, workflow_id, workflow_version, state, is_open, clock_state, period_unit, period_value, due_at, due_unit,
                    extension_count, exclusions, extensions, overdue, escalation_level, clock_generation, result_notices_sent, signer_count, household_count, created_at, updated_at)
                select 'Q1999-' || lpad((s + $3)::text, 9, '0'), 1999, (s + $3)::int, 'Other', 'OnlinePortal', '대기 민원 ' || s, '민원 내용입니다.', '홍길동',
                    now() - make_interval(hours => s % 200), now() - make_interval(hours => s % 200),
                    (select agency_id from departments where id = ($1::int[])[1 + s % array_length($1::int[], 1)]),
                    ($1::int[])[1 + s % array_length($1::int[], 1)], null, 'other', 2, 'received', true, 'Running', 'Days', 7,
                    now() + make_interval(hours => 24 * (s % 14) - 48), 'Days', 0, '[]', '[]', false, 0, 1, 0, 1, 1, now(), now()
                from generate_series(1, $2) as s
                """);
            insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = departments.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)(target - queued) });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)(queued + 1_000_000 * (DateTime.UtcNow.Ticks % 100)) });
            await insert.ExecuteNonQueryAsync(ct);
            await dataSource.CreateCommand("analyze petitions").ExecuteNonQueryAsync(ct);
            log.WriteLine($"[work-queue] queued {target - queued:N0} petitions in {stopwatch.Elapsed.TotalSeconds:0} s");
        }

        return departments;
    }

    private static async Task<List<T>> ScalarsAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        var list = new List<T>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(reader.GetFieldValue<T>(0));
        }

        return list;
    }

    /// <summary>Signs in as jongno.official and loads 내 민원 and 부서 대기 one after the other (each with its tab counts), and the counts alone.</summary>
    private static async Task<(Run Mine, Run Queue, Run Counts)> MeasurePagesAsync(BenchHost host, int requests, TextWriter log, CancellationToken ct)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/SignIn", ct);
        var signIn = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "jongno.official",
            ["Password"] = DemoReferenceData.DemoPassword,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value),
        }), ct);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)signIn.StatusCode}");
        }

        async Task<Run> Page(string path)
        {
            for (var i = 0; i < 30; i++)
            {
                (await client.GetAsync(path, ct)).EnsureSuccessStatusCode();
            }

            var latencies = new double[requests];
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, ct);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync(ct);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            return new Run(requests / stopwatch.Elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99));
        }

        var mine = await Page("/Inbox");
        var queue = await Page("/Inbox?Scope=Queue");
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "jongno.official", ct);
        var actor = new Actor(user.Id, user.DisplayName, new HashSet<string> { Roles.Official }, user.AgencyId, user.DepartmentId);
        var tabs = scope.ServiceProvider.GetRequiredService<InboxTabs>();
        var counted = await MeasureSequentialAsync(() => tabs.CountAsync(actor, null, ct), requests);
        var sample = await tabs.CountAsync(actor, null, ct);
        log.WriteLine($"[work-queue] jongno.official: mine {sample.Mine}, queue {sample.Queue}, at risk {sample.AtRisk}; pages p99 mine {mine.P99:0.##} ms, queue {queue.P99:0.##} ms; counts p99 {counted.P99:0.###} ms");
        return (mine, queue, counted);
    }

    private static async Task<Run> MeasureSequentialAsync(Func<Task> action, int times)
    {
        var latencies = new double[times];
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return new Run(times / stopwatch.Elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99));
    }

    /// <summary>
    /// Claims distinct queued petitions at 8 clients for a few seconds through the service (transaction, row lock, the
    /// change path's reassignment with its replanning, audit event), then as a raw autocommitted conditional UPDATE; the claimed petitions go back to the queue.
    /// </summary>
    private static async Task<(double Service, double Raw)> MeasureClaimsAsync(BenchHost host, NpgsqlDataSource dataSource, List<int> departments, bool quick, TextWriter log, CancellationToken ct)
    {
        var department = departments[0];
        var ids = await ScalarsAsync<long>(dataSource, $"select id from petitions where is_open and assignee_id is null and department_id = {department} order by id", ct);
        var official = (await ScalarsAsync<Guid>(dataSource, $"select id from users where department_id = {department} and user_name like 'bench.official.%' order by id limit 1", ct)).Single();
        int agency;
        await using (var command = dataSource.CreateCommand($"select agency_id from departments where id = {department}"))
        {
            agency = (int)(await command.ExecuteScalarAsync(ct))!;
        }

        var actor = new Actor(official, "bench", new HashSet<string> { Roles.Official }, agency, department);
        var duration = TimeSpan.FromSeconds(quick ? 1 : 3);
        // The first claims compile the service's queries and its save (the raw side prepares its command): not counted.
        var warm = Math.Min(ids.Count / 10, Clients * 5);
        for (var i = 0; i < warm; i++)
        {
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AssignmentService>().ClaimAsync(ids[i], actor, ct);
        }

        var half = warm + ((ids.Count - warm) / 2);
        var next = warm - 1;
        var serviceClaims = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (stopwatch.Elapsed < duration && Interlocked.Increment(ref next) is var i && i < half)
            {
                using var scope = host.Services.CreateScope();
                var result = await scope.ServiceProvider.GetRequiredService<AssignmentService>().ClaimAsync(ids[i], actor, ct);
                if (result.IsSuccess)
                {
                    Interlocked.Increment(ref serviceClaims);
                }
            }
        }));
        var serviceRate = serviceClaims / stopwatch.Elapsed.TotalSeconds;

        next = half - 1;
        var rawClaims = 0;
        stopwatch.Restart();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand(RawClaimSql, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = official });
            command.Parameters.Add(new NpgsqlParameter<long>());
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = department });
            await command.PrepareAsync(ct);
            while (stopwatch.Elapsed < duration && Interlocked.Increment(ref next) is var i && i < ids.Count)
            {
                ((NpgsqlParameter<long>)command.Parameters[1]).TypedValue = ids[i];
                if (await command.ExecuteNonQueryAsync(ct) == 1)
                {
                    Interlocked.Increment(ref rawClaims);
                }
            }
        }));
        var rawRate = rawClaims / stopwatch.Elapsed.TotalSeconds;
        await using (var back = dataSource.CreateCommand($"update petitions set assignee_id = null, assigned_at = null where assignee_id = '{official}' and receipt_number like 'Q%'"))
        {
            await back.ExecuteNonQueryAsync(ct);
        }

        log.WriteLine($"[work-queue] claims: service {serviceClaims} in {duration.TotalSeconds:0} s ({serviceRate:0}/s), raw {rawClaims} ({rawRate:0}/s); queue of department {department}: {ids.Count}");
        return (serviceRate, rawRate);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>One prepared command per client connection, reading the inbox row shape.</summary>
    private sealed class RawReaders : IAsyncDisposable
    {
        private readonly List<(NpgsqlConnection Connection, NpgsqlCommand Command)> _clients = [];

        public static async Task<RawReaders> OpenAsync(NpgsqlDataSource dataSource, string sql, NpgsqlDbType keyType, CancellationToken ct)
        {
            var readers = new RawReaders();
            for (var i = 0; i < Clients; i++)
            {
                var connection = await dataSource.OpenConnectionAsync(ct);
                var command = new NpgsqlCommand(sql, connection);
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = keyType });
                command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = PageSize });
                await command.PrepareAsync(ct);
                readers._clients.Add((connection, command));
            }

            return readers;
        }

        public async Task ReadAsync(int client, object key, CancellationToken ct)
        {
            var command = _clients[client].Command;
            command.Parameters[0].Value = key;
            var rows = new List<InboxRow>(PageSize);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new InboxRow(
                    reader.GetInt64(0), reader.GetString(1), Enum.Parse<PetitionKind>(reader.GetString(2)), Enum.Parse<Channel>(reader.GetString(3)),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetString(8),
                    Enum.Parse<ClockState>(reader.GetString(9)), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                    reader.IsDBNull(11) ? null : Enum.Parse<DueUnit>(reader.GetString(11))));
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (connection, command) in _clients)
            {
                await command.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }
}
