using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text;
using Microsoft.Extensions.Options;
using Treatment.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return await CliApp.RunAsync(args, CliConsole.System, CancellationToken.None);

namespace Treatment.Cli
{
    public static class CliApp
    {
        public static IReadOnlyList<ICliCommand> Commands { get; } = typeof(CliApp).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
            .ToList();

        /// <summary>The whole command tree; every command and subcommand answers --help.</summary>
        public static RootCommand CreateRoot(CliConsole console)
        {
            var root = new RootCommand("treatment: the statutory clock, workflow definitions, reports and operations of the Treatment back office");
            foreach (var command in Commands.Select(c => c.Create(console)).OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                root.Add(command);
            }

            return root;
        }

        /// <summary>Entry point shared by the executable and the tests. Exit codes: 0 done, 1 failed, 2 usage error.</summary>
        public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
        {
            var root = CreateRoot(console);
            var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            if (args.Length == 0)
            {
                await root.Parse(["--help"]).InvokeAsync(invocation, cancellationToken);
                return 2;
            }

            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
            {
                // One line: the most telling of the parser's errors (a stray word over a missing subcommand); --help says the rest.
                var error = parsed.UnmatchedTokens is [var stray, ..]
                    ? parsed.Errors.FirstOrDefault(e => e.Message.Contains($"'{stray}'", StringComparison.Ordinal)) ?? parsed.Errors[0]
                    : parsed.Errors[0];
                console.Error.WriteLine($"error: {error.Message.TrimEnd('.')} (try: {CommandPath(parsed.CommandResult)} --help)");
                return 2;
            }

            try
            {
                return await parsed.InvokeAsync(invocation, cancellationToken);
            }
            catch (CliUsageException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            catch (CliFailureException ex)
            {
                console.Error.WriteLine($"error: {OneLine(ex.Message)}");
                return 1;
            }
            catch (OptionsValidationException ex)
            {
                console.Error.WriteLine($"error: bad setting: {OneLine(ex.Message)}");
                return 1;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                console.Error.WriteLine($"error: the database refused: {OneLine((ex.InnerException ?? ex).Message)}");
                return 1;
            }
        }

        private static string CommandPath(CommandResult result)
        {
            var names = new List<string>();
            for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
            {
                names.Add(c.Command is RootCommand ? "treatment" : c.Command.Name);
            }

            names.Reverse();
            return string.Join(' ', names);
        }

        private static string OneLine(string message) => message.ReplaceLineEndings(" ");
    }
}
