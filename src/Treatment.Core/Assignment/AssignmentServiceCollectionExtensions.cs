using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Treatment.Core.Assignment;

public static class AssignmentServiceCollectionExtensions
{
    /// <summary>Registers distribution, assignment and absences (scoped, over the request's DbContext) and the hand-over rule (read now: a bad file stops start-up).</summary>
    public static IServiceCollection AddTreatmentAssignment(this IServiceCollection services, string workflowsFolder)
    {
        services.TryAddSingleton(HandOverRule.Load(workflowsFolder));
        services.TryAddScoped<Distribution>();
        services.TryAddScoped<AssignmentService>();
        services.TryAddScoped<AbsenceService>();
        services.TryAddScoped<DistributionSettingsService>();
        services.TryAddScoped<BackOffice.InboxTabs>();
        return services;
    }
}
