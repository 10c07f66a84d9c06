using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// Issue 7: with 2,000,000 petitions in the database, the inbox query (the compiled EF Core query the inbox page runs)
/// at 8 concurrent clients against the same query as raw prepared SQL, and the inbox page's server time at 100
/// requests/s. Synthetic rows are COPY-loaded once and kept; later runs reuse them.
/// </summary>
public sealed partial class InboxBenchmark : IBenchScenario
{
    private const int TargetPetitions = 2_000_000;
    private const int SyntheticOfficials = 2_000;
    private const int PageSize = 50;
    private const int Clients = 8;

    private const string RawInboxSql =
        "SELECT p.id, p.receipt_number, p.kind, p.channel, p.title, p.petitioner_name, p.workflow_id, p.workflow_version, p.state, " +
        "p.clock_state, p.due_at, p.due_unit FROM petitions AS p WHERE p.is_open AND p.assignee_id = $1 ORDER BY p.due_at, p.id LIMIT $2";

    public string Name => "inbox";

    public bool NeedsDatabase => true;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var log = context.Log;
        // Its own database of the size it names: the shared one grows with the other scenarios' rows.
        context = context with { ConnectionString = await ScenarioDatabase.EnsureAsync(context, ScenarioDatabase.Inbox, cancellationToken) };
        await using var host = new BenchHost(context.ConnectionString);
        _ = host.Services; // migrations and the demo organisation
        var connectionString = new NpgsqlConnectionStringBuilder(context.ConnectionString) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2, MaxPoolSize = 40, CommandTimeout = 0 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var petitions = await EnsurePetitionsAsync(dataSource, log, cancellationToken);

        var assignees = await BusyAssigneesAsync(dataSource, cancellationToken);
        log.WriteLine($"[inbox] {assignees.Count} assignees with open petitions sampled; query: first page of {PageSize}");
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        // The EF side reads through the inbox's own data source as the product builds it (at most the processor
        // count of connections); the raw side keeps one connection per client.
        await using var efSource = TreatmentDatabase.CreateInboxReadDataSource(context.ConnectionString);
        TreatmentDatabase.ConfigureInboxReads(options, efSource);
        var factory = new PooledDbContextFactory<TreatmentDbContext>(options.Options);
        var folders = BenchHost.RepositoryRoot();
        var catalog = WorkflowCatalog.LoadOrThrow(Path.Combine(folders, "workflows"), Path.Combine(folders, "templates"));
        var badges = new DueBadges(HolidayCalendarLoader.LoadFolder(Path.Combine(folders, "workflows", "calendar")));

        async Task<int> EfQuery(int client, Guid assignee)
        {
            await using var db = factory.CreateDbContext();
            var inbox = new InboxService(db, catalog, badges, TimeProvider.System);
            return (await inbox.ReadMineAsync(assignee, PageSize, cancellationToken)).Count;
        }

        // Alternating short rounds, so that load from other processes on the machine falls on both alike.
        var rounds = context.Flags.Contains("quick") ? 2 : 6;
        var round = TimeSpan.FromSeconds(2);
        // Warm up until tiered compilation has finished with both paths: until then its background compiles take a core
        // (measured: 8 % of the machine's samples two seconds in, and a p99 half a millisecond higher).
        var warmUp = TimeSpan.FromSeconds(context.Flags.Contains("quick") ? 2 : 15);
        // Latencies go into buffers allocated once: a fresh large array per round would be large-object garbage,
        // and the full collections it brings would fall on the measured queries.
        var clients = Enumerable.Range(0, Clients).Select(_ => new List<double>(400_000)).ToArray();
        var rawLatencies = new List<double>(1_000_000);
        var efLatencies = new List<double>(1_000_000);
        var (rawSeconds, efSeconds) = (0.0, 0.0);
        await MeasureRawAsync(dataSource, assignees, warmUp, clients, cancellationToken);
        await MeasureAsync(EfQuery, assignees, warmUp, clients, cancellationToken);
        var (collections, paused) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
        var (fullCollections, gen1Collections) = (GC.CollectionCount(2), GC.CollectionCount(1));
        var (rawAllocated, efAllocated) = (0L, 0L);
        for (var i = 0; i < rounds; i++)
        {
            var before = GC.GetTotalAllocatedBytes();
            rawSeconds += await MeasureRawAsync(dataSource, assignees, round, clients, cancellationToken);
            Collect(clients, rawLatencies);
            var between = GC.GetTotalAllocatedBytes();
            efSeconds += await MeasureAsync(EfQuery, assignees, round, clients, cancellationToken);
            Collect(clients, efLatencies);
            (rawAllocated, efAllocated) = (rawAllocated + between - before, efAllocated + GC.GetTotalAllocatedBytes() - between);
        }

        var raw = Summarise(rawLatencies, rawSeconds);
        var ef = Summarise(efLatencies, efSeconds);

        // The process's collections pause every client alike; their count and length explain much of a tail.
        log.WriteLine($"[inbox] garbage collections while measuring: {GC.CollectionCount(0) - collections} (of which gen 1 {GC.CollectionCount(1) - gen1Collections}, gen 2 {GC.CollectionCount(2) - fullCollections}), paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms in {rounds * 2 * round.TotalSeconds:0} s; " +
            $"allocated per query: EF {efAllocated / efLatencies.Count / 1024.0:0.0} KiB, raw {rawAllocated / rawLatencies.Count / 1024.0:0.0} KiB");
        log.WriteLine($"[inbox] load average {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        log.WriteLine($"[inbox] EF: {ef.Rate:N0}/s p50 {ef.P50:0.###} ms p95 {ef.P95:0.###} ms p99 {ef.P99:0.###} ms p99.9 {ef.P999:0.###} ms; raw: {raw.Rate:N0}/s p50 {raw.P50:0.###} ms p95 {raw.P95:0.###} ms p99 {raw.P99:0.###} ms p99.9 {raw.P999:0.###} ms");

        var page = await MeasurePageAsync(host, log, cancellationToken);
        return
        [
            new BenchRow($"inbox query (EF compiled), {Clients} clients, {petitions:N0} petitions", ef.Rate, "queries/s", "raw prepared SQL, same run", raw.Rate),
            new BenchRow($"inbox query (EF compiled), {Clients} clients: p99", ef.P99, "ms", "raw prepared SQL p99", raw.P99),
            new BenchRow($"inbox query (EF compiled), {Clients} clients: p50", ef.P50, "ms", "raw prepared SQL p50", raw.P50),
            new BenchRow("inbox page at 100 requests/s: server time p50", page.P50, "ms"),
            new BenchRow("inbox page at 100 requests/s: server time p95", page.P95, "ms"),
        ];
    }

    private sealed record Measured(double Rate, double P50, double P95, double P99, double P999);

    private static Measured Summarise(List<double> latencies, double seconds)
    {
        latencies.Sort();
        var sorted = latencies.ToArray();
        return new Measured(sorted.Length / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), Percentile(sorted, 0.999));
    }

    private static void Collect(List<double>[] clients, List<double> into)
    {
        foreach (var client in clients)
        {
            into.AddRange(client);
        }
    }

    /// <summary>Runs the clients closed-loop for <paramref name="duration"/>; each client's latencies land in its buffer. Returns the seconds taken.</summary>
    private static async Task<double> MeasureAsync(Func<int, Guid, Task<int>> query, IReadOnlyList<Guid> assignees, TimeSpan duration, List<double>[] buffers, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            var mine = buffers[client];
            mine.Clear();
            var i = client;
            while (stopwatch.Elapsed < duration && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await query(client, assignees[i++ % assignees.Count]);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureRawAsync(NpgsqlDataSource dataSource, IReadOnlyList<Guid> assignees, TimeSpan duration, List<double>[] buffers, CancellationToken ct)
    {
        // One prepared command per client connection: the fastest way Npgsql offers to run this query.
        var connections = new List<(NpgsqlConnection Connection, NpgsqlCommand Command)>();
        for (var i = 0; i < Clients; i++)
        {
            var connection = await dataSource.OpenConnectionAsync(ct);
            var command = new NpgsqlCommand(RawInboxSql, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = PageSize });
            await command.PrepareAsync(ct);
            connections.Add((connection, command));
        }

        try
        {
            return await MeasureAsync((client, assignee) =>
            {
                // Each client runs its own prepared command on its own connection.
                var command = connections[client].Command;
                ((NpgsqlParameter<Guid>)command.Parameters[0]).TypedValue = assignee;
                return ReadRawAsync(command, ct);
            }, assignees, duration, buffers, ct);
        }
        finally
        {
            foreach (var (connection, command) in connections)
            {
                await command.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<int> ReadRawAsync(NpgsqlCommand command, CancellationToken ct)
    {
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

        return rows.Count;
    }

    /// <summary>Signs in as the demo official and requests /Inbox open-loop at 100/s for 10 s; in-memory server, so latency is server time.</summary>
    private static async Task<Measured> MeasurePageAsync(BenchHost host, TextWriter log, CancellationToken ct)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/SignIn", ct);
        var token = TokenPattern().Match(form).Groups[1].Value;
        var signIn = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "jongno.official",
            ["Password"] = DemoReferenceData.DemoPassword,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }), ct);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)signIn.StatusCode}");
        }

        for (var i = 0; i < 50; i++)
        {
            (await client.GetAsync("/Inbox", ct)).EnsureSuccessStatusCode();
        }

        const int requests = 1000;
        var latencies = new double[requests];
        var started = Stopwatch.StartNew();
        var tasks = new List<Task>(requests);
        for (var i = 0; i < requests; i++)
        {
            var due = TimeSpan.FromMilliseconds(i * 10);
            if (started.Elapsed < due)
            {
                await Task.Delay(due - started.Elapsed, ct);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync("/Inbox", ct);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync(ct);
                latencies[index] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }, ct));
        }

        await Task.WhenAll(tasks);
        var achieved = requests / started.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        log.WriteLine($"[inbox] page: {requests} requests at {achieved:0.#}/s, p50 {Percentile(latencies, 0.5):0.##} ms, p95 {Percentile(latencies, 0.95):0.##} ms, max {latencies[^1]:0.##} ms");
        return new Measured(achieved, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), Percentile(latencies, 0.999));
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static async Task<List<Guid>> BusyAssigneesAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select assignee_id from petitions where is_open and assignee_id is not null group by assignee_id order by count(*) desc, assignee_id limit 256");
        var list = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(reader.GetGuid(0));
        }

        return list.Count > 0 ? list : throw new InvalidOperationException("no open petitions with an assignee");
    }

    /// <summary>
    /// COPY-loads synthetic petitions up to 2,000,000 (10 % open, ~100 open per official), indexes dropped during the load.
    /// Returns the petitions in the table, which other scenarios sharing the database may have made more.
    /// </summary>
    internal static async Task<long> EnsurePetitionsAsync(NpgsqlDataSource dataSource, TextWriter log, CancellationToken ct, long target = TargetPetitions)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await RestoreIndexesAsync(connection, log, ct);
        var existing = (long)(await dataSource.CreateCommand("select count(*) from petitions").ExecuteScalarAsync(ct))!;
        if (existing >= target)
        {
            log.WriteLine($"[inbox] reusing {existing:N0} petitions");
            return existing;
        }

        int agencyId;
        var departments = new List<int>();
        await using (var command = new NpgsqlCommand("select a.id, d.id from agencies a join departments d on d.agency_id = a.id where a.code = 'SEOUL-JONGNO' order by d.id", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            agencyId = 0;
            while (await reader.ReadAsync(ct))
            {
                agencyId = reader.GetInt32(0);
                departments.Add(reader.GetInt32(1));
            }
        }

        var officials = new List<(Guid Id, int Department)>();
        await using (var command = new NpgsqlCommand("select id, department_id from users where user_name = 'jongno.official'", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                officials.Add((reader.GetGuid(0), reader.GetInt32(1)));
            }
        }

        await using (var delete = new NpgsqlCommand("delete from users where user_name like 'bench.official.%' and not exists (select 1 from petitions p where p.assignee_id = users.id)", connection))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy users (id, user_name, normalized_user_name, display_name, agency_id, department_id, is_active, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) from stdin (format binary)", ct))
        {
            for (var i = 0; i < SyntheticOfficials; i++)
            {
                var id = Guid.CreateVersion7();
                var department = departments[i % departments.Count];
                officials.Add((id, department));
                var name = FormattableString.Invariant($"bench.official.{i:D4}.{id:N}")[..40];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(name.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(Names.Person(i), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(agencyId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(department, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }

            await writer.CompleteAsync(ct);
        }

        // Indexes are rebuilt once after the load: far faster than maintaining two trigram GIN indexes row by row.
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand("select indexname, indexdef from pg_indexes where tablename = 'petitions' and indexname <> 'pk_petitions'", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // Kept in a table until rebuilt, so an interrupted load is repaired by the next run.
        await using (var backup = new NpgsqlCommand("create table if not exists bench_index_backup (name text primary key, definition text not null)", connection))
        {
            await backup.ExecuteNonQueryAsync(ct);
        }

        foreach (var (name, definition) in indexes)
        {
            await using var save = new NpgsqlCommand("insert into bench_index_backup values ($1, $2) on conflict do nothing", connection);
            save.Parameters.Add(new NpgsqlParameter { Value = name });
            save.Parameters.Add(new NpgsqlParameter { Value = definition });
            await save.ExecuteNonQueryAsync(ct);
            await using var drop = new NpgsqlCommand($"drop index \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }

        var now = DateTimeOffset.UtcNow;
        var random = new Random(20251127);
        var toLoad = target - existing;
        var start = existing + 1;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy petitions (receipt_number, receipt_year, receipt_sequence, kind, channel, title, body, petitioner_name, arrived_at, received_at, " +
            "agency_id, department_id, assignee_id, workflow_id, workflow_version, state, is_open, clock_state, period_unit, period_value, due_at, due_unit, " +
            "extension_count, exclusions, extensions, overdue, escalation_level, clock_generation, result_notices_sent, signer_count, household_count, created_at, updated_at) " +
            "from stdin (format binary)", ct))
        {
            for (var n = start; n < start + toLoad; n++)
            {
                var open = n % 10 == 0;
                var (assignee, department) = open ? officials[(int)(n / 10 % officials.Count)] : officials[random.Next(officials.Count)];
                var received = open ? now.AddHours(-random.Next(1, 24 * 20)) : now.AddDays(-random.Next(20, 720));
                var due = open ? received.AddDays(random.Next(3, 30)) : received.AddDays(7);
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(FormattableString.Invariant($"B{received.Year}-{n:D9}"), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(received.Year, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync((int)n, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(n % 3 == 0 ? "Legal" : n % 3 == 1 ? "Other" : "Grievance", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(n % 4 == 0 ? "Visit" : "OnlinePortal", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(Names.Title(random), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync("민원 내용입니다.", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(Names.Person(random.Next()), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(received, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(received, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(agencyId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(department, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(assignee, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync("other", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(2, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(open ? "received" : "answered", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(open, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(open ? "Running" : "Stopped", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync("Days", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(7, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(due, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync("Days", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync("[]", NpgsqlDbType.Jsonb, ct);
                await writer.WriteAsync("[]", NpgsqlDbType.Jsonb, ct);
                await writer.WriteAsync(open && due < now, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(open ? 0 : 1, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(received, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(received, NpgsqlDbType.TimestampTz, ct);
            }

            await writer.CompleteAsync(ct);
        }

        log.WriteLine($"[inbox] loaded {toLoad:N0} petitions in {stopwatch.Elapsed.TotalSeconds:0} s; rebuilding {indexes.Count} indexes");
        await RestoreIndexesAsync(connection, log, ct);
        log.WriteLine($"[inbox] data ready in {stopwatch.Elapsed.TotalSeconds:0} s");
        return target;
    }

    private static async Task RestoreIndexesAsync(NpgsqlConnection connection, TextWriter log, CancellationToken ct)
    {
        var saved = new List<(string Name, string Definition)>();
        await using (var exists = new NpgsqlCommand("select to_regclass('bench_index_backup') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return;
            }
        }

        await using (var command = new NpgsqlCommand("select name, definition from bench_index_backup", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                saved.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, definition) in saved)
        {
            log.WriteLine($"[inbox] building index {name}");
            await using var create = new NpgsqlCommand(definition.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", StringComparison.Ordinal), connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var drop = new NpgsqlCommand("drop table bench_index_backup", connection))
        {
            await drop.ExecuteNonQueryAsync(ct);
        }

        // VACUUM cannot run inside a multi-statement command (implicit transaction).
        await using (var vacuum = new NpgsqlCommand("vacuum analyze petitions", connection))
        {
            await vacuum.ExecuteNonQueryAsync(ct);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Korean names and titles varied enough for the trigram indexes to look like production.</summary>
    private static class Names
    {
        private static readonly string[] Surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"];
        private static readonly string[] Syllables = ["민", "서", "지", "현", "준", "수", "영", "하", "도", "윤", "진", "우", "연", "은", "재", "호", "경", "미", "태", "성", "혜", "아", "동", "길"];
        private static readonly string[] Subjects = ["건축 허가", "도로 파손", "가로등 고장", "불법 주차", "소음", "쓰레기 수거", "세금 감면", "복지 급여", "주민등록 등본", "공원 관리", "상수도 요금", "버스 노선"];
        private static readonly string[] Verbs = ["신고", "문의", "요청", "건의", "이의 제기", "민원"];

        public static string Person(int seed)
        {
            var s = (uint)seed;
            return Surnames[s % 20] + Syllables[s / 20 % 24] + Syllables[s / 480 % 24];
        }

        public static string Title(Random random) =>
            $"{Subjects[random.Next(Subjects.Length)]} {Verbs[random.Next(Verbs.Length)]} ({random.Next(1, 500).ToString(CultureInfo.InvariantCulture)}번지)";
    }
}
