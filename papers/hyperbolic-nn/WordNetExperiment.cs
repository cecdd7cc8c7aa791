using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.Hnn;

/// <summary>One epoch of Poincaré embedding training.</summary>
public sealed record EmbeddingEpoch(int Dimension, int Epoch, double LearningRate, double Loss, double Seconds);

/// <summary>The gyroplane a 2-D hyperbolic MLR learned, kept for the figure.</summary>
public sealed record Gyroplane(string Subtree, double[] P, double[] A, PoincareEmbedding Embedding, bool[] Inside);

/// <summary>Table 2: Poincaré embeddings of the WordNet noun closure, then the three MLRs on each subtree.</summary>
public static class WordNetExperiment
{
    /// <summary>Table 2's cells quoted with their subtree, dimension and classifier (F1, %); the others are not transcribed here.</summary>
    public static readonly IReadOnlyDictionary<(string, int, MlrKind), double> Table2 = new Dictionary<(string, int, MlrKind), double>
    {
        [("group.n.01", 2, MlrKind.Hyperbolic)] = 81.7, [("group.n.01", 2, MlrKind.Euclidean)] = 61.1,
        [("mammal.n.01", 3, MlrKind.Hyperbolic)] = 87.5, [("mammal.n.01", 3, MlrKind.Euclidean)] = 44.7,
        [("animal.n.01", 10, MlrKind.Hyperbolic)] = 99.26, [("animal.n.01", 10, MlrKind.Euclidean)] = 99.36,
    };

    public static string Describe(MlrKind kind) => kind switch
    {
        MlrKind.Hyperbolic => "Hyperbolic MLR",
        MlrKind.Euclidean => "Euclidean MLR",
        _ => "log₀ + Euclidean MLR",
    };

    public static IEnumerable<TableRow> Run(HnnConfig config, WordNet wordNet, List<WordNetRun> runs, List<EmbeddingEpoch> curve, List<Gyroplane> gyroplanes)
    {
        var linked = new Neighbours(wordNet.Nodes, wordNet.Edges);
        var subtrees = WordNetMlr.Subtrees.ToDictionary(s => s, s => wordNet.Subtree(wordNet.Node(s)));
        foreach (var d in config.WordNetDimensions)
        {
            var trained = EmbeddingTraining.Train(config, wordNet.Nodes, wordNet.Edges, linked, d, CheckpointPath(config, d));
            curve.AddRange(trained.Epochs);
            var embedded = $"embeddings trained {trained.Epochs.Count} epochs, {(trained.Converged ? "loss converged" : "loss still falling at the epoch limit")}";
            foreach (var (name, inside) in subtrees)
                foreach (var kind in Enum.GetValues<MlrKind>())
                {
                    var cell = new List<WordNetRun>();
                    for (var seed = 0; seed < config.MlrSeeds; seed++)
                    {
                        var (run, p, a) = WordNetMlr.Run(trained.Embedding, inside, name, kind, MlrTraining.From(config), seed);
                        cell.Add(run);
                        if (d == 2 && kind == MlrKind.Hyperbolic && seed == 0) gyroplanes.Add(new Gyroplane(name, p.Value, a.Value, trained.Embedding, inside));
                    }
                    runs.AddRange(cell);
                    var row = TableRow.Summarize("Table 2", Describe(kind), $"{name} d={d}",
                        $"test F1 (%), mean and std of {cell.Count} runs (80/20 split of each class; {embedded})",
                        Table2.TryGetValue((name, d, kind), out var paper) ? paper : null, cell.Select(r => r.TestF1));
                    Console.WriteLine($"  {name} d={d} {Describe(kind)}: test F1 {row.OursMean:F2} ± {row.OursStd:F2} over {cell.Count} runs ({cell[0].Positives} in the subtree)");
                    yield return row;
                }
        }
    }

    /// <summary>Where the embedding of dimension <paramref name="d"/> is saved after every epoch (the checkpoint folder, artifacts/hyperbolic-nn/ unless --out says otherwise).</summary>
    public static string CheckpointPath(HnnConfig config, int d) => Path.Combine(Checkpointer.Folder("hyperbolic-nn", config), $"embedding-d{d}.bin");
}
