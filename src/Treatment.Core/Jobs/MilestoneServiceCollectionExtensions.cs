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
        services.AddSingleton<SweepTransitionIssuer>();
        services.AddSingleton(sp => ExaminerReminderForm.Load(sp.GetRequiredService<Hosting.TreatmentFolders>().Templates));
        services.AddTransient<MilestoneSweep>();
        services.AddTransient<OutboxDelivery>();
        services.AddTransient<MonthlyStatusCheck>();
        services.AddScoped<UserNotifications>();
        services.AddScoped<CalendarChangeApplier>();
        services.AddSingleton<FileMessageSender>();
        services.TryAddSingleton<IShortMessageSender>(sp => sp.GetRequiredService<FileMessageSender>());
        // Mail by the sender the settings name; SMS, 알림톡 and print by kind (ChannelOutboxSender).
        Func<IServiceProvider, IOutboxSender> mail = string.Equals(outbox.Sender, "smtp", StringComparison.OrdinalIgnoreCase)
            ? _ => new SmtpOutboxSender(outbox)
            : sp => new LogOutboxSender(outbox, sp.GetRequiredService<ILogger<LogOutboxSender>>());
        services.AddSingleton<AddressChanges.AddressChangeSender>();
        services.AddSingleton<IOutboxSender>(sp => new ChannelOutboxSender(
            mail(sp), sp.GetRequiredService<IShortMessageSender>(), sp.GetRequiredService<FileMessageSender>(), sp.GetRequiredService<AddressChanges.AddressChangeSender>()));

        return services;
    }
}
