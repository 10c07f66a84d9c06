using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Channels;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.Hosting;

/// <summary>The one composition root of the product's core, shared by the web host and the command line.</summary>
public static class TreatmentCoreServiceCollectionExtensions
{
    /// <summary>Name of the environment variable that, when set, names the database (it wins over nothing else: Treatment:Database first).</summary>
    public const string DatabaseVariable = "TREATMENT_DB";

    /// <summary>
    /// Settings (each section validated at start-up, naming the bad setting), workflow definitions and templates (a bad
    /// file stops here, naming file and line), the live holiday calendar (files plus the changes applied in the
    /// database, refreshed every minute), the clock, the database, identity stores, and the petition, job, report and
    /// back-office services. Hosts add only their edges: pages, API, the job server.
    /// </summary>
    public static IServiceCollection AddTreatmentCore(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration[$"{TreatmentOptions.Section}:Database"])
            && Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } fromEnvironment)
        {
            configuration[$"{TreatmentOptions.Section}:Database"] = fromEnvironment;
        }

        services.AddValidatedSettings<TreatmentOptions>(configuration, TreatmentOptions.Section);
        services.AddValidatedSettings<JobsOptions>(configuration, JobsOptions.Section);
        // Checked on first use here; hosts that hold personal data check it at start-up too.
        services.AddValidatedSettings<PersonalDataOptions>(configuration, TreatmentOptions.Section, validateOnStart: false);

        var options = configuration.GetSection(TreatmentOptions.Section).Get<TreatmentOptions>() ?? new TreatmentOptions();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var folders = TreatmentFolders.Resolve(options, configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory());
        services.AddSingleton(folders);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobsOptions>>().Value);

        // Bad workflow files, templates or calendar data stop start-up here, naming file and line.
        services.AddSingleton(WorkflowCatalog.LoadOrThrow(folders.Workflows, folders.Templates));
        var calendar = new LiveHolidayCalendar((HolidayCalendar)HolidayCalendarLoader.LoadFolder(Path.Combine(folders.Workflows, "calendar")));
        services.AddSingleton(calendar);
        services.AddSingleton<IHolidayCalendar>(calendar);
        services.AddHostedService<CalendarRefreshService>();
        services.AddTreatmentClock(folders.Workflows);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var keys = sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value;
            return new PersonalDataProtector(keys.PersonalDataKey, keys.PreviousPersonalDataKeys);
        });

        services.AddSingleton(sp => TreatmentDatabase.CreateDataSource(sp.GetRequiredService<IOptions<TreatmentOptions>>().Value.Database));
        services.AddDbContextPool<TreatmentDbContext>((sp, o) => TreatmentDatabase.Configure(o, sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<TreatmentDbContext>();

        services.AddTreatmentMilestones(jobs.Sweep, jobs.Outbox);
        services.AddTreatmentPetitions(folders.Workflows, folders.Templates);
        Complex.ComplexServiceCollectionExtensions.AddTreatmentComplexPetitions(services, folders.Workflows);

        services.AddSingleton(sp => ReportVersions.From(sp.GetRequiredService<WorkflowCatalog>(), Path.Combine(folders.Workflows, "calendar")));
        services.AddTransient<YearlyReportJob>();
        services.AddTransient(sp => new YearlyReportBuilder(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<WorkflowCatalog>()));
        services.AddTransient<ReportRunStore>();
        services.AddTransient<RollupFolder>();
        services.AddTransient<Reports.WhatIf.WhatIfReplay>();
        services.AddTransient<Reports.WhatIf.WhatIfService>();
        services.AddTransient<Reports.WhatIf.WhatIfJob>();
        services.AddTransient<MonthlyFiguresService>();

        services.AddScoped<SupervisorService>();
        services.AddScoped<ObjectionRegister>();
        services.AddScoped<MonthlyCheckRegister>();
        services.AddScoped<CalendarFilesCorrection>();
        services.AddScoped<Petitions.SameMatter.SameMatterService>();
        services.AddScoped<Petitions.ManyPerson.ManyPersonService>();
        services.AddSingleton(Committee.CommitteeMinutes.Load(folders.Templates));
        services.AddScoped<Committee.CommitteeService>();
        services.AddScoped<Committee.YearlyReviewList>();
        services.AddScoped<PetitionPageService>();
        services.AddScoped<AdminService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<FaultAdminService>();
        services.AddScoped<OrganisationSetup>();
        services.AddScoped<ChannelKeyAdmin>();
        services.AddScoped<PersonalDataRekeying>();
        return services;
    }
}
