namespace Treatment.Core.Clock;

/// <summary>What makes a regular holiday trigger a substitute holiday (Holiday Reg. §3①).</summary>
[Flags]
public enum SubstituteTriggers
{
    None = 0,
    Saturday = 1,
    Sunday = 2,

    /// <summary>Falls on another holiday (not a plain Sunday).</summary>
    OtherHoliday = 4,
}

/// <summary>From which occurrence date a holiday gets substitutes, and on what overlaps (effective-dated, Holiday Reg. §3).</summary>
public sealed record SubstitutePolicy(DateOnly EffectiveFrom, SubstituteTriggers Triggers);

/// <summary>One day of a holiday rule: e.g. 추석 is the block 추석 전날 (−1), 추석 (0), 추석 다음날 (+1).</summary>
public sealed record HolidayRuleDay(int Offset, string Name, string NameEn);

/// <summary>
/// A regular holiday of Holiday Reg. §2 as data: a solar or lunar month/day, the block of days around it, the dates
/// between which it is a holiday, and its substitute policies.
/// </summary>
public sealed record HolidayRule(
    string Name,
    string NameEn,
    HolidayKind Kind,
    bool Lunar,
    int Month,
    int Day,
    IReadOnlyList<HolidayRuleDay> Days,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveUntil,
    IReadOnlyList<SubstitutePolicy> Substitutes,
    string Basis)
{
    /// <summary>A single-day solar holiday.</summary>
    public static HolidayRule Solar(string name, string nameEn, HolidayKind kind, int month, int day, string basis, params SubstitutePolicy[] substitutes) =>
        new(name, nameEn, kind, false, month, day, [new HolidayRuleDay(0, name, nameEn)], null, null, substitutes, basis);

    /// <summary>The substitute triggers in force for an occurrence on the given date.</summary>
    public SubstituteTriggers TriggersOn(DateOnly date)
    {
        var triggers = SubstituteTriggers.None;
        var latest = DateOnly.MinValue;
        foreach (var policy in Substitutes)
        {
            if (policy.EffectiveFrom <= date && policy.EffectiveFrom >= latest)
            {
                latest = policy.EffectiveFrom;
                triggers = policy.Triggers;
            }
        }

        return triggers;
    }

    public bool IsInForceOn(DateOnly date) =>
        (EffectiveFrom is not { } from || date >= from) && (EffectiveUntil is not { } until || date <= until);
}

/// <summary>What a dated data entry does: add an election day, a temporary holiday or a correction, or remove a rule-made day.</summary>
public enum HolidayEntryAction
{
    Add,
    Remove,
}

/// <summary>
/// A dated entry from workflows/calendar/*.yaml: an election day, a temporary holiday, or a correction that overrides
/// the rules (add a day, or remove the rule-made holidays of a date, optionally only the one with a given name).
/// </summary>
public sealed record HolidayDataEntry(
    DateOnly Date,
    HolidayKind Kind,
    HolidayEntryAction Action,
    string Name,
    string NameEn,
    string Basis,
    string? Source = null);
