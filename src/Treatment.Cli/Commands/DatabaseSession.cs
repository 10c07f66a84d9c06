using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Hosting;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Cli.Commands;

/// <summary>
/// The database commands' host: <see cref="Host.CreateApplicationBuilder()"/> with the product's one composition root
/// (<see cref="TreatmentCoreServiceCollectionExtensions.AddTreatmentCore"/>) over TREATMENT_DB, so the command line
/// counts on the same live calendar as the web host (the calendar files plus the holiday changes applied in the database).
/// </summary>
internal sealed class DatabaseSession : IAsyncDisposable
{
    public const string DatabaseVariable = TreatmentCoreServiceCollectionExtensions.DatabaseVariable;

    private readonly IHost _host;

    private DatabaseSession(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public string WorkflowsFolder => Services.GetRequiredService<TreatmentFolders>().Workflows;

    public string TemplatesFolder => Services.GetRequiredService<TreatmentFolders>().Templates;

    public WorkflowCatalog Catalog => Services.GetRequiredService<WorkflowCatalog>();

    public DeadlineCalculator Clock => Services.GetRequiredService<DeadlineCalculator>();

    /// <summary>The live calendar: files plus the changes applied in the database.</summary>
    public LiveHolidayCalendar Calendar => Services.GetRequiredService<LiveHolidayCalendar>();

    public static bool DatabaseConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DatabaseVariable));

    /// <summary>Opens TREATMENT_DB, loads workflows and calendar, and brings the schema and the affairs catalogue up to date.</summary>
    public static Task<DatabaseSession> OpenAsync(string? workflowsOption, CancellationToken ct, string? templatesOption = null) =>
        OpenAsync(workflowsOption, templatesOption, migrate: true, ct);

    /// <summary>
    /// The host over TREATMENT_DB. With <paramref name="migrate"/> the schema and the affairs catalogue are brought up to
    /// date first; without it the database is only read (a database without the schema has applied no holiday change).
    /// </summary>
    public static async Task<DatabaseSession> OpenAsync(string? workflowsOption, string? templatesOption, bool migrate, CancellationToken ct)
    {
        var connectionString = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CliUsageException($"{DatabaseVariable} is not set (e.g. Host=127.0.0.1;Port=55432;Database=treatment;Username=postgres)");
        }

        var folder = WorkflowFolders.Find(workflowsOption);
        var host = Build(connectionString, folder, WorkflowFolders.Templates(folder, templatesOption));
        var session = new DatabaseSession(host);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
            if (migrate)
            {
                var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Treatment.Database");
                await DatabaseInitializer.InitializeAsync(db, folder, migrate: true, seedDemo: false, scope.ServiceProvider.GetRequiredService<TimeProvider>(), logger, ct);
            }

            try
            {
                await CalendarRefreshService.RefreshAsync(db, session.Calendar, ct);
            }
            catch (PostgresException ex) when (!migrate && ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Not migrated yet: no holiday change can have been applied there.
            }
        }
        catch (NpgsqlException ex)
        {
            await session.DisposeAsync();
            throw new CliFailureException($"cannot use the database in {DatabaseVariable}: {ex.Message}");
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        return session;
    }

    private static IHost Build(string connectionString, string workflowsFolder, string templatesFolder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{TreatmentOptions.Section}:Database"] = connectionString,
            [$"{TreatmentOptions.Section}:WorkflowsFolder"] = workflowsFolder,
            [$"{TreatmentOptions.Section}:TemplatesFolder"] = templatesFolder,
        });

        // Standard output carries only the command's result: warnings and errors go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The database's own failures reach the command as exceptions, said in one line; EF's logging would repeat them at length.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        try
        {
            builder.Services.AddTreatmentCore(builder.Configuration);
        }
        catch (WorkflowLoadException ex)
        {
            throw new CliFailureException(ex.Errors.Count > 0 ? ex.Errors[0].ToString() : ex.Message);
        }
        catch (CalendarFileException ex)
        {
            throw new CliFailureException($"bad calendar file {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new CliFailureException(ex.Message);
        }

        return builder.Build();
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public TreatmentDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.Configure(options, DataSource);
        return new TreatmentDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
