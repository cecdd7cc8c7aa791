using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.Gcn;

/// <summary>
/// The runs finished so far, saved atomically after each one (checkpoints/runs.csv and curves.csv beside the
/// results, under artifacts/gcn/ unless --out says otherwise). A killed run started again with --resume skips every
/// (dataset, model, split, seed) already done; each run is a couple of seconds, so nothing finer is worth saving.
/// </summary>
public sealed class RunLog
{
    private readonly string _runsPath;
    private readonly string _curvesPath;
    private readonly List<GcnRun> _runs = [];
    private readonly List<GcnEpoch> _curve = [];

    public RunLog(GcnConfig config)
    {
        var folder = Checkpointer.Folder("gcn", config);
        _runsPath = Path.Combine(folder, "runs.csv");
        _curvesPath = Path.Combine(folder, "curves.csv");
        if (config.Resume)
        {
            if (!File.Exists(_runsPath))
                throw new InvalidOperationException($"--resume: no checkpoint at {_runsPath}; run without --resume to start afresh");
            _runs.AddRange(Csv.Read<GcnRun>(_runsPath));
            if (File.Exists(_curvesPath)) _curve.AddRange(Csv.Read<GcnEpoch>(_curvesPath));
            Console.WriteLine($"resuming: {_runs.Count} runs already done ({_runsPath})");
        }
    }

    /// <summary>The logged run with these keys, or <paramref name="train"/>'s, logged before it is returned.</summary>
    public GcnRun Run(string dataset, PropagationModel model, string split, int seed, List<GcnEpoch>? curve, Func<List<GcnEpoch>?, GcnRun> train)
    {
        var done = _runs.FirstOrDefault(r => r.Dataset == dataset && r.Model == model.ToString() && r.Split == split && r.Seed == seed);
        if (done is not null)
        {
            curve?.AddRange(_curve.Where(e => e.Dataset == dataset && e.Model == done.Model && e.Split == split && e.Seed == seed));
            return done;
        }
        var epochs = curve is null ? null : new List<GcnEpoch>();
        var run = train(epochs);
        _runs.Add(run);
        if (epochs is not null)
        {
            curve!.AddRange(epochs);
            _curve.AddRange(epochs);
            Csv.Write(_curvesPath, _curve);
        }
        Csv.Write(_runsPath, _runs);
        return run;
    }
}
