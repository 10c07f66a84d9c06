using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Clock;
using Treatment.Core.Hosting;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// A throwaway database beside the bench database, with the schema of the EF migrations and the demo organisation,
/// loaded with open grievance petitions by binary COPY; dropped when disposed so runs never see each other's rows.
/// </summary>
internal sealed class SweepBenchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private SweepBenchDatabase(string serverConnectionString, string connectionString, NpgsqlDataSource dataSource, int agencyId, int departmentId)
    {
        _serverConnectionString = serverConnectionString;
        ConnectionString = connectionString;
        DataSource = dataSource;
        AgencyId = agencyId;
        DepartmentId = departmentId;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public int AgencyId { get; }

    public int DepartmentId { get; }

    public static async Task<SweepBenchDatabase> CreateAsync(string benchConnectionString, string suffix, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(benchConnectionString);
        var name = $"{builder.Database}_{suffix}_{Environment.ProcessId}";
        await using (var server = new NpgsqlConnection(benchConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", server);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"create database \"{name}\" encoding 'UTF8' template template0", server);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        builder.Database = name;
        builder.MaxPoolSize = 20;
        var connectionString = builder.ConnectionString;
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.Configure(options, connectionString);
        await using (var db = new TreatmentDbContext(options.Options))
        {
            await DatabaseInitializer.InitializeAsync(db, Folders.Workflows, migrate: true, seedDemo: true, TimeProvider.System, NullLogger.Instance, cancellationToken);
        }

        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var lookup = dataSource.CreateCommand("select d.agency_id, d.id from departments d join agencies a on a.id = d.agency_id where a.code = 'SEOUL-JONGNO' and d.is_petitions_office");
        await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SweepBenchDatabase(benchConnectionString, connectionString, dataSource, reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Loads open grievance petitions (state reviewing) by binary COPY: the first <paramref name="due"/> have their due
    /// and next milestone "due" at <paramref name="dueAt"/>, the rest a milestone spread over the next 30 days.
    /// </summary>
    public async Task LoadAsync(int count, int due, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var received = dueAt.AddDays(-9).UtcDateTime;
        var now = DateTime.UtcNow;
        await using (var import = await connection.BeginBinaryImportAsync(
            """
            copy petitions (receipt_number, receipt_year, receipt_sequence, kind, channel, title, body, petitioner_name, arrived_at,
                received_at, agency_id, department_id, workflow_id, workflow_version, state, is_open, clock_state, period_unit,
                period_value, due_at, due_unit, extension_count, exclusions, extensions, overdue, escalation_level, next_milestone_at,
                next_milestone, clock_generation, result_notices_sent, signer_count, household_count, created_at, updated_at)
            from stdin (format binary)
            """,
            cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var isDue = i < due;
                var milestoneAt = isDue ? dueAt.UtcDateTime : now.AddMinutes(10 + i % 43_200);
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync($"B-{i:D8}", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(2025, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(i + 1, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync("Grievance", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync("OnlinePortal", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync("도로 파손 신고", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync("본문", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync("홍길동", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(received, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(received, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(AgencyId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(DepartmentId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync("grievance", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync("reviewing", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync("Running", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync("Days", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(7, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(isDue ? dueAt.UtcDateTime : milestoneAt.AddDays(3), NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync("Days", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync("[]", NpgsqlDbType.Jsonb, cancellationToken);
                await import.WriteAsync("[]", NpgsqlDbType.Jsonb, cancellationToken);
                await import.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(milestoneAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(isDue ? "due" : "halfway-reminder", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            // Loading a large batch on a busy machine outlasts the default 30 s command timeout.
            import.Timeout = TimeSpan.FromMinutes(10);
            await import.CompleteAsync(cancellationToken);
        }

        await using var analyze = new NpgsqlCommand("analyze petitions", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A sweep over this database as the host builds it (real catalogue, calendar and planner).</summary>
    public MilestoneSweep Sweep(int batchSize) =>
        new(DataSource, Folders.Catalog, new WorkflowMilestonePlanner(new DeadlineCalculator(Folders.Calendar)), new MilestoneSweepSettings { BatchSize = batchSize, FanOutJobs = 0 },
            TimeProvider.System, NullLogger<MilestoneSweep>.Instance);

    public async ValueTask DisposeAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(_serverConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", server);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The repository's workflows/ and templates/ folders and what the host loads from them.</summary>
    internal static class Folders
    {
        public static string Workflows { get; } = RepositoryFolders.FindUpward("workflows", AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("workflows/ not found above the bench binary");

        public static string Templates { get; } = RepositoryFolders.FindUpward("templates", AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("templates/ not found above the bench binary");

        public static WorkflowCatalog Catalog => LazyCatalog.Value;

        public static IHolidayCalendar Calendar => LazyCalendar.Value;

        private static readonly Lazy<WorkflowCatalog> LazyCatalog = new(() => WorkflowCatalog.LoadOrThrow(Workflows, Templates));

        private static readonly Lazy<IHolidayCalendar> LazyCalendar = new(() => HolidayCalendarLoader.LoadFolder(Path.Combine(Workflows, "calendar")));
    }
}
