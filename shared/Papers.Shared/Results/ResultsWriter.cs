using System.Text.RegularExpressions;
using Papers.Shared.Cli;
using Papers.Shared.Repro;

namespace Papers.Shared.Results;

/// <summary>
/// Writes one paper's results folder: <c>runs.csv</c>, <c>curves.csv</c>, <c>table2.csv</c>-style tables and
/// <c>manifest.json</c>, each atomically. Full runs write to <c>results/&lt;paper&gt;/</c>; --quick runs to
/// <c>artifacts/&lt;paper&gt;/</c> (git ignores it), so a demo never overwrites a paper's numbers; --out wins over both.
/// <code>
/// var results = new ResultsWriter("gcn", config, environment);
/// results.WriteRuns(runs);
/// results.WriteTable("table2", table);
/// results.WriteManifest();
/// </code>
/// </summary>
public sealed partial class ResultsWriter
{
    private readonly RunConfig _config;
    private readonly RunEnvironment _environment;

    public ResultsWriter(string paper, RunConfig config, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        Paper = paper;
        Folder = FolderFor(paper, config);
        _config = config;
        _environment = environment;
    }

    public string Paper { get; }

    /// <summary>The absolute folder every file goes to.</summary>
    public string Folder { get; }

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
    /// <c>manifest.json</c> for the run so far; call it last, since its wall time runs until now. The seeds default
    /// to the house convention 0, 1, ..., <see cref="RunConfig.Seeds"/> − 1.
    /// </summary>
    public string WriteManifest(IEnumerable<long>? seeds = null)
    {
        var manifest = Manifest.Create(Paper, _config, _environment, seeds ?? Enumerable.Range(0, _config.Seeds).Select(s => (long)s), DateTimeOffset.UtcNow);
        var path = Path.Combine(Folder, Manifest.FileName);
        manifest.Write(path);
        return path;
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
