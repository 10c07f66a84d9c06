using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Treatment.Core.Clock;

public static class ClockServiceCollectionExtensions
{
    /// <summary>
    /// Registers the holiday calendar (loaded once from <c>{workflowsFolder}/calendar</c>; a bad file stops start-up
    /// with file and line), the default <see cref="ClockPolicy"/> and the <see cref="DeadlineCalculator"/> (also as <see cref="IDeadlineCalculator"/>).
    /// </summary>
    public static IServiceCollection AddTreatmentClock(this IServiceCollection services, string workflowsFolder)
    {
        var calendarFolder = Path.Combine(workflowsFolder, "calendar");
        services.TryAddSingleton<IHolidayCalendar>(_ => HolidayCalendarLoader.LoadFolder(calendarFolder));
        services.AddSingleton(ClockPolicy.Default);
        services.AddSingleton(sp => new DeadlineCalculator(sp.GetRequiredService<IHolidayCalendar>(), sp.GetRequiredService<ClockPolicy>()));
        services.AddSingleton<IDeadlineCalculator>(sp => sp.GetRequiredService<DeadlineCalculator>());
        return services;
    }
}
