using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Treatment.Core.Clock;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// Nanoseconds per due computation (issue 3: target under 1 µs median) with BenchmarkDotNet, in process and with a
/// short job so that scripts/bench stays around a minute.
/// </summary>
public sealed class ClockBenchmark : IBenchScenario
{
    public string Name => "clock";

    public bool NeedsDatabase => false;

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(5);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(new ForwardingLogger(context.Log))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "treatment-bench-clock"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<ClockComputations>(config);
        IReadOnlyList<BenchRow> rows = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => new BenchRow($"clock: {r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')}", r.ResultStatistics!.Median, "ns/due (median)"))
            .ToList();
        return Task.FromResult(rows);
    }

    /// <summary>BenchmarkDotNet's log goes to the bench log (stderr) so stdout keeps only the result table.</summary>
    private sealed class ForwardingLogger(TextWriter writer) : ILogger
    {
        public string Id => nameof(ForwardingLogger);

        public int Priority => 0;

        public void Write(LogKind logKind, string text) => writer.Write(text);

        public void WriteLine() => writer.WriteLine();

        public void WriteLine(LogKind logKind, string text) => writer.WriteLine(text);

        public void Flush() => writer.Flush();
    }
}

/// <summary>The measured computations: the periods of issue 3 on the repository's calendar.</summary>
public class ClockComputations
{
    private static readonly DateTimeOffset Received = new(2025, 9, 29, 10, 30, 0, TimeSpan.FromHours(9));
    private static readonly IReadOnlyList<ExcludedSpan> Supplement =
        [new ExcludedSpan(ExclusionType.Supplement, new DateOnly(2025, 10, 14), new DateOnly(2025, 10, 17))];

    private DeadlineCalculator _calculator = null!;

    [GlobalSetup]
    public void Setup() => _calculator = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(FindCalendar()));

    [Benchmark(Description = "3h")]
    public DateTimeOffset ThreeHours() => _calculator.Compute(Received, TreatmentPeriod.Hours(3)).Value!.Due;

    [Benchmark(Description = "5d (40 working hours)")]
    public DateTimeOffset FiveDays() => _calculator.Compute(Received, TreatmentPeriod.Days(5)).Value!.Due;

    [Benchmark(Description = "30d (working days)")]
    public DateTimeOffset ThirtyDays() => _calculator.Compute(Received, TreatmentPeriod.Days(30)).Value!.Due;

    [Benchmark(Description = "30d with an exclusion")]
    public DateTimeOffset ThirtyDaysWithExclusion() => _calculator.Compute(Received, TreatmentPeriod.Days(30), Supplement).Value!.Due;

    [Benchmark(Description = "1mo with an exclusion")]
    public DateTimeOffset OneMonthWithExclusion() => _calculator.Compute(Received, new TreatmentPeriod(PeriodUnit.Months, 1), Supplement).Value!.Due;

    [Benchmark(Description = "30d with an exclusion + full explanation")]
    public int ThirtyDaysWithExplanation() => _calculator.Compute(Received, TreatmentPeriod.Days(30), Supplement).Value!.Explanation.Steps[0].SkippedDates.Count;

    private static string FindCalendar()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflows", "calendar");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("workflows/calendar not found above the current directory");
    }
}
