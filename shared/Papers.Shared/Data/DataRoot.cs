namespace Papers.Shared.Data;

/// <summary>
/// Where data files are looked for, in order: the folder named by <c>PAPERS_DATA</c>, then <c>data/</c> in the
/// repository root (the folder holding <c>papers.sln</c>), then <c>../shared/data</c> beside the repository root.
/// Downloads go to the repository's <c>data/</c>, which git ignores.
/// </summary>
public static class DataRoot
{
    public const string EnvironmentVariable = "PAPERS_DATA";
    public const string SolutionFile = "papers.sln";

    /// <summary>The repository root, found by walking up from the current directory, then from the assembly's.</summary>
    public static string? RepositoryRoot => FindRepositoryRoot(Environment.CurrentDirectory, AppContext.BaseDirectory);

    public static IReadOnlyList<string> SearchFolders => Resolve(PapersData, RepositoryRoot);

    /// <summary>The folder downloads go to: the repository's <c>data/</c>, else <c>PAPERS_DATA</c>; null if neither exists.</summary>
    public static string? DownloadFolder => DownloadFolderFor(PapersData, RepositoryRoot);

    private static string? PapersData =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    /// <summary>The first of <paramref name="startDirectories"/>' ancestors (each included) that holds papers.sln.</summary>
    public static string? FindRepositoryRoot(params string[] startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The search order for a given <c>PAPERS_DATA</c> value and repository root (either may be null).</summary>
    public static IReadOnlyList<string> Resolve(string? papersData, string? repositoryRoot)
    {
        var folders = new List<string>();
        if (papersData is not null) folders.Add(Path.GetFullPath(papersData));
        if (repositoryRoot is not null)
        {
            folders.Add(Path.Combine(repositoryRoot, "data"));
            folders.Add(Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "data")));
        }
        return folders.Distinct(StringComparer.Ordinal).ToList();
    }

    public static string? DownloadFolderFor(string? papersData, string? repositoryRoot) =>
        repositoryRoot is not null ? Path.Combine(repositoryRoot, "data")
        : papersData is not null ? Path.GetFullPath(papersData)
        : null;
}
