using Hangfire;
using Treatment.Core.Hosting;
using Treatment.Core.Jobs;

namespace Treatment.Web.Hosting;

/// <summary>Registers the recurring jobs at start (idempotent: AddOrUpdate by id), in processes that run jobs.</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurring, JobsOptions options) : IHostedService
{
    public const string SweepJobId = "milestone-sweep";
    public const string OutboxJobId = "outbox-delivery";
    public const string MonthlyCheckJobId = "monthly-status-check";
    public const string AbsenceStartJobId = "absence-start";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        recurring.AddOrUpdate<MilestoneSweep>(SweepJobId, s => s.RunAsync(CancellationToken.None), Cron.Minutely(), new RecurringJobOptions { TimeZone = zone });
        recurring.AddOrUpdate<OutboxDelivery>(OutboxJobId, d => d.DeliverAsync(CancellationToken.None), Cron.Minutely(), new RecurringJobOptions { TimeZone = zone });

        // Decree §22: the check of the previous month is due by the 5th; daily runs on the 1st–5th store it once.
        recurring.AddOrUpdate<MonthlyStatusCheck>(MonthlyCheckJobId, c => c.RunAsync(CancellationToken.None), "0 9 1-5 * *", new RecurringJobOptions { TimeZone = zone });

        // Absences recorded ahead move the absent official's open work on the morning they start (decision 011).
        recurring.AddOrUpdate<Treatment.Core.Assignment.AbsenceService>(AbsenceStartJobId, a => a.ApplyStartedAsync(CancellationToken.None), "5 0 * * *", new RecurringJobOptions { TimeZone = zone });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
