using System.Globalization;
using Treatment.Core.Generation;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment seed --year 2025 --petitions N [--agencies K] [--seed S] [--workflows DIR]`: generates a year of realistic
/// petitions, played through the workflow definitions and the clock, and writes them in bulk to TREATMENT_DB.
/// </summary>
public sealed class SeedCommand : ICliCommand
{
    public string Name => "seed";

    public string Summary => "generate realistic petitions: seed --year 2025 --petitions N [--agencies K] [--seed S]";

    public async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsed = CliArgs.Parse(args, ["year", "petitions", "agencies", "seed", "workflows"], []);
        if (parsed.Positionals.Count > 0)
        {
            throw new CliUsageException($"unexpected argument '{parsed.Positionals[0]}'");
        }

        var year = Number(parsed.Require("year"), "--year", 2000, 2100);
        var petitions = Number(parsed.Require("petitions"), "--petitions", 1, 100_000_000);
        int? agencies = parsed.Get("agencies") is { } a ? Number(a, "--agencies", 1, 999) : null;
        var seed = parsed.Get("seed") is { } s ? Number(s, "--seed", 0, int.MaxValue) : 1;

        await using var session = await DatabaseSession.OpenAsync(parsed.Get("workflows"), cancellationToken);
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
