namespace Treatment.Core.Reports;

/// <summary>
/// One cell of the report rollup: how many times a fact (measure) happened in an agency in a month, for a kind, a legal
/// affair and a channel, with a sum of the fact's value (days, working days). Maintained in the transaction that changes
/// the petition (<see cref="RollupWriter"/>), so the yearly report reads a few hundred thousand rows instead of every petition.
/// </summary>
public sealed class PetitionRollup
{
    public int AgencyId { get; set; }

    /// <summary>First day of the month (KST) the fact happened in.</summary>
    public DateOnly Month { get; set; }

    /// <summary>PetitionKind name.</summary>
    public required string Kind { get; set; }

    /// <summary>The legal affair, 0 when none or when the measure is not kept per affair.</summary>
    public int AffairId { get; set; }

    /// <summary>Channel name, "" when the measure is not kept per channel.</summary>
    public required string Channel { get; set; }

    /// <summary>One of <see cref="RollupMeasures"/>.</summary>
    public required string Measure { get; set; }

    /// <summary>Sub-key of the measure: outcome, extension reason, exclusion type; "" when none.</summary>
    public required string Label { get; set; }

    /// <summary>Histogram bucket (treatment time in working days); 0 for other measures.</summary>
    public int Bucket { get; set; }

    public long Count { get; set; }

    public long Total { get; set; }
}
