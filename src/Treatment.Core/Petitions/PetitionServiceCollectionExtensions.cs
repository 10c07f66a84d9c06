using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Treatment.Core.Assignment;
using Treatment.Core.Jobs;
using Treatment.Core.Notices;

namespace Treatment.Core.Petitions;

public static class PetitionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the petition service (scoped, over the request's DbContext), the notice templates (parsed and checked
    /// now: a bad template stops start-up naming file and line), the routing table, and the due-only milestone planner
    /// unless a fuller one is registered.
    /// </summary>
    public static IServiceCollection AddTreatmentPetitions(this IServiceCollection services, string workflowsFolder, string templatesFolder)
    {
        services.AddSingleton(NoticeRenderer.Load(templatesFolder));
        services.AddSingleton(StandaloneNotices.Load(workflowsFolder, templatesFolder));
        services.AddSingleton(Documents.DocumentRenderer.Load(templatesFolder));
        services.AddScoped<Documents.AgencySigningKeys>();
        services.AddScoped<Documents.DocumentIssuer>();
        services.AddSingleton(RoutingTable.Load(workflowsFolder));
        services.TryAddSingleton<IMilestonePlanner, DueMilestonePlanner>();
        services.TryAddSingleton<Agencies.AgencyDirectory>();
        services.TryAddSingleton(sp => new Reports.RollupWriter(sp.GetRequiredService<Clock.IHolidayCalendar>(), sp.GetRequiredService<Workflows.WorkflowCatalog>()));
        services.AddScoped(sp => new PetitionChange(sp.GetRequiredService<Clock.IDeadlineCalculator>(), sp.GetRequiredService<IMilestonePlanner>()));
        services.AddScoped<PetitionChangeWriter>();
        services.AddScoped<ReceiptAllocator>();
        services.AddScoped<NoticeIssuer>();
        services.AddScoped<PetitionIntake>();
        services.AddScoped<PetitionService>();
        services.AddTreatmentAssignment(workflowsFolder);
        services.AddScoped<WorkflowMigrationService>();
        services.AddSingleton(Petitioner.PetitionerActionCatalog.Load(workflowsFolder));
        services.AddScoped<Petitioner.PetitionerActions>();
        services.AddScoped<Petitioner.NoticeReturns>();
        services.AddScoped<Packages.PackageIntake>();
        services.AddScoped<Packages.PackageDefinitions>();
        services.AddScoped<AddressChanges.AddressChangeService>();
        services.AddScoped<AddressChanges.RecipientRegistry>();
        return services;
    }
}
