using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Workflows;
using Treatment.Web.Api;
using Treatment.Web.Security;
using Treatment.Core.Hosting;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Core.Security;

namespace Treatment.Web.Hosting;

public static class TreatmentHostExtensions
{
    public static WebApplicationBuilder AddTreatment(this WebApplicationBuilder builder)
    {
        builder.Services.AddTreatmentCore(builder.Configuration);
        builder.Services.AddOptions<PersonalDataOptions>().ValidateOnStart();

        builder.Services.AddTreatmentSecurity(builder.Configuration);
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddAuthorization();
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole<Guid>), builder.Services)
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddBackOffice();
        builder.Services.AddTreatmentJobs(builder.Configuration);
        builder.Services.AddTreatmentApi();

        builder.Services.AddTransientFaultHandling(builder.Configuration);
        builder.Services.AddGracefulShutdown(builder.Configuration);
        // While the database is away the host is degraded, not dead: it answers 503s and recovers by itself.
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TreatmentDbContext>("database", failureStatus: HealthStatus.Degraded)
            .AddCheck<JobStorageHealthCheck>("job-storage", failureStatus: HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(5));
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseTreatment(this WebApplication app)
    {
        app.UseTreatmentSecurity();
        app.UseExceptionHandler();
        app.UseTransientFaultHandling();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseBackOffice();
        app.UseTreatmentJobs(app.Services.GetRequiredService<IOptions<TreatmentOptions>>().Value);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        var api = app.MapGroup("/api/v1");
        api.MapCalendarEndpoints();
        app.MapTreatmentApi(api);
        var role = app.Services.GetRequiredService<IOptions<TreatmentOptions>>().Value.Role;
        app.UseTreatmentReports(runsJobs: role is HostRole.All or HostRole.Worker);
        return app;
    }

    public static async Task InitializeTreatmentDatabaseAsync(this WebApplication app)
    {
        // A bad setting stops the start here, naming it, before anything touches the database.
        app.Services.GetService<IStartupValidator>()?.Validate();
        var options = app.Services.GetRequiredService<IOptions<TreatmentOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var folders = scope.ServiceProvider.GetRequiredService<TreatmentFolders>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Treatment.Database");
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        // Demo petitions go through the petition service; test hosts start without them unless asked.
        var demoPetitions = options.DemoPetitionCount ?? (app.Environment.IsEnvironment("Testing") ? 0 : 300);
        await DatabaseInitializer.InitializeAsync(
            db, folders.Workflows, options.MigrateOnStart, options.SeedDemoData, time, logger, app.Lifetime.ApplicationStopping,
            demoPetitions > 0 ? (d, ct) => DemoPetitions.SeedAsync(d, scope.ServiceProvider.GetRequiredService<PetitionIntake>(), scope.ServiceProvider.GetRequiredService<PetitionService>(), time, demoPetitions, ct, scope.ServiceProvider.GetRequiredService<Treatment.Core.Assignment.AssignmentService>()) : null);
        if (app.Environment.IsProduction() && !options.SeedDemoData && await DemoCredentials.StillUsableAsync(db, app.Lifetime.ApplicationStopping) is [_, ..] published)
        {
            throw new InvalidOperationException($"a production start refuses published demo credentials: {string.Join("; ", published)}");
        }

        await CalendarRefreshService.RefreshAsync(db, scope.ServiceProvider.GetRequiredService<LiveHolidayCalendar>(), app.Lifetime.ApplicationStopping);
        // Calendar files changed since the dues were counted wait as a pending correction for an admin (decision 019).
        await scope.ServiceProvider.GetRequiredService<Treatment.Core.BackOffice.CalendarFilesCorrection>()
            .RecordBaselineOrReportAsync(time.GetUtcNow(), logger, app.Lifetime.ApplicationStopping);
        await PublishedWorkflows.VerifyAndRecordAsync(db, scope.ServiceProvider.GetRequiredService<WorkflowCatalog>(), time, app.Lifetime.ApplicationStopping);
    }
}
