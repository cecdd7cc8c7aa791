namespace Papers.Shared.Repro;

/// <summary>The repository's root: the nearest folder above that holds <c>papers.sln</c>.</summary>
public static class RepoRoot
{
    public const string Marker = "papers.sln";

    /// <summary>
    /// Walks up from <paramref name="start"/>; without one, from the current directory and then from the
    /// application's folder (so <c>dotnet test</c> and a built paper both find it). Null when none holds the marker.
    /// </summary>
    public static string? Find(string? start = null)
    {
        var starts = start is null ? [Directory.GetCurrentDirectory(), AppContext.BaseDirectory] : new[] { start };
        foreach (var from in starts)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(from)); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        }
        return null;
    }

    /// <summary>As <see cref="Find"/>, failing with what to do when there is no repository above.</summary>
    public static string Require(string? start = null) =>
        Find(start) ?? throw new InvalidOperationException(
            $"no {Marker} above {Path.GetFullPath(start ?? Directory.GetCurrentDirectory())}: run from inside the repository, or pass --out <folder>");

    /// <summary>
    /// <paramref name="path"/> relative to the repository <paramref name="root"/> when it is an absolute path inside
    /// it (<c>results/gcn</c>, not where the clone lay on one machine); any other path as given.
    /// </summary>
    public static string Relative(string path, string? root)
    {
        if (root is null || !Path.IsPathRooted(path)) return path;
        var relative = Path.GetRelativePath(root, path);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path
            : relative;
    }
}
