using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;

namespace Treatment.Core.Hosting;

/// <summary>
/// Keeps this process's calendar in step with holiday changes applied by any process (they are rows in
/// calendar_changes): rebuilt at start-up and whenever the set of changes grows.
/// </summary>
public sealed class CalendarRefreshService(IServiceScopeFactory scopes, LiveHolidayCalendar calendar, TimeProvider time, ILogger<CalendarRefreshService> logger)
    : BackgroundService
{
    /// <summary>Rebuilds the live calendar from the file-built one plus every change recorded in the database.</summary>
    public static async Task RefreshAsync(TreatmentDbContext db, LiveHolidayCalendar live, CancellationToken ct)
    {
        var changes = await db.CalendarChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        live.ReplaceWithChanges(changes);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RefreshAsync(scope.ServiceProvider.GetRequiredService<TreatmentDbContext>(), calendar, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh the holiday calendar from the database; keeping the current one");
            }
        }
    }
}
