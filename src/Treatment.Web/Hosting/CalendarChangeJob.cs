using System.Globalization;
using Hangfire;
using Treatment.Core.Jobs;

namespace Treatment.Web.Hosting;

/// <summary>Applies a queued holiday change in a worker (all open petitions are recomputed in one transaction).</summary>
public sealed class CalendarChangeJob(CalendarChangeApplier applier, ILogger<CalendarChangeJob> logger)
{
    /// <summary>Queues the change; the date travels as yyyy-MM-dd so the job's arguments stay plain text.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, CalendarChangeRequest request) =>
        jobs.Enqueue<CalendarChangeJob>(j => j.ApplyAsync(
            request.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), request.NameKo, request.IsHoliday, request.LegalBasis, request.AppliedById, CancellationToken.None));

    public async Task ApplyAsync(string date, string nameKo, bool isHoliday, string legalBasis, Guid? appliedById, CancellationToken cancellationToken)
    {
        var request = new CalendarChangeRequest(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), nameKo, isHoliday, legalBasis, appliedById);
        var outcome = await applier.ApplyAsync(request, cancellationToken);
        logger.LogInformation("Calendar change {Date} {Name} applied: {Moved} dues moved, {Failed} not computable", date, nameKo, outcome.Changes.Count, outcome.Failures.Count);
    }
}
