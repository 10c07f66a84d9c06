using Treatment.Core.Clock;

namespace Treatment.Core.Workflows;

/// <summary>Period of a prior examination 사전심사 (Decree §34②, rulebook §9, case #38).</summary>
public static class PriorExaminationPeriod
{
    public const int CapDays = 30;

    /// <summary>
    /// The petition's own period when it is shorter than 30 days, otherwise at most 30 days. Weeks, months and years are
    /// compared by the fewest days they can span (a week 7, a month 28, a year 365) so that "under 30 days" is never
    /// assumed for a period that could reach 30. Hour-based and immediate periods are short by nature and kept.
    /// </summary>
    public static TreatmentPeriod For(TreatmentPeriod petitionPeriod) => petitionPeriod.Unit switch
    {
        PeriodUnit.Immediate or PeriodUnit.Hours => petitionPeriod,
        PeriodUnit.Days => petitionPeriod.Value < CapDays ? petitionPeriod : TreatmentPeriod.Days(CapDays),
        PeriodUnit.Weeks => petitionPeriod.Value * 7 < CapDays ? petitionPeriod : TreatmentPeriod.Days(CapDays),
        _ => TreatmentPeriod.Days(CapDays),
    };
}
