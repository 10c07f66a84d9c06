namespace Treatment.Core.Hosting;

/// <summary>Finds the repository's data folders (workflows/, templates/) from a starting directory upward.</summary>
public static class RepositoryFolders
{
    public static string? FindUpward(string folderName, params string?[] startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, folderName);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
