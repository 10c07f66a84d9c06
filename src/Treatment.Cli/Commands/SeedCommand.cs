using System.CommandLine;
using System.Globalization;
using Treatment.Core.Generation;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment seed --year 2025 --petitions N [--agencies K] [--seed S] [--workflows DIR]`: generates a year of realistic
/// petitions, played through the workflow definitions and the clock, and writes them in bulk to TREATMENT_DB.
/// </summary>
public sealed class SeedCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var year = CliOptions.Value("year", "the year generated");
        var petitions = CliOptions.Value("petitions", "how many petitions");
        var agencies = CliOptions.Value("agencies", "generated agencies GEN-001… (default: the demo organisation)");
        var seed = CliOptions.Value("seed", "random seed (default 1): the same seed gives the same data");
        var workflows = CliOptions.Value("workflows", "workflows folder (default: found upward, or TREATMENT_WORKFLOWS)");
        var command = new Command("seed", "generate realistic petitions: seed --year 2025 --petitions N [--agencies K] [--seed S]")
        {
            year, petitions, agencies, seed, workflows,
        };
        return command.WithAction((parsed, ct) => RunAsync(
            console,
            Number(parsed.Require(year), "--year", 2000, 2100),
            Number(parsed.Require(petitions), "--petitions", 1, 100_000_000),
            parsed.GetValue(agencies) is { } a ? Number(a, "--agencies", 1, 999) : null,
            parsed.GetValue(seed) is { } s ? Number(s, "--seed", 0, int.MaxValue) : 1,
            parsed.GetValue(workflows),
            ct));
    }

    private static async Task<int> RunAsync(CliConsole console, int year, int petitions, int? agencies, int seed, string? workflows, CancellationToken cancellationToken)
    {
        await using var session = await DatabaseSession.OpenAsync(workflows, cancellationToken);
        var generator = new PetitionGenerator(session.Catalog, session.Clock);
        var seeder = new PetitionSeeder(session.DataSource, generator);
        var options = new GenerationOptions(year, petitions, seed, GenerationOptions.DefaultHorizon(year));
        SeedResult result;
        try
        {
            result = await seeder.SeedAsync(options, agencies, new ProgressBar(console.Error, "seed"), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliFailureException(ex.Message);
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Petitions} petitions, {result.Events} events, {result.RollupRows} rollup rows, {result.Agencies} agencies in {result.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    internal static int Number(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new CliUsageException($"{name} must be a whole number from {min} to {max}, not '{text}'");
}
