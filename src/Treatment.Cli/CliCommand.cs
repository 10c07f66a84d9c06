using System.CommandLine;

namespace Treatment.Cli;

/// <summary>One top-level word of the `treatment` command (holidays, deadline, workflows, report, seed …).</summary>
/// <remarks>Commands are discovered by reflection so that each lives in its own file.</remarks>
public interface ICliCommand
{
    /// <summary>The command with its options, subcommands and action; the action writes to <paramref name="console"/>.</summary>
    Command Create(CliConsole console);
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

/// <summary>Options as the commands declare them: values are text, parsed by the command so its messages name the option.</summary>
internal static class CliOptions
{
    public static Option<string> Value(string name, string description, bool recursive = false) =>
        new($"--{name}") { Description = description, Recursive = recursive };

    public static Option<string[]> Repeated(string name, string description) =>
        new($"--{name}") { Description = description, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public static Option<bool> Flag(string name, string description) => new($"--{name}") { Description = description };

    /// <summary>The option's value, or a usage error naming it.</summary>
    public static string Require(this ParseResult parsed, Option<string> option) =>
        parsed.GetValue(option) ?? throw new CliUsageException($"option {option.Name} is required");

    /// <summary>Sets an action that returns the exit code; the console is captured when the command is created.</summary>
    public static Command WithAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(action);
        return command;
    }

    public static Command WithAction(this Command command, Func<ParseResult, int> action)
    {
        command.SetAction(action);
        return command;
    }
}
