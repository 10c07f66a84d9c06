namespace Treatment.Core.Reports;

/// <summary>
/// <see cref="PetitionRollup"/> summed by year (KST), the grain the yearly report reads: one agency's year is a few
/// hundred rows instead of a few thousand monthly ones to be summed at every read. Written in the same statement as
/// the monthly rows (<see cref="RollupWriter.AddAsync"/>, <see cref="RollupFolder"/>), so the two always agree.
/// </summary>
public sealed class PetitionRollupYear
{
    public int AgencyId { get; set; }

    /// <summary>Calendar year (KST) the fact happened in.</summary>
    public int Year { get; set; }

    public required string Kind { get; set; }

    public int AffairId { get; set; }

    public required string Channel { get; set; }

    public required string Measure { get; set; }

    public required string Label { get; set; }

    public int Bucket { get; set; }

    public long Count { get; set; }

    public long Total { get; set; }
}
