using System.Text.RegularExpressions;
using Papers.Shared.Cli;
using Papers.Shared.Repro;

namespace Papers.Shared.Results;

/// <summary>
/// Writes one paper's results folder: <c>runs.csv</c>, <c>curves.csv</c>, <c>table2.csv</c>-style tables and
/// <c>manifest.json</c>, each atomically. Full runs write to <c>results/&lt;paper&gt;/</c>; --quick runs to
/// <c>artifacts/&lt;paper&gt;/</c> (git ignores it), so a demo never overwrites a paper's numbers; --out wins over both.
/// A run's results appear together, with their manifest, or not at all: every file goes to a hidden staging folder
/// inside the destination until <see cref="WriteManifest"/> moves them into place, the manifest last. A run that
/// fails before that leaves the destination as it was; the next run to finish removes what it staged.
/// <code>
/// var results = new ResultsWriter("gcn", config, environment);
/// results.WriteRuns(runs);
/// results.WriteTable("table2", table);
/// Figures.Write(results.Folder, curve);      // files of the paper's own go to Folder too
/// results.WriteManifest();
/// </code>
/// </summary>
public sealed partial class ResultsWriter
{
    private const string StagingPrefix = ".partial-";

    private readonly RunConfig _config;
    private readonly RunEnvironment _environment;
    private readonly string _staging;
    private readonly DateTime _createdAt = DateTime.UtcNow;
    private bool _published;

    public ResultsWriter(string paper, RunConfig config, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        Paper = paper;
        Destination = FolderFor(paper, config);
        _staging = Path.Combine(Destination, StagingPrefix + Guid.NewGuid().ToString("N"));
        _config = config;
        _environment = environment;
    }

    public string Paper { get; }

    /// <summary>The absolute folder the results end up in (<see cref="FolderFor"/>).</summary>
    public string Destination { get; }

    /// <summary>
    /// Where files go now: the staging folder (<c>.partial-&lt;id&gt;</c> inside <see cref="Destination"/>, which
    /// nothing reads) until <see cref="WriteManifest"/> has published the run, <see cref="Destination"/> after.
    /// </summary>
    public string Folder => _published ? Destination : _staging;

    /// <summary>--out when given; else <c>artifacts/&lt;paper&gt;</c> for --quick and <c>results/&lt;paper&gt;</c> otherwise, under the repository root.</summary>
    public static string FolderFor(string paper, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(paper);
        if (!PaperName().IsMatch(paper))
            throw new ArgumentException($"a paper's results folder is its kebab-case folder name (gcn, cycle-gan), not '{paper}'", nameof(paper));
        if (config.Out is { } output) return Path.GetFullPath(output);
        return Path.Combine(RepoRoot.Require(), config.IsQuick ? "artifacts" : "results", paper);
    }

    /// <summary><c>runs.csv</c>: one row per run, identifying fields (dataset, variant, seed) first, then metrics.</summary>
    public string WriteRuns<T>(IEnumerable<T> runs) => WriteCsv("runs.csv", runs);

    /// <summary><c>curves.csv</c>: per-epoch or per-iteration values with the same identifying fields as the runs.</summary>
    public string WriteCurves<T>(IEnumerable<T> points) => WriteCurves("curves", points);

    /// <summary>A further curves file (<c>curves-critic.csv</c>) where one paper logs at two rates.</summary>
    public string WriteCurves<T>(string name, IEnumerable<T> points)
    {
        if (!CurvesName().IsMatch(name)) throw new ArgumentException($"curve files are named curves or curves-<what>, not '{name}'", nameof(name));
        return WriteCsv($"{name}.csv", points);
    }

    /// <summary><c>&lt;name&gt;.csv</c>, named after the paper's table (<c>table2</c>); results/README.md lists every <c>table*.csv</c>.</summary>
    public string WriteTable(string name, IEnumerable<TableRow> rows)
    {
        if (!TableName().IsMatch(name)) throw new ArgumentException($"tables are named after the paper's (table2, table3-ablation), not '{name}'", nameof(name));
        return WriteCsv($"{name}.csv", rows);
    }

    /// <summary>
    /// <c>manifest.json</c> for the run so far; call it last, since its wall time runs until now. It publishes the
    /// run: the staged files move into <see cref="Destination"/> (replacing older ones of the same name), the
    /// manifest last. The seeds default to the config's (0, 1, ..., <see cref="RunConfig.Seeds"/> − 1, or a <see cref="GridConfig"/>'s range).
    /// </summary>
    public string WriteManifest(IEnumerable<long>? seeds = null)
    {
        var manifest = Manifest.Create(Paper, _config, _environment, seeds ?? _config.SeedNumbers(), DateTimeOffset.UtcNow);
        manifest.Write(Path.Combine(Folder, Manifest.FileName));
        if (!_published) Publish();
        return Path.Combine(Destination, Manifest.FileName);
    }

    private void Publish()
    {
        var manifest = Path.Combine(Destination, Manifest.FileName);
        var staged = Path.Combine(_staging, Manifest.FileName);
        // The old manifest goes first: while the files move, the folder does not claim to hold a finished run.
        File.Delete(manifest);
        foreach (var file in Directory.EnumerateFiles(_staging, "*", SearchOption.AllDirectories).Where(f => f != staged).ToList())
        {
            var target = Path.Combine(Destination, Path.GetRelativePath(_staging, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }
        File.Move(staged, manifest);
        Directory.Delete(_staging, recursive: true);
        _published = true;
        // What runs that failed before their manifest staged: last touched before this writer was made.
        foreach (var leftover in Directory.EnumerateDirectories(Destination, StagingPrefix + "*"))
            if (Directory.GetLastWriteTimeUtc(leftover) < _createdAt) Directory.Delete(leftover, recursive: true);
    }

    private string WriteCsv<T>(string fileName, IEnumerable<T> rows)
    {
        var path = Path.Combine(Folder, fileName);
        Csv.Write(path, rows);
        return path;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex PaperName();

    [GeneratedRegex("^table[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex TableName();

    [GeneratedRegex("^curves(-[a-z0-9]+)*$")]
    private static partial Regex CurvesName();
}
