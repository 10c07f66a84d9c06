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

    public static async Task<(int Code, string Output, string Error)> RunAsync(string connectionString, string input, params string[] args)
    {
        await OneAtATime.WaitAsync();
        var previous = Environment.GetEnvironmentVariable("TREATMENT_DB");
        Environment.SetEnvironmentVariable("TREATMENT_DB", connectionString);
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync(args, new CliConsole(output, error, new StringReader(input)), CancellationToken.None);
            return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TREATMENT_DB", previous);
            OneAtATime.Release();
        }
    }
}
