namespace Treatment.Benchmarks;

/// <summary>One row of the bench table: a figure, and where the scenario has one, the baseline measured in the same run.</summary>
public sealed record BenchRow(string Scenario, double Figure, string Unit, string? Baseline = null, double? BaselineFigure = null)
{
    /// <summary>Figure divided by baseline figure (for rates: higher is better; for times: lower is better).</summary>
    public double? Ratio => BaselineFigure is { } b && b != 0 ? Figure / b : null;
}

public sealed record BenchContext(string ConnectionString, IReadOnlySet<string> Flags, TextWriter Log);

/// <summary>A benchmark scenario run by scripts/bench; discovered by reflection.</summary>
public interface IBenchScenario
{
    /// <summary>Name used on the command line: scripts/bench NAME.</summary>
    string Name { get; }

    /// <summary>Needs PostgreSQL (scripts/bench then bootstraps the bench database).</summary>
    bool NeedsDatabase { get; }

    Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>Figures the scenarios report over several runs or rounds.</summary>
public static class BenchStatistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
