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
        var linked = new HashSet<long>(wordNet.Edges.Length * 2);
        foreach (var (u, v) in wordNet.Edges)
        {
            linked.Add(PoincareEmbedding.Key(u, v));
            linked.Add(PoincareEmbedding.Key(v, u));
        }
        var subtrees = WordNetMlr.Subtrees.ToDictionary(s => s, s => wordNet.Subtree(wordNet.Node(s)));
        foreach (var d in config.WordNetDimensions)
        {
            var embedding = Embed(config, wordNet, linked, d, curve);
            foreach (var (name, inside) in subtrees)
                foreach (var kind in Enum.GetValues<MlrKind>())
                {
                    var (run, p, a) = WordNetMlr.Run(embedding, inside, name, kind, config.MlrEpochs, config.MlrAdamLearningRate, config.MlrRsgdLearningRate, seed: 0);
                    runs.Add(run);
                    Console.WriteLine($"  {name} d={d} {Describe(kind)}: test F1 {run.TestF1:F2} (train {run.TrainF1:F2}; {run.Positives} in the subtree)");
                    if (d == 2 && kind == MlrKind.Hyperbolic) gyroplanes.Add(new Gyroplane(name, p.Value, a.Value, embedding, inside));
                    yield return new TableRow("Table 2", Describe(kind), $"{name} d={d}", "test F1 (%) of one run (80/20 split of each class)",
                        Table2.TryGetValue((name, d, kind), out var paper) ? paper : null, run.TestF1, double.NaN, 1);
                }
        }
    }

    private static PoincareEmbedding Embed(HnnConfig config, WordNet wordNet, HashSet<long> linked, int d, List<EmbeddingEpoch> curve)
    {
        var random = new Random(d);
        var embedding = new PoincareEmbedding(wordNet.Nodes, d, random);
        for (var epoch = 0; epoch < config.EmbeddingEpochs; epoch++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var lr = epoch < config.EmbeddingBurnIn ? config.EmbeddingLearningRate / 10 : config.EmbeddingLearningRate;
            var loss = embedding.Epoch(wordNet.Edges, linked, config.EmbeddingNegatives, lr, random);
            curve.Add(new EmbeddingEpoch(d, epoch, lr, loss, clock.Elapsed.TotalSeconds));
            if (epoch % 10 == 0 || epoch == config.EmbeddingEpochs - 1) Console.WriteLine($"  Poincaré embedding d={d} epoch {epoch}: loss {loss:F4} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        return embedding;
    }
}
