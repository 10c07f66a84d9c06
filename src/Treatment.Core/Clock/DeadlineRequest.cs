namespace Treatment.Core.Clock;

/// <summary>An extension of the treatment period (Decree §21, rulebook §4): its length and whether the petitioner consented.</summary>
public sealed record ClockExtension(TreatmentPeriod Length, bool PetitionerConsent = false);

/// <summary>Everything a due depends on: the receipt instant, the period, excluded spans, counting mode and extensions so far.</summary>
public sealed record DeadlineRequest(
    DateTimeOffset Received,
    TreatmentPeriod Period,
    IReadOnlyList<ExcludedSpan> Exclusions,
    CountingMode Counting,
    IReadOnlyList<ClockExtension> Extensions)
{
    public DeadlineRequest(DateTimeOffset received, TreatmentPeriod period)
        : this(received, period, [], CountingMode.Statutory, [])
    {
    }
}
