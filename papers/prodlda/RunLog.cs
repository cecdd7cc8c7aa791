using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.ProdLda;

/// <summary>One trained model's outcome: a row of runs.csv.</summary>
public sealed record TopicModelRun(
    string Dataset, string Model, int Topics, int Seed, int Epochs,
    double TrainLoss, double NpmiTrain, double NpmiTest, double Perplexity, double CorpusPerplexity,
    double Seconds, double SecondsPerEpoch);

/// <summary>One topic of one run: its top words and their NPMI on the training and on the test documents.</summary>
public sealed record TopicRow(string Source, string Model, int Topics, int Run, int Topic, double NpmiTrain, double NpmiTest, string Words);

/// <summary>
/// The runs finished so far, saved atomically after each one (runs.csv, topics.csv and curves.csv under
/// artifacts/prodlda/checkpoints unless --out says otherwise). A killed run started again with --resume skips
/// every (model, K, seed) already done: each is minutes, so nothing finer is worth saving.
/// </summary>
public sealed class RunLog
{
    private readonly string _folder;
    private readonly List<TopicModelRun> _runs = [];
    private readonly List<TopicRow> _topics = [];
    private readonly List<TopicModelEpoch> _curve = [];

    public RunLog(ProdLdaConfig config)
    {
        _folder = Checkpointer.Folder("prodlda", config);
        if (!config.Resume) return;
        var runs = Path.Combine(_folder, "runs.csv");
        if (!File.Exists(runs)) throw new InvalidOperationException($"--resume: no checkpoint at {runs}; run without --resume to start afresh");
        _runs.AddRange(Csv.Read<TopicModelRun>(runs));
        _topics.AddRange(Csv.Read<TopicRow>(Path.Combine(_folder, "topics.csv")));
        if (File.Exists(Path.Combine(_folder, "curves.csv"))) _curve.AddRange(Csv.Read<TopicModelEpoch>(Path.Combine(_folder, "curves.csv")));
        Console.WriteLine($"resuming: {_runs.Count} runs already done ({runs})");
    }

    /// <summary>The logged run with these keys, or <paramref name="train"/>'s, logged before it is returned.</summary>
    public (TopicModelRun Run, List<TopicRow> Topics, List<TopicModelEpoch> Curve) Run(
        string model, int topics, int seed, Func<(TopicModelRun, List<TopicRow>, List<TopicModelEpoch>)> train)
    {
        var done = _runs.FirstOrDefault(r => r.Model == model && r.Topics == topics && r.Seed == seed);
        if (done is not null)
            return (done, _topics.Where(t => t.Source == TopicSources.Ours && t.Model == model && t.Topics == topics && t.Run == seed).ToList(),
                    _curve.Where(e => e.Model == model && e.Topics == topics && e.Seed == seed).ToList());
        var (run, rows, curve) = train();
        _runs.Add(run);
        _topics.AddRange(rows);
        _curve.AddRange(curve);
        Csv.Write(Path.Combine(_folder, "topics.csv"), _topics);
        Csv.Write(Path.Combine(_folder, "curves.csv"), _curve);
        Csv.Write(Path.Combine(_folder, "runs.csv"), _runs);
        return (run, rows, curve);
    }
}

/// <summary>Whose topics a row of topics.csv holds.</summary>
public static class TopicSources
{
    public const string Ours = "ours";
    public const string Authors = "authors";
}
