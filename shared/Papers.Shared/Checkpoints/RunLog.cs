using Papers.Shared.Cli;
using Papers.Shared.Results;

namespace Papers.Shared.Checkpoints;

/// <summary>
/// The runs of an experiment finished so far, one row of <typeparamref name="TRun"/> each, found again by a key of
/// its identifying fields (dataset, model, seed, ...), with the rows that belong to each run in companion tables keyed
/// alike (curves.csv, topics.csv). Everything goes atomically into <see cref="Checkpointer.Folder"/> after each run:
/// its companion rows first and runs.csv last, so a run counts as done only once all of it is saved. Started again
/// with --resume, a killed experiment skips every run in runs.csv and gets back that run's row and companion rows.
/// <code>
/// var log = new RunLog&lt;GcnRun, (string, string, int)&gt;("gcn", config, r => (r.Dataset, r.Model, r.Seed))
///     .With("curves", (GcnEpoch e) => (e.Dataset, e.Model, e.Seed));
/// var run = log.Run((dataset, model, seed), curve, epochs => Train.Run(config, dataset, model, seed, epochs));
/// </code>
/// --resume is an error only where the checkpoint folder holds nothing at all (a mistyped --out): a folder without
/// runs.csv but with a run's own checkpoint, killed before any run finished, resumes with no run done.
/// </summary>
public sealed class RunLog<TRun, TKey> where TKey : notnull
{
    private const string RunsFile = "runs.csv";

    private readonly string _folder;
    private readonly bool _resume;
    private readonly bool _merge;
    private readonly Func<TRun, TKey> _key;
    private readonly List<TRun> _runs = [];
    private readonly Dictionary<TKey, TRun> _done = [];
    private readonly Dictionary<Type, object> _tables = [];

    /// <param name="paper">The paper's folder name, as <see cref="Checkpointer.Folder"/> takes it.</param>
    /// <param name="config">Where (--out) and whether (--resume) to pick the log up.</param>
    /// <param name="key">A run's identifying fields; two runs of the experiment never share them.</param>
    /// <param name="log">Where the resume message goes; standard output by default.</param>
    public RunLog(string paper, RunConfig config, Func<TRun, TKey> key, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(key);
        _folder = Checkpointer.Folder(paper, config);
        _resume = config.Resume;
        _merge = config.IsMerge;
        _key = key;
        if (!_resume) return;
        if (!Directory.Exists(_folder) || !Directory.EnumerateFiles(_folder).Any())
            throw new InvalidOperationException($"--resume: nothing to resume in {_folder}; run without --resume to start afresh");
        var path = Path.Combine(_folder, RunsFile);
        if (File.Exists(path))
        {
            foreach (var run in Csv.Read<TRun>(path))
            {
                if (!_done.TryAdd(key(run), run)) throw new InvalidDataException($"{path} holds two runs keyed {key(run)}");
                _runs.Add(run);
            }
        }
        (log ?? Console.Out).WriteLine($"resuming: {_runs.Count} runs already done ({path})");
    }

    /// <summary>
    /// Adds the companion table <c>&lt;name&gt;.csv</c> of rows that belong to a run, keyed like the runs; with --resume
    /// it holds the saved rows of the runs in runs.csv (rows of a run killed before runs.csv was saved are dropped).
    /// </summary>
    public RunLog<TRun, TKey> With<TRow>(string name, Func<TRow, TKey> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsTableName(name) || name + ".csv" == RunsFile)
            throw new ArgumentException($"a companion table's name is letters, digits, '_' and '-', other than 'runs', not '{name}'", nameof(name));
        if (_tables.ContainsKey(typeof(TRow)))
            throw new ArgumentException($"the log already has a table of {typeof(TRow).Name} rows", nameof(key));
        var table = new Table<TRow>(Path.Combine(_folder, name + ".csv"), key);
        if (_resume && File.Exists(table.Path))
            table.Rows.AddRange(Csv.Read<TRow>(table.Path).Where(row => _done.ContainsKey(key(row))));
        _tables.Add(typeof(TRow), table);
        return this;
    }

    /// <summary>
    /// True for the files a run log writes: runs.csv and its companion tables, <c>&lt;name&gt;.csv</c> with a name of
    /// letters, digits, '_' and '-'. A run's own checkpoint files beside them (<c>seed3.safetensors</c>,
    /// <c>HalfCheetah-trpo-seed0.curve.csv</c>) are not, which is what lets a sweep's merge take the log alone.
    /// </summary>
    public static bool IsTable(string fileName) =>
        fileName is not null && fileName.EndsWith(".csv", StringComparison.Ordinal) && IsTableName(fileName[..^".csv".Length]);

    private static bool IsTableName(string name) => !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>The logged run with this key, or <paramref name="train"/>'s, saved before it is returned.</summary>
    public TRun Run(TKey key, Func<TRun> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return _done.TryGetValue(key, out var done) ? done : Save(key, Trained(key, train), []);
    }

    /// <summary>
    /// As <see cref="Run(TKey, Func{TRun})"/>, with the run's rows of one companion table: <paramref name="train"/>
    /// fills the list it is given, which is saved with the run; the logged rows, or those, are added to <paramref name="rows"/>.
    /// </summary>
    public TRun Run<TRow>(TKey key, List<TRow> rows, Func<List<TRow>, TRun> train)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(train);
        var table = TableOf<TRow>();
        if (_done.TryGetValue(key, out var done))
        {
            rows.AddRange(table.Of(key));
            return done;
        }
        var trained = new List<TRow>();
        var run = Save(key, Trained(key, () => train(trained)), [table.Pending(key, trained)]);
        rows.AddRange(trained);
        return run;
    }

    /// <summary>As <see cref="Run{TRow}"/>, with the run's rows of two companion tables.</summary>
    public TRun Run<TRow1, TRow2>(TKey key, List<TRow1> rows1, List<TRow2> rows2, Func<List<TRow1>, List<TRow2>, TRun> train)
    {
        ArgumentNullException.ThrowIfNull(rows1);
        ArgumentNullException.ThrowIfNull(rows2);
        ArgumentNullException.ThrowIfNull(train);
        var (table1, table2) = (TableOf<TRow1>(), TableOf<TRow2>());
        if (_done.TryGetValue(key, out var done))
        {
            rows1.AddRange(table1.Of(key));
            rows2.AddRange(table2.Of(key));
            return done;
        }
        var (trained1, trained2) = (new List<TRow1>(), new List<TRow2>());
        var run = Save(key, Trained(key, () => train(trained1, trained2)), [table1.Pending(key, trained1), table2.Pending(key, trained2)]);
        rows1.AddRange(trained1);
        rows2.AddRange(trained2);
        return run;
    }

    /// <summary>
    /// The run <paramref name="train"/> trains; in a sweep's merge an error instead, since every run must come from a
    /// shard's log and a run no shard logged would otherwise be trained here, unseen.
    /// </summary>
    private TRun Trained(TKey key, Func<TRun> train) => _merge
        ? throw new InvalidOperationException($"merge: no shard's log holds the run {key} ({_folder}); run the sweep again to finish it")
        : train();

    /// <summary>
    /// Logs a run just trained: every key checked first (run and companion rows), then the companion tables written,
    /// then runs.csv, so that nothing of a mis-keyed run is saved.
    /// </summary>
    private TRun Save(TKey key, TRun run, Pending[] companions)
    {
        if (!EqualityComparer<TKey>.Default.Equals(_key(run), key))
            throw new InvalidOperationException($"the run trained for {key} is keyed {_key(run)}: it would never be found again");
        foreach (var companion in companions) companion.Check();
        foreach (var companion in companions) companion.Save();
        _runs.Add(run);
        _done.Add(key, run);
        Csv.Write(Path.Combine(_folder, RunsFile), _runs);
        return run;
    }

    /// <summary>One run's rows of a companion table, checked before anything is written and saved after.</summary>
    private sealed record Pending(Action Check, Action Save);

    private Table<TRow> TableOf<TRow>() => _tables.TryGetValue(typeof(TRow), out var table)
        ? (Table<TRow>)table
        : throw new InvalidOperationException($"the log has no table of {typeof(TRow).Name} rows; add it with With<{typeof(TRow).Name}>(name, key)");

    /// <summary>A companion table: the rows of every logged run, in the order they were saved.</summary>
    private sealed class Table<TRow>(string path, Func<TRow, TKey> key)
    {
        public string Path { get; } = path;

        public List<TRow> Rows { get; } = [];

        public IEnumerable<TRow> Of(TKey run) => Rows.Where(row => EqualityComparer<TKey>.Default.Equals(key(row), run));

        /// <summary>One run's rows: every row must carry the run's key; saving adds them and writes the table.</summary>
        public Pending Pending(TKey run, List<TRow> rows) => new(
            () =>
            {
                foreach (var row in rows)
                    if (!EqualityComparer<TKey>.Default.Equals(key(row), run))
                        throw new InvalidOperationException($"a row of {System.IO.Path.GetFileName(Path)} trained for {run} is keyed {key(row)}: it would never be found again");
            },
            () =>
            {
                Rows.AddRange(rows);
                Csv.Write(Path, Rows);
            });
    }
}
