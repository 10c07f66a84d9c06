using Treatment.Core.Hosting;

namespace Treatment.Cli.Commands;

/// <summary>Finds workflows/ and templates/: an explicit option, then TREATMENT_WORKFLOWS, then upward from the current and the executable's directories.</summary>
internal static class WorkflowFolders
{
    public static string Find(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        if (Environment.GetEnvironmentVariable("TREATMENT_WORKFLOWS") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return RepositoryFolders.FindUpward("workflows", Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new CliFailureException("no workflows/ folder found upward from here or from the executable; use --workflows <folder> or TREATMENT_WORKFLOWS");
    }

    /// <summary>The templates folder: an explicit option, TREATMENT_TEMPLATES, or templates/ beside the workflows folder.</summary>
    public static string Templates(string workflowsFolder, string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        if (Environment.GetEnvironmentVariable("TREATMENT_TEMPLATES") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(workflowsFolder).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        return Path.Combine(parent, "templates");
    }
}
