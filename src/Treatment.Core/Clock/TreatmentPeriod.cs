namespace Treatment.Core.Clock;

/// <summary>How a statutory period is stated (rulebook §2.1).</summary>
public enum PeriodUnit
{
    Immediate,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// <summary>Periods not counted in the treatment period (rulebook §3.1).</summary>
public enum ExclusionType
{
    Supplement,
    Transit,
    RepresentativeSelection,
    OpinionHearing,
    ExpertProcedure,
    PrecedingTask,
    CertificateFetch,
    PrecedingPetition,
    GrievanceFieldInvestigation,

    /// <summary>A span whose type was not given (e.g. on the command line); counted like any other.</summary>
    Unspecified,
}

/// <summary>A period as the law or the treatment standards table states it, e.g. 14 days or 1 month.</summary>
public readonly record struct TreatmentPeriod(PeriodUnit Unit, int Value)
{
    public static readonly TreatmentPeriod Immediate = new(PeriodUnit.Immediate, 0);

    public static TreatmentPeriod Days(int value) => new(PeriodUnit.Days, value);

    public static TreatmentPeriod Hours(int value) => new(PeriodUnit.Hours, value);

    /// <summary>Parses the CLI/YAML notation: immediate, Nh, Nd, Nw, Nmo, Ny.</summary>
    public static bool TryParse(string? text, out TreatmentPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        if (t is "immediate" or "즉시")
        {
            period = Immediate;
            return true;
        }

        (string suffix, PeriodUnit unit)[] suffixes =
        [
            ("mo", PeriodUnit.Months), ("h", PeriodUnit.Hours), ("d", PeriodUnit.Days),
            ("w", PeriodUnit.Weeks), ("y", PeriodUnit.Years),
        ];
        foreach (var (suffix, unit) in suffixes)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && int.TryParse(t.AsSpan(0, t.Length - suffix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && n > 0 && n <= 10_000)
            {
                period = new TreatmentPeriod(unit, n);
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Unit switch
    {
        PeriodUnit.Immediate => "immediate",
        PeriodUnit.Hours => $"{Value}h",
        PeriodUnit.Days => $"{Value}d",
        PeriodUnit.Weeks => $"{Value}w",
        PeriodUnit.Months => $"{Value}mo",
        PeriodUnit.Years => $"{Value}y",
        _ => "?",
    };
}

/// <summary>An excluded span of whole dates, both ends included (rulebook §3.1: "literal days" reading).</summary>
public readonly record struct ExcludedSpan(ExclusionType Type, DateOnly From, DateOnly To);
