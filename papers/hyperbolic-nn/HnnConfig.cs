using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.Hnn;

/// <summary>
/// Ganea, Bécigneul &amp; Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018 (arXiv:1805.09112v2). Defaults are §4's
/// values as the authors' README command runs hyp_rnn.py (dalab/hyperbolic_nn), except where a Deviation says so.
/// Override on the command line: <c>--noise 10 --train-pairs 100000 --epochs 10</c>.
/// </summary>
public sealed record HnnConfig : GridConfig, IValidatable
{
    [Paper("Tables 1 and 2"), Description("tables to reproduce: 1 (PREFIX), 2 (WordNet MLR)")]
    public int[] Tables { get; init; } = [1, 2];

    [Paper("§4, Table 1"), Description("PREFIX-Z% noise levels to run: 10, 30, 50"), SweepAxis]
    public int[] Noise { get; init; } = [10, 30, 50];

    [Paper("Table 1"), Description("models to train"), SweepAxis]
    public Variant[] Variants { get; init; } = Enum.GetValues<Variant>();

    [Paper("§4, prefix_dataset.py"), Description("generated training pairs per dataset")]
    public int TrainPairs { get; init; } = 500_000;

    [Description("seed of the training-pair generator (the authors' train split is not published)")]
    public int DataSeed { get; init; } = 2018;

    /// <summary>hyp_rnn.py sets num_epochs = 30, but its loop (epoch = -1; while epoch &lt; num_epochs: epoch += 1) trains epochs 0 to 30: 31 passes.</summary>
    [Paper("hyp_rnn.py num_epochs = 30 and its training loop: 31 passes"), Description("training epochs")]
    public int Epochs { get; init; } = 31;

    [Paper("§4: best of 3 runs by validation"), Description("runs per model, seeded first-seed, ..., first-seed + n-1")]
    public override int Seeds { get; init; } = 3;

    [Paper("hyp_rnn.py PRINT_STEP"), Description("evaluate dev and test every this many batches (and after the last)")]
    public int EvalEvery { get; init; } = 2000;

    [Paper("§4"), Description("word and hidden dimension")]
    public int Dimension { get; init; } = 5;

    [Paper("§4"), Description("curvature c of the ball")]
    public double Curvature { get; init; } = 1.0;

    [Paper("§4"), Description("batch size")]
    public int BatchSize { get; init; } = 64;

    [Paper("hyp_rnn.py"), Description("Adam learning rate of the Euclidean parameters")]
    public double AdamLearningRate { get; init; } = 1e-3;

    [Paper("§4, --lr_words"), Description("RSGD learning rate of hyperbolic word embeddings")]
    public double WordLearningRate { get; init; } = 0.1;

    [Paper("§4, --lr_ffnn"), Description("RSGD learning rate of hyperbolic biases and MLR points")]
    public double HyperbolicLearningRate { get; init; } = 0.01;

    /// <summary>The authors' flag: U(±(3 a²/(2n))^(1/3)) per coordinate, whose mean norm is 8.45 a in dimension 5 for a = 1e-3 (0.0085), not a.</summary>
    [Paper("--word_init_avg_norm"), Description("the authors' --word_init_avg_norm a: words start U(±(3a²/(2n))^(1/3)) per coordinate (mean norm 0.0085 for a = 1e-3, n = 5)")]
    public double WordInitAverageNorm { get; init; } = 1e-3;

    [Paper("Table 2"), Description("Poincaré embedding dimensions for the WordNet MLR")]
    public int[] WordNetDimensions { get; init; } = [2, 3, 5, 10];

    [Description("most epochs of Poincaré embedding training; it stops earlier once the loss stops falling (--embedding-patience)")]
    public int EmbeddingEpochs { get; init; } = 1000;

    [Description("the embedding's loss has stopped falling when the best of this many epochs after the burn-in is less than --embedding-tolerance below the best before them")]
    public int EmbeddingPatience { get; init; } = 20;

    [Description("relative fall of the embedding's loss over --embedding-patience epochs below which training stops")]
    public double EmbeddingTolerance { get; init; } = 0.01;

    [Paper("Nickel & Kiela 2017, §4"), Description("initial epochs at a tenth of the embedding learning rate (burn-in)")]
    public int EmbeddingBurnIn { get; init; } = 10;

    /// <summary>
    /// Nickel &amp; Kiela's code steps at lr 0.3 on the mean loss of a batch of 10 edges (`-lr 0.3 -batchsize 10`); one
    /// edge per update, the same step per edge is 0.03. At 0.3 per edge the points end packed against the ball's edge.
    /// </summary>
    [Paper("Nickel & Kiela's example.sh: -lr 0.3 -batchsize 10"), Description("RSGD learning rate of the Poincaré embeddings, one edge per update (their lr 0.3 over batches of 10 edges)")]
    public double EmbeddingLearningRate { get; init; } = 0.03;

    [Paper("Nickel & Kiela 2017, §4"), Description("negative samples per edge")]
    public int EmbeddingNegatives { get; init; } = 10;

    [Description("most epochs of MLR training per subtree; it stops earlier once its training loss stops falling (--mlr-patience)")]
    public int MlrEpochs { get; init; } = 500;

    [Description("an MLR's training loss has stopped falling when the best of this many epochs is less than --mlr-tolerance below the best before them")]
    public int MlrPatience { get; init; } = 20;

    [Description("relative fall of an MLR's training loss over --mlr-patience epochs below which its training stops")]
    public double MlrTolerance { get; init; } = 0.001;

    [Paper("Table 2"), Description("runs of each MLR (split and initialisation seeds 0..n−1) on the same embedding; the paper shows 3")]
    public int MlrSeeds { get; init; } = 3;

    [Description("Adam learning rate of the WordNet MLR normals a (and of p in the Euclidean MLRs)")]
    public double MlrAdamLearningRate { get; init; } = 0.01;

    [Description("RSGD learning rate of the hyperbolic MLR's point p")]
    public double MlrRsgdLearningRate { get; init; } = 0.1;

    [Description("training steps of the libtorch encoder benchmark (the managed one runs ten times as many); 0 skips it")]
    public int BenchmarkSteps { get; init; } = 20;

    /// <summary>One intra-op thread: the managed float64 kernels are single-threaded by design.</summary>
    [Description("threads (the kernels are single-threaded; kept at 1)")]
    public override int Threads { get; init; } = 1;

    /// <summary>Seconds on a CPU: PREFIX-10% with 4000 generated pairs, one epoch, two models; WordNet in 2-D, a few epochs.</summary>
    public static HnnConfig Quick => new()
    {
        Noise = [10], Variants = [Variant.EuclideanRnn, Variant.HyperbolicGru], TrainPairs = 4000, Epochs = 1, Seeds = 1, EvalEvery = 1000,
        BenchmarkSteps = 2, WordNetDimensions = [2], EmbeddingEpochs = 2, EmbeddingBurnIn = 1, MlrEpochs = 2, MlrSeeds = 1,
    };

    /// <summary>Table 2 is not split into tasks: each task of a sweep would train the WordNet embeddings and classifiers again.</summary>
    public override string? WhyNotSweepable() => Tables.Contains(2)
        ? "Table 2 (WordNet embeddings and MLR) is not split into tasks, so every task would train it again: sweep Table 1 alone (--tables 1) and run Table 2 by itself (--tables 2)"
        : null;

    public void Validate()
    {
        if (Device != "cpu")
            throw new ArgumentException($"--device {Device}: the models run on managed float64 kernels on the CPU, not on libtorch " +
                                        "(dimension 5 leaves every tensor op overhead-bound, on a GPU too: README, Throughput); use --device cpu");
        foreach (var t in Tables)
            if (t is not (1 or 2)) throw new ArgumentException($"--tables: the paper's experiments are Tables 1 and 2, not {t}");
        foreach (var z in Noise)
            if (!Prefix.Noise.Contains(z)) throw new ArgumentException($"--noise: PREFIX-Z% exists for Z = 10, 30, 50, not {z}");
        if (TrainPairs < 2 || TrainPairs % 2 != 0) throw new ArgumentException($"--train-pairs must be a positive even number, not {TrainPairs}");
        if (Epochs < 1) throw new ArgumentException($"--epochs must be positive, not {Epochs}");
        if (EvalEvery < 1) throw new ArgumentException($"--eval-every must be positive, not {EvalEvery}");
        if (Dimension < 1) throw new ArgumentException($"--dimension must be positive, not {Dimension}");
        if (!(Curvature > 0)) throw new ArgumentException($"--curvature must be positive, not {Curvature}");
        if (BatchSize < 1) throw new ArgumentException($"--batch-size must be positive, not {BatchSize}");
        if (Threads != 1) throw new ArgumentException($"--threads: the managed kernels run on one thread, not {Threads}");
        foreach (var d in WordNetDimensions)
            if (d < 2) throw new ArgumentException($"--word-net-dimensions must be 2 or more, not {d}");
        if (EmbeddingEpochs < 1 || EmbeddingEpochs >= 1_000_000 || EmbeddingBurnIn < 0 || EmbeddingNegatives < 1 || EmbeddingPatience < 1 || MlrEpochs < 1 || MlrPatience < 1 || MlrSeeds < 1)
            throw new ArgumentException("--embedding-epochs (below 1,000,000), --embedding-negatives, --embedding-patience, --mlr-epochs, --mlr-patience and --mlr-seeds must be positive, --embedding-burn-in 0 or more");
        if (!(EmbeddingTolerance is >= 0 and < 1)) throw new ArgumentException($"--embedding-tolerance must be in [0, 1), not {EmbeddingTolerance}");
        if (!(MlrTolerance is >= 0 and < 1)) throw new ArgumentException($"--mlr-tolerance must be in [0, 1), not {MlrTolerance}");
    }
}
