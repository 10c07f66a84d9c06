namespace Treatment.Core.Clock;

/// <summary>The clock inputs of one open petition, as stored, with the due currently recorded for it.</summary>
public sealed record OpenPetitionClock(
    long PetitionId,
    DateTimeOffset Received,
    TreatmentPeriod Period,
    IReadOnlyList<ExcludedSpan> Exclusions,
    IReadOnlyList<ClockExtension> Extensions,
    CountingMode Counting,
    DateTimeOffset CurrentDue);

/// <summary>
/// A petition whose due moves under the new calendar. <see cref="StoredDueMatchedOldCalendar"/> is false when the
/// stored due was not what the old calendar gives (an earlier manual change or a stale row): worth a look before applying.
/// </summary>
public sealed record DueChange(long PetitionId, DateTimeOffset From, DateTimeOffset To, string FromText, string ToText, bool StoredDueMatchedOldCalendar);

/// <summary>A petition whose due could not be recomputed under the new calendar, with the reason.</summary>
public sealed record DueChangeFailure(long PetitionId, ClockError Error);

public sealed record CalendarChangePreviewResult(IReadOnlyList<DueChange> Changes, IReadOnlyList<DueChangeFailure> Failures);

/// <summary>
/// Which open petitions' dues move when the calendar changes (a temporary holiday designated, a correction): a pure
/// function; applying the result (recompute, audit, move jobs) is done by the caller.
/// </summary>
public static class CalendarChangePreview
{
    public static CalendarChangePreviewResult Preview(IEnumerable<OpenPetitionClock> petitions, IHolidayCalendar oldCalendar, IHolidayCalendar newCalendar, ClockPolicy? policy = null)
    {
        var before = new DeadlineCalculator(oldCalendar, policy);
        var after = new DeadlineCalculator(newCalendar, policy);
        var changes = new List<DueChange>();
        var failures = new List<DueChangeFailure>();
        foreach (var petition in petitions)
        {
            var request = new DeadlineRequest(petition.Received, petition.Period, petition.Exclusions, petition.Counting, petition.Extensions);
            var recomputed = after.Compute(request);
            if (!recomputed.IsSuccess)
            {
                failures.Add(new DueChangeFailure(petition.PetitionId, recomputed.Error!));
                continue;
            }

            var due = recomputed.Value!;
            if (due.Due == petition.CurrentDue)
            {
                continue;
            }

            var old = before.Compute(request);
            var oldMatched = old.IsSuccess && old.Value!.Due == petition.CurrentDue;
            var fromText = oldMatched ? old.Value!.DueText : petition.CurrentDue.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture);
            changes.Add(new DueChange(petition.PetitionId, petition.CurrentDue, due.Due, fromText, due.DueText, oldMatched));
        }

        return new CalendarChangePreviewResult(changes, failures);
    }
}
