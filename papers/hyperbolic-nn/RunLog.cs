using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.Hnn;

/// <summary>
/// The PREFIX runs finished so far, saved atomically after each one (runs.csv and curves.csv under the checkpoint
/// folder, artifacts/hyperbolic-nn/ unless --out says otherwise). A killed run started again with --resume skips every
/// (dataset, model, seed) already done; one run is a few minutes, so nothing finer is saved.
/// </summary>
public sealed class RunLog
{
    private readonly string _runsPath;
    private readonly string _curvesPath;
    private readonly List<PrefixRun> _runs = [];
    private readonly List<PrefixEval> _curve = [];

    public RunLog(HnnConfig config)
    {
        var folder = Checkpointer.Folder("hyperbolic-nn", config);
        _runsPath = Path.Combine(folder, "runs.csv");
        _curvesPath = Path.Combine(folder, "curves.csv");
        if (!config.Resume) return;
        if (!File.Exists(_runsPath)) throw new InvalidOperationException($"--resume: no checkpoint at {_runsPath}; run without --resume to start afresh");
        _runs.AddRange(Csv.Read<PrefixRun>(_runsPath));
        if (File.Exists(_curvesPath)) _curve.AddRange(Csv.Read<PrefixEval>(_curvesPath));
        Console.WriteLine($"resuming: {_runs.Count} runs already done ({_runsPath})");
    }

    /// <summary>The logged run with these keys, or <paramref name="train"/>'s, logged before it is returned.</summary>
    public PrefixRun Run(string dataset, Variant variant, int seed, List<PrefixEval> curve, Func<List<PrefixEval>, PrefixRun> train)
    {
        var done = _runs.FirstOrDefault(r => r.Dataset == dataset && r.Model == variant.ToString() && r.Seed == seed);
        if (done is not null)
        {
            curve.AddRange(_curve.Where(e => e.Dataset == dataset && e.Model == done.Model && e.Seed == seed));
            return done;
        }
        var evals = new List<PrefixEval>();
        var run = train(evals);
        _runs.Add(run);
        curve.AddRange(evals);
        _curve.AddRange(evals);
        Csv.Write(_curvesPath, _curve);
        Csv.Write(_runsPath, _runs);
        return run;
    }
}
