using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Treatment.Core.Jobs;

public static class MilestoneServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflow milestone planner (replacing any simpler <see cref="IMilestonePlanner"/>), the sweep, the
    /// outbox delivery with the sender the settings name, notifications, the monthly check and calendar-change application.
    /// </summary>
    public static IServiceCollection AddTreatmentMilestones(this IServiceCollection services, MilestoneSweepSettings sweep, OutboxSettings outbox)
    {
        services.AddSingleton(sweep);
        services.AddSingleton(outbox);
        services.AddSingleton<WorkflowMilestonePlanner>();
        services.Replace(ServiceDescriptor.Singleton<IMilestonePlanner>(sp => sp.GetRequiredService<WorkflowMilestonePlanner>()));
        services.AddTransient<MilestoneSweep>();
        services.AddTransient<OutboxDelivery>();
        services.AddTransient<MonthlyStatusCheck>();
        services.AddScoped<UserNotifications>();
        services.AddScoped<CalendarChangeApplier>();
        if (string.Equals(outbox.Sender, "smtp", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IOutboxSender, SmtpOutboxSender>();
        }
        else
        {
            services.AddSingleton<IOutboxSender>(sp => new LogOutboxSender(outbox, sp.GetRequiredService<ILogger<LogOutboxSender>>()));
        }

        return services;
    }
}
