using Treatment.Cli;

namespace Treatment.Core.Tests.Cli;

/// <summary>Argument errors of `treatment workflows migrate` are one line and exit 2, before any database is touched.</summary>
public sealed class WorkflowMigrateCommandTests
{
    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null), CancellationToken.None);
        return (exit, error.ToString());
    }

    [Fact]
    public async Task Migrate_NeitherDryRunNorApply_OneLineUsageError()
    {
        var (exit, error) = await RunAsync("workflows", "migrate", "other", "--from", "1", "--to", "2");

        Assert.Equal(2, exit);
        Assert.Equal("error: say either --dry-run or --apply", error.TrimEnd());
    }

    [Fact]
    public async Task Migrate_BothDryRunAndApply_Refused()
    {
        var (exit, _) = await RunAsync("workflows", "migrate", "other", "--from", "1", "--to", "2", "--dry-run", "--apply");

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Migrate_MapWithoutEquals_NamesTheBadPair()
    {
        var (exit, error) = await RunAsync("workflows", "migrate", "other", "--from", "1", "--to", "2", "--map", "received", "--dry-run");

        Assert.Equal(2, exit);
        Assert.Contains("--map 'received' is not old=new", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_VersionNotANumber_Refused()
    {
        var (exit, error) = await RunAsync("workflows", "migrate", "other", "--from", "one", "--to", "2", "--dry-run");

        Assert.Equal(2, exit);
        Assert.Contains("--from 'one' is not a version number", error, StringComparison.Ordinal);
    }
}
