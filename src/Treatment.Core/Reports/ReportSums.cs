using System.Runtime.InteropServices;

namespace Treatment.Core.Reports;

/// <summary>
/// The rollup cells and open-overdue rows summed once by year and measure, overall and by each dimension a report
/// table breaks a figure down by, so that composing the tables is a lookup per figure rather than a pass over the cells.
/// </summary>
internal sealed class ReportSums
{
    private readonly Dictionary<(int Year, string Measure), Sum> _all = [];
    private readonly Dictionary<(int Year, string Measure, string Kind), Sum> _byKind = [];
    private readonly Dictionary<(int Year, string Measure, int AffairId), Sum> _byAffair = [];
    private readonly Dictionary<(int Year, string Measure, int AgencyId), Sum> _byAgency = [];
    private readonly Dictionary<(int Year, string Measure, string Label), Sum> _byLabel = [];
    private readonly Dictionary<(int Year, string Measure, string Channel), Sum> _byChannel = [];

    /// <summary>Treatment-days histograms (bucket → decisions) per year, for all kinds (Kind "") and per kind.</summary>
    private readonly Dictionary<(int Year, string Kind), SortedDictionary<int, long>> _histograms = [];

    private readonly Dictionary<(int Year, string Kind), long> _overdueByKind = [];
    private readonly Dictionary<(int Year, int AffairId), long> _overdueByAffair = [];
    private readonly Dictionary<(int Year, int AgencyId), long> _overdueByAgency = [];
    private readonly Dictionary<int, long> _overdue = [];

    public ReportSums(IEnumerable<RollupCell> cells, Dictionary<int, List<OpenOverdue>> openOverdue)
    {
        foreach (var c in cells)
        {
            var sum = new Sum(c.Count, c.Total);
            Add(_all, (c.Year, c.Measure), sum);
            Add(_byKind, (c.Year, c.Measure, c.Kind), sum);
            Add(_byAffair, (c.Year, c.Measure, c.AffairId), sum);
            Add(_byAgency, (c.Year, c.Measure, c.AgencyId), sum);
            Add(_byLabel, (c.Year, c.Measure, c.Label), sum);
            Add(_byChannel, (c.Year, c.Measure, c.Channel), sum);
            if (c.Measure == RollupMeasures.TreatmentDays)
            {
                AddToHistogram((c.Year, ""), c.Bucket, c.Count);
                AddToHistogram((c.Year, c.Kind), c.Bucket, c.Count);
            }
        }

        foreach (var (year, rows) in openOverdue)
        {
            foreach (var o in rows)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_overdue, year, out _) += o.Count;
                CollectionsMarshal.GetValueRefOrAddDefault(_overdueByKind, (year, o.Kind), out _) += o.Count;
                CollectionsMarshal.GetValueRefOrAddDefault(_overdueByAffair, (year, o.AffairId), out _) += o.Count;
                CollectionsMarshal.GetValueRefOrAddDefault(_overdueByAgency, (year, o.AgencyId), out _) += o.Count;
            }
        }
    }

    public Sum All(int year, string measure) => _all.GetValueOrDefault((year, measure));

    /// <summary>The measure for one kind, or for all kinds when <paramref name="kind"/> is null.</summary>
    public Sum ForKind(int year, string measure, string? kind) => kind is null ? All(year, measure) : _byKind.GetValueOrDefault((year, measure, kind));

    public Sum ForAffair(int year, string measure, int affairId) => _byAffair.GetValueOrDefault((year, measure, affairId));

    public Sum ForAgency(int year, string measure, int agencyId) => _byAgency.GetValueOrDefault((year, measure, agencyId));

    public Sum ForLabel(int year, string measure, string label) => _byLabel.GetValueOrDefault((year, measure, label));

    public Sum ForChannel(int year, string measure, string channel) => _byChannel.GetValueOrDefault((year, measure, channel));

    /// <summary>The treatment-days histogram, ascending by bucket, for one kind or all kinds (null); empty when there was no decision.</summary>
    public IReadOnlyCollection<KeyValuePair<int, long>> Histogram(int year, string? kind) =>
        _histograms.TryGetValue((year, kind ?? ""), out var histogram) ? histogram : [];

    public long Overdue(int year) => _overdue.GetValueOrDefault(year);

    public long OverdueForKind(int year, string? kind) => kind is null ? Overdue(year) : _overdueByKind.GetValueOrDefault((year, kind));

    public long OverdueForAffair(int year, int affairId) => _overdueByAffair.GetValueOrDefault((year, affairId));

    public long OverdueForAgency(int year, int agencyId) => _overdueByAgency.GetValueOrDefault((year, agencyId));

    /// <summary>Affairs (never 0) that any fact or open-overdue petition of either year is kept under, with <paramref name="measure"/> only when given.</summary>
    public IEnumerable<int> Affairs(string? measure = null) =>
        _byAffair.Keys.Where(k => k.AffairId != 0 && (measure is null || k.Measure == measure)).Select(k => k.AffairId)
            .Concat(measure is null ? _overdueByAffair.Keys.Where(k => k.AffairId != 0).Select(k => k.AffairId) : [])
            .Distinct();

    /// <summary>Agencies with a receipt or a decision in either year, or an open overdue petition.</summary>
    public IEnumerable<int> AgenciesWithPetitions() =>
        _byAgency.Keys.Where(k => k.Measure is RollupMeasures.Decided or RollupMeasures.Received).Select(k => k.AgencyId)
            .Concat(_overdueByAgency.Keys.Select(k => k.AgencyId))
            .Distinct();

    /// <summary>Labels the measure was kept with in either year.</summary>
    public IEnumerable<string> Labels(string measure) => _byLabel.Keys.Where(k => k.Measure == measure).Select(k => k.Label).Distinct();

    private static void Add<TKey>(Dictionary<TKey, Sum> sums, TKey key, Sum sum)
        where TKey : notnull
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out _);
        slot = new Sum(slot.Count + sum.Count, slot.Total + sum.Total);
    }

    private void AddToHistogram((int, string) key, int bucket, long count)
    {
        if (!_histograms.TryGetValue(key, out var histogram))
        {
            _histograms[key] = histogram = [];
        }

        histogram[bucket] = histogram.GetValueOrDefault(bucket) + count;
    }
}

/// <summary>How many times a fact happened and the sum of its value (days, working days).</summary>
internal readonly record struct Sum(long Count, long Total);
