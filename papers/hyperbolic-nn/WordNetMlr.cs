namespace Papers.Hnn;

/// <summary>Table 2's three classifiers of Poincaré embeddings: hyperbolic MLR, Euclidean MLR on the raw coordinates, and Euclidean MLR after log₀.</summary>
public enum MlrKind
{
    Hyperbolic,
    Euclidean,
    LogZeroEuclidean,
}

/// <summary>One Table 2 run: test F1 of one classifier on one subtree at one embedding dimension, after <paramref name="Epochs"/> epochs that ended at mean training loss <paramref name="TrainLoss"/>.</summary>
public sealed record WordNetRun(string Subtree, int Dimension, string Classifier, int Seed, int Positives, int Negatives, int Epochs, double TrainLoss, double TrainF1, double TestF1, double Seconds);

/// <summary>
/// How a Table 2 MLR trains: until its mean training loss stops falling (<see cref="LossPlateau"/> with
/// <paramref name="Patience"/> and <paramref name="Tolerance"/>) or <paramref name="MaxEpochs"/>; a by Adam, p by RSGD
/// (hyperbolic) or Adam (Euclidean).
/// </summary>
public sealed record MlrTraining(int MaxEpochs, int Patience, double Tolerance, double AdamLearningRate, double RsgdLearningRate)
{
    public static MlrTraining From(HnnConfig config) =>
        new(config.MlrEpochs, config.MlrPatience, config.MlrTolerance, config.MlrAdamLearningRate, config.MlrRsgdLearningRate);
}

/// <summary>
/// §4's MLR experiment: "subtree vs. rest" binary classification of the WordNet nouns from their Poincaré embeddings.
/// Each class is split 80/20 into train and test at random; the loss is the logistic loss with positives weighted by
/// #negatives/#positives (the subtrees hold 1-8% of the nouns). One gyroplane (p, a): logit = HyperbolicMlr.Logit for
/// the hyperbolic classifier, ⟨x − p, a⟩ for the Euclidean one, ⟨log₀(x) − p, a⟩ after log₀. a by Adam, p by RSGD
/// (hyperbolic) or Adam (Euclidean), as the PREFIX models train them.
/// </summary>
public static class WordNetMlr
{
    public const double TrainShare = 0.8;
    public const int BatchSize = 64;

    public static readonly string[] Subtrees = ["animal.n.01", "group.n.01", "worker.n.01", "mammal.n.01"];

    public static (WordNetRun Run, Parameter P, Parameter A) Run(PoincareEmbedding embedding, bool[] inside, string subtree, MlrKind kind, MlrTraining training, int seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(seed);
        var (train, test) = Split(inside, random);
        var ball = PoincareBall.WithCurvature(1);
        var d = embedding.Dimension;
        var p = new Parameter("p", 1, d, kind == MlrKind.Hyperbolic ? Geometry.Hyperbolic : Geometry.Euclidean);
        var a = new Parameter("a", 1, d, Geometry.Euclidean).Xavier(random);
        var optimizers = new Optimizers([p, a], 1, training.AdamLearningRate, training.RsgdLearningRate, training.RsgdLearningRate);
        var positives = train.Count(i => inside[i]);
        var positiveWeight = (double)(train.Length - positives) / positives;
        var features = Features(embedding, kind, ball);
        var order = (int[])train.Clone();
        Span<double> gx = stackalloc double[d];
        var losses = new List<double>();
        while (losses.Count < training.MaxEpochs && !LossPlateau.Reached(losses, 0, training.Patience, training.Tolerance))
        {
            random.Shuffle(order);
            var loss = 0.0;
            foreach (var batch in order.Chunk(BatchSize))
            {
                foreach (var node in batch)
                {
                    var x = features.AsSpan(node * d, d);
                    var logit = Logit(kind, ball, p.Value, a.Value, x);
                    loss += inside[node] ? positiveWeight * Softplus(-logit) : Softplus(logit);
                    // logistic loss: ∂/∂logit = w (σ(logit) − y), w = positiveWeight for y = 1
                    var g = (inside[node] ? positiveWeight * (Vec.Sigmoid(logit) - 1) : Vec.Sigmoid(logit)) / batch.Length;
                    if (kind == MlrKind.Hyperbolic) HyperbolicMlr.LogitBackward(ball, p.Value, a.Value, x, g, p.Grad, a.Grad, gx);
                    else HyperbolicMlr.EuclideanLogitBackward(p.Value, a.Value, x, g, p.Grad, a.Grad, gx);
                }
                optimizers.Step();
            }
            losses.Add(loss / order.Length);
        }
        double F1(int[] nodes) => F1Score(nodes.Select(i => (inside[i], Logit(kind, ball, p.Value, a.Value, features.AsSpan(i * d, d)) > 0)));
        var run = new WordNetRun(subtree, d, kind.ToString(), seed, inside.Count(b => b), inside.Length - inside.Count(b => b),
            losses.Count, losses[^1], F1(train), F1(test), clock.Elapsed.TotalSeconds);
        return (run, p, a);
    }

    /// <summary>log(1 + eˣ) without overflow.</summary>
    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    public static double Logit(MlrKind kind, PoincareBall ball, ReadOnlySpan<double> p, ReadOnlySpan<double> a, ReadOnlySpan<double> x) =>
        kind == MlrKind.Hyperbolic ? HyperbolicMlr.Logit(ball, p, a, x) : HyperbolicMlr.EuclideanLogit(p, a, x);

    /// <summary>The classifier's input: the embedding itself, or log₀ of it for the third classifier.</summary>
    private static double[] Features(PoincareEmbedding embedding, MlrKind kind, PoincareBall ball)
    {
        if (kind != MlrKind.LogZeroEuclidean) return embedding.Points;
        var d = embedding.Dimension;
        var features = new double[embedding.Points.Length];
        for (var i = 0; i < embedding.Nodes; i++) ball.LogZero(embedding.Point(i), features.AsSpan(i * d, d));
        return features;
    }

    /// <summary>80% of each class for training, the rest for testing.</summary>
    public static (int[] Train, int[] Test) Split(bool[] inside, Random random)
    {
        var (train, test) = (new List<int>(), new List<int>());
        foreach (var cls in new[] { true, false })
        {
            var nodes = Enumerable.Range(0, inside.Length).Where(i => inside[i] == cls).ToArray();
            random.Shuffle(nodes);
            var cut = (int)(TrainShare * nodes.Length);
            train.AddRange(nodes[..cut]);
            test.AddRange(nodes[cut..]);
        }
        return ([.. train], [.. test]);
    }

    /// <summary>F1 of the positive class, in percent.</summary>
    public static double F1Score(IEnumerable<(bool Truth, bool Predicted)> outcomes)
    {
        var (tp, fp, fn) = (0, 0, 0);
        foreach (var (truth, predicted) in outcomes)
        {
            if (truth && predicted) tp++;
            else if (predicted) fp++;
            else if (truth) fn++;
        }
        return tp == 0 ? 0 : 100.0 * 2 * tp / (2 * tp + fp + fn);
    }
}
