namespace Treatment.Core.Reports;

/// <summary>Facts summed by rollup key in memory (the generator's running total before it is written).</summary>
public sealed class RollupSums
{
    private readonly Dictionary<(int, DateOnly, string, int, string, string, string, int), PetitionRollup> _sums = new();

    public IEnumerable<PetitionRollup> Rows => _sums.Values;

    public int Count => _sums.Count;

    public void Add(IEnumerable<PetitionRollup> facts)
    {
        foreach (var f in facts)
        {
            var key = (f.AgencyId, f.Month, f.Kind, f.AffairId, f.Channel, f.Measure, f.Label, f.Bucket);
            if (_sums.TryGetValue(key, out var sum))
            {
                sum.Count += f.Count;
                sum.Total += f.Total;
            }
            else
            {
                _sums[key] = new PetitionRollup
                {
                    AgencyId = f.AgencyId,
                    Month = f.Month,
                    Kind = f.Kind,
                    AffairId = f.AffairId,
                    Channel = f.Channel,
                    Measure = f.Measure,
                    Label = f.Label,
                    Bucket = f.Bucket,
                    Count = f.Count,
                    Total = f.Total,
                };
            }
        }
    }
}
