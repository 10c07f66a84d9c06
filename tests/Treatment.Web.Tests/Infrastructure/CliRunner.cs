extern alias cli;

using cli::Treatment.Cli;

namespace Treatment.Web.Tests.Infrastructure;

/// <summary>
/// Runs the `treatment` command in this process against one test database. The command reads TREATMENT_DB, a
/// process-wide variable, so runs are serialised and the variable is put back afterwards.
/// </summary>
public static class CliRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static Task<(int Code, string Output, string Error)> RunAsync(string connectionString, string input, params string[] args) =>
        RunAsync(connectionString, new Dictionary<string, string>(), input, args);

    /// <param name="environment">further variables for this run only (settings such as Treatment__PersonalDataKey)</param>
    public static async Task<(int Code, string Output, string Error)> RunAsync(string connectionString, IReadOnlyDictionary<string, string> environment, string input, params string[] args)
    {
        await OneAtATime.WaitAsync();
        var variables = new Dictionary<string, string>(environment) { ["TREATMENT_DB"] = connectionString };
        var previous = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync(args, new CliConsole(output, error, new StringReader(input)), CancellationToken.None);
            return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
        }
        finally
        {
            foreach (var (name, value) in previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            OneAtATime.Release();
        }
    }
}
