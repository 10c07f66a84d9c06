using System.Globalization;
using Treatment.Benchmarks;

var scenarios = typeof(IBenchScenario).Assembly.GetTypes()
    .Where(t => typeof(IBenchScenario).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchScenario)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var flags = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[2..]).ToHashSet(StringComparer.Ordinal);
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (flags.Contains("list"))
{
    foreach (var s in scenarios)
    {
        Console.WriteLine(s.Name);
    }

    return 0;
}

var unknown = names.Where(n => scenarios.All(s => s.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"error: unknown scenario {string.Join(", ", unknown)}; known: {string.Join(", ", scenarios.Select(s => s.Name))}");
    return 2;
}

var chosen = names.Count == 0 ? scenarios : scenarios.Where(s => names.Contains(s.Name)).ToList();
var connectionString = Environment.GetEnvironmentVariable("TREATMENT_DB") ?? "";
if (chosen.Any(s => s.NeedsDatabase) && connectionString.Length == 0)
{
    Console.Error.WriteLine("error: TREATMENT_DB is not set (run through scripts/bench)");
    return 2;
}

var context = new BenchContext(connectionString, flags, Console.Error);
var rows = new List<BenchRow>();
foreach (var scenario in chosen)
{
    Console.Error.WriteLine($"[bench] {scenario.Name} …");
    rows.AddRange(await scenario.RunAsync(context, CancellationToken.None));
}

static string Num(double v) => v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

Console.WriteLine("| scenario | figure | unit | baseline | baseline figure | ratio |");
Console.WriteLine("|---|---:|---|---|---:|---:|");
foreach (var r in rows)
{
    Console.WriteLine($"| {r.Scenario} | {Num(r.Figure)} | {r.Unit} | {r.Baseline ?? ""} | {(r.BaselineFigure is { } b ? Num(b) : "")} | {(r.Ratio is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "")} |");
}

return 0;
