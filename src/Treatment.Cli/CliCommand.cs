namespace Treatment.Cli;

/// <summary>One top-level word of the `treatment` command (holidays, deadline, workflows, report, seed …).</summary>
/// <remarks>Commands are discovered by reflection so that each lives in its own file.</remarks>
public interface ICliCommand
{
    string Name { get; }

    /// <summary>One line for the usage listing.</summary>
    string Summary { get; }

    /// <param name="args">the words after the command name; parse them with <see cref="CliArgs.Parse"/>.</param>
    Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken);
}

/// <summary>Where a command writes: standard output, standard error, standard input (swappable in tests).</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In)
{
    public static CliConsole System => new(global::System.Console.Out, global::System.Console.Error, global::System.Console.In);
}

/// <summary>A user mistake on the command line: printed as one line, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>The command could not do what was asked (bad file, unknown agency …): printed as one line, exit code 1.</summary>
public sealed class CliFailureException(string message) : Exception(message);
