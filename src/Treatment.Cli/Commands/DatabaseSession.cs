using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Cli.Commands;

/// <summary>What the database commands share: TREATMENT_DB, the workflows folder, the calendar and the clock.</summary>
internal sealed class DatabaseSession : IAsyncDisposable
{
    public const string DatabaseVariable = "TREATMENT_DB";

    private DatabaseSession(NpgsqlDataSource dataSource, string workflowsFolder, WorkflowCatalog catalog, DeadlineCalculator clock)
    {
        DataSource = dataSource;
        WorkflowsFolder = workflowsFolder;
        Catalog = catalog;
        Clock = clock;
    }

    public NpgsqlDataSource DataSource { get; }

    public string WorkflowsFolder { get; }

    public WorkflowCatalog Catalog { get; }

    public DeadlineCalculator Clock { get; }

    /// <summary>Opens TREATMENT_DB, loads workflows and calendar, and brings the schema and the affairs catalogue up to date.</summary>
    public static async Task<DatabaseSession> OpenAsync(string? workflowsOption, CancellationToken ct)
    {
        var connectionString = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CliUsageException($"{DatabaseVariable} is not set (e.g. Host=127.0.0.1;Port=55432;Database=treatment;Username=postgres)");
        }

        var folder = WorkflowFolders.Find(workflowsOption);
        WorkflowCatalog catalog;
        try
        {
            catalog = WorkflowCatalog.LoadOrThrow(folder, WorkflowFolders.Templates(folder, null));
        }
        catch (WorkflowLoadException ex)
        {
            throw new CliFailureException(ex.Errors.Count > 0 ? ex.Errors[0].ToString() : ex.Message);
        }

        var calendar = CalendarLocation.Load(Path.Combine(folder, "calendar"));
        var dataSource = TreatmentDatabase.CreateDataSource(connectionString);
        try
        {
            var options = new DbContextOptionsBuilder<TreatmentDbContext>();
            TreatmentDatabase.Configure(options, dataSource);
            await using var db = new TreatmentDbContext(options.Options);
            await DatabaseInitializer.InitializeAsync(db, folder, migrate: true, seedDemo: false, TimeProvider.System, NullLogger.Instance, ct);
        }
        catch (NpgsqlException ex)
        {
            await dataSource.DisposeAsync();
            throw new CliFailureException($"cannot use the database in {DatabaseVariable}: {ex.Message}");
        }

        return new DatabaseSession(dataSource, folder, catalog, new DeadlineCalculator(calendar));
    }

    public TreatmentDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.Configure(options, DataSource);
        return new TreatmentDbContext(options.Options);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
