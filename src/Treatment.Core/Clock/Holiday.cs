namespace Treatment.Core.Clock;

/// <summary>Why a date is a holiday of government offices (Holiday Reg. §2, §3).</summary>
public enum HolidayKind
{
    /// <summary>An ordinary Sunday (Holiday Reg. §2(1)); never listed in a year's table.</summary>
    Sunday,

    /// <summary>A fixed solar day without substitutes or with its own rule (신정, 현충일, 어린이날, 기독탄신일, 노동절).</summary>
    Fixed,

    /// <summary>National days under the National Holidays Act (3·1절, 광복절, 개천절, 한글날, 제헌절).</summary>
    National,

    /// <summary>Lunar days (설날, 부처님오신날, 추석).</summary>
    Lunar,

    /// <summary>Substitute holiday (대체공휴일, Holiday Reg. §3).</summary>
    Substitute,

    /// <summary>Election day of a term-expiry election (Holiday Reg. §2(10의2)).</summary>
    Election,

    /// <summary>Temporary holiday designated by the Government (Holiday Reg. §2(11)).</summary>
    Temporary,

    /// <summary>A day added by a data correction (overrides the rules).</summary>
    Correction,
}

/// <summary>One holiday of government offices on one date, with its Korean and English name and legal basis.</summary>
public sealed record Holiday(DateOnly Date, string Name, string NameEn, HolidayKind Kind, string Basis);
