namespace Treatment.Core.Reports;

/// <summary>
/// A report fact appended by a petition change, waiting to be folded into <see cref="PetitionRollup"/>. Changes only
/// insert here (no row is shared), so concurrent intakes never queue on a rollup row lock; <see cref="RollupFolder"/>
/// moves the rows into petition_rollups, and the report reads both tables in one snapshot (decision 005).
/// </summary>
public sealed class PetitionRollupDelta
{
    public long Id { get; set; }

    public int AgencyId { get; set; }

    public DateOnly Month { get; set; }

    public required string Kind { get; set; }

    public int AffairId { get; set; }

    public required string Channel { get; set; }

    public required string Measure { get; set; }

    public required string Label { get; set; }

    public int Bucket { get; set; }

    public long Count { get; set; }

    public long Total { get; set; }
}
