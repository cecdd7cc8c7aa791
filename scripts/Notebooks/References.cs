using System.Text;
using System.Text.RegularExpressions;

namespace Papers.Notebooks.Runner;

/// <summary>
/// A notebook's <c>#r</c> lines as file-based app directives: <c>#r "nuget: Name, Version"</c> becomes
/// <c>#:package Name@Version</c>; a project, its folder, or an assembly in its <c>bin/</c> (what Polyglot loads after
/// a build) becomes <c>#:project</c>, since a file-based app cannot reference an assembly. Paths are relative to the
/// notebook's folder, as in the kernel.
/// </summary>
internal sealed partial class References(string notebookName, string notebookFolder)
{
    public const string DisplayLibrary = "Papers.Notebooks.csproj";

    private readonly List<(string Name, string? Version)> _packages = [];
    private readonly List<string> _projects = [];

    /// <summary>True when a cell references the display library, so a last expression goes through its display.</summary>
    public bool DisplaysThroughLibrary => _projects.Any(p => Path.GetFileName(p) == DisplayLibrary);

    /// <summary>
    /// Takes the cell's <c>#r</c> lines and a leading <c>#!csharp</c>, returning its code with those lines blank (so
    /// line numbers hold); any other magic command is refused, since one program has no equivalent.
    /// </summary>
    public string Take(Cell cell)
    {
        var lines = cell.Source.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var where = $"{notebookName}, cell {cell.Number}, line {i + 1}";
            if (ReferenceLine().Match(line) is { Success: true } reference)
            {
                Add(reference.Groups["target"].Value, where);
                lines[i] = "";
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line[2..].Split(' ', 2)[0];
                var first = lines.Take(i).All(l => l.Trim().Length == 0);
                if (!(first && NotebookDocument.Normalize(magic) == NotebookDocument.DefaultLanguage))
                    throw new NotebookException($"{where}: '#!{magic}' is a Polyglot magic command, which has no equivalent in a notebook run as one program");
                lines[i] = "";
            }
        }
        return string.Join('\n', lines);
    }

    public void WriteDirectives(StringBuilder source)
    {
        // Central package management would refuse a version on the app's own package references (NU1008).
        if (_packages.Any(p => p.Version is not null)) source.Append("#:property ManagePackageVersionsCentrally=false\n");
        foreach (var (name, version) in _packages) source.Append($"#:package {name}{(version is null ? "" : "@" + version)}\n");
        foreach (var project in _projects) source.Append($"#:project {project}\n");
    }

    private void Add(string target, string where)
    {
        if (NugetTarget().Match(target) is { Success: true } nuget)
        {
            var package = (nuget.Groups["name"].Value, nuget.Groups["version"].Success ? nuget.Groups["version"].Value : null);
            if (!_packages.Contains(package)) _packages.Add(package);
            return;
        }
        if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            throw new NotebookException($"{where}: '#r \"{target}\"' is not 'nuget: Name' or 'nuget: Name, Version'");
        var project = ProjectFor(Path.GetFullPath(Path.Combine(notebookFolder, target)), where);
        if (!_projects.Contains(project)) _projects.Add(project);
    }

    /// <summary>The project behind a reference: a .csproj, a folder holding one, or an assembly under a project's bin/.</summary>
    internal static string ProjectFor(string path, string where)
    {
        if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            return File.Exists(path) ? path : throw new NotebookException($"{where}: no project at {path}");
        if (Directory.Exists(path))
            return SingleProject(path) ?? throw new NotebookException($"{where}: {path} holds no single .csproj to reference");
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var parts = path.Split(Path.DirectorySeparatorChar);
            var bin = Array.LastIndexOf(parts, "bin");
            if (bin > 0 && SingleProject(string.Join(Path.DirectorySeparatorChar, parts[..bin])) is { } project) return project;
            throw new NotebookException($"{where}: {path} is not under a project's bin/ folder; a file-based app references projects and packages, not assemblies");
        }
        throw new NotebookException($"{where}: '{path}' is neither a project, a project's folder, nor an assembly under a project's bin/");
    }

    private static string? SingleProject(string folder) =>
        Directory.Exists(folder) && Directory.GetFiles(folder, "*.csproj") is [var project] ? project : null;

    [GeneratedRegex("""^#r\s+"(?<target>[^"]*)"\s*$""")]
    private static partial Regex ReferenceLine();

    [GeneratedRegex("""^nuget:\s*(?<name>[A-Za-z0-9_.\-]+)\s*(,\s*(?<version>[^\s,]+)\s*)?$""", RegexOptions.IgnoreCase)]
    private static partial Regex NugetTarget();
}
