using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Workflows;
using Treatment.Web.Api;
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
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration[$"{TreatmentOptions.Section}:Database"])
            && Environment.GetEnvironmentVariable("TREATMENT_DB") is { Length: > 0 } fromEnvironment)
        {
            configuration[$"{TreatmentOptions.Section}:Database"] = fromEnvironment;
        }

        builder.Services.AddOptions<TreatmentOptions>()
            .Bind(configuration.GetSection(TreatmentOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => IsValidKey(o.PersonalDataKey), "Treatment:PersonalDataKey must be base64 of exactly 32 bytes")
            .ValidateOnStart();

        var options = configuration.GetSection(TreatmentOptions.Section).Get<TreatmentOptions>() ?? new TreatmentOptions();
        var folders = TreatmentFolders.Resolve(options, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(folders);

        // Bad workflow files, templates or calendar data stop start-up here, naming file and line.
        builder.Services.AddSingleton(WorkflowCatalog.LoadOrThrow(folders.Workflows, folders.Templates));
        var calendar = new LiveHolidayCalendar((HolidayCalendar)HolidayCalendarLoader.LoadFolder(Path.Combine(folders.Workflows, "calendar")));
        builder.Services.AddSingleton(calendar);
        builder.Services.AddSingleton<IHolidayCalendar>(calendar);
        builder.Services.AddHostedService<CalendarRefreshService>();
        builder.Services.AddTreatmentClock(folders.Workflows);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new PersonalDataProtector(sp.GetRequiredService<IOptions<TreatmentOptions>>().Value.PersonalDataKey));

        var dataSource = TreatmentDatabase.CreateDataSource(options.Database);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContextPool<TreatmentDbContext>(o => TreatmentDatabase.Configure(o, dataSource));

        builder.Services.AddDataProtection().SetApplicationName("Treatment");
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddAuthorization();
        builder.Services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<TreatmentDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddBackOffice();
        builder.Services.AddTreatmentJobs(options, dataSource, configuration);
        builder.Services.AddTreatmentApi(folders);
        builder.Services.AddTreatmentReports(folders);

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TreatmentDbContext>("database")
            .AddCheck<JobStorageHealthCheck>("job-storage");
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseTreatment(this WebApplication app)
    {
        app.UseExceptionHandler();
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
        var options = app.Services.GetRequiredService<IOptions<TreatmentOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var folders = scope.ServiceProvider.GetRequiredService<TreatmentFolders>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Treatment.Database");
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        // Demo petitions go through the petition service; test hosts start without them unless asked.
        var demoPetitions = app.Configuration.GetValue("Treatment:DemoPetitionCount", app.Environment.IsEnvironment("Testing") ? 0 : 300);
        await DatabaseInitializer.InitializeAsync(
            db, folders.Workflows, options.MigrateOnStart, options.SeedDemoData, time, logger, app.Lifetime.ApplicationStopping,
            demoPetitions > 0 ? (d, ct) => DemoPetitions.SeedAsync(d, scope.ServiceProvider.GetRequiredService<PetitionIntake>(), scope.ServiceProvider.GetRequiredService<PetitionService>(), time, demoPetitions, ct) : null);
        await CalendarRefreshService.RefreshAsync(db, scope.ServiceProvider.GetRequiredService<LiveHolidayCalendar>(), app.Lifetime.ApplicationStopping);
        await PublishedWorkflows.VerifyAndRecordAsync(db, scope.ServiceProvider.GetRequiredService<WorkflowCatalog>(), time, app.Lifetime.ApplicationStopping);
    }

    private static bool IsValidKey(string key)
    {
        try
        {
            return Convert.FromBase64String(key).Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
