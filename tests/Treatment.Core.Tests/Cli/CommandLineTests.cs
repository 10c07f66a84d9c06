using System.CommandLine;
using Treatment.Cli;

namespace Treatment.Core.Tests.Cli;

/// <summary>The command tree as a whole: --help everywhere, usage errors in one line with exit 2.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Out, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Every command and subcommand, as the words that name it.</summary>
    public static TheoryData<string> EveryCommand() => new(CommandPaths());

    private static List<string> CommandPaths()
    {
        var data = new List<string>();
        void Walk(Command command, string path)
        {
            data.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
            }
        }

        Walk(CliApp.CreateRoot(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null)), "");
        return data;
    }

    [Fact]
    public void EveryCommand_CoversTheGoLiveAndClockCommands()
    {
        var commands = CommandPaths();

        Assert.Contains("deadline", commands);
        Assert.Contains("workflows migrate", commands);
        Assert.Contains("report yearly", commands);
        Assert.Contains("users create", commands);
        Assert.Contains("channels rotate", commands);
        Assert.Contains("keys rotate", commands);
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Help_OnEveryCommand_PrintsUsageAndExitsZero(string command)
    {
        var words = command.Length == 0 ? Array.Empty<string>() : command.Split(' ');

        var (exit, output, error) = await Run([.. words, "--help"]);

        Assert.True(exit == 0, error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(words.Length == 0 ? "Commands:" : $" {string.Join(' ', words)}", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("workflows")]
    [InlineData("workflows", "frobnicate")]
    [InlineData("workflows", "migrate")]
    [InlineData("holidays")]
    [InlineData("holidays", "2025", "2026")]
    [InlineData("deadline", "--received")]
    [InlineData("report", "yearly", "--nope")]
    public async Task UsageError_OneLineExitTwo(params string[] args)
    {
        var (exit, output, error) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_PrintsTheCommandsAndExitsTwo()
    {
        var (exit, output, _) = await Run();

        Assert.Equal(2, exit);
        Assert.Contains("deadline", output, StringComparison.Ordinal);
        Assert.Contains("workflows", output, StringComparison.Ordinal);
    }
}
