using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Treatment.Core.Complex;

public static class ComplexServiceCollectionExtensions
{
    /// <summary>Registers complex petitions (the rule is read now: a bad file stops start-up), their service and the consultation sweep.</summary>
    public static IServiceCollection AddTreatmentComplexPetitions(this IServiceCollection services, string workflowsFolder)
    {
        services.TryAddSingleton(ComplexPetitionRule.Load(workflowsFolder));
        services.TryAddScoped<ComplexPetitionService>();
        services.TryAddTransient<ConsultationSweep>();
        services.TryAddScoped<Open311.Open311Service>();
        return services;
    }
}
