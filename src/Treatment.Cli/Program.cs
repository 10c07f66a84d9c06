using System.Reflection;
using System.Text;
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
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        /// <summary>Entry point shared by the executable and the tests.</summary>
        public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                console.Out.WriteLine("usage: treatment <command> [options]");
                foreach (var c in Commands)
                {
                    console.Out.WriteLine($"  {c.Name,-12} {c.Summary}");
                }

                return args.Length == 0 ? 2 : 0;
            }

            var command = Commands.FirstOrDefault(c => c.Name == args[0]);
            if (command is null)
            {
                console.Error.WriteLine($"error: unknown command '{args[0]}' (try: treatment --help)");
                return 2;
            }

            try
            {
                return await command.RunAsync(args[1..], console, cancellationToken);
            }
            catch (CliUsageException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            catch (CliFailureException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        }
    }
}
