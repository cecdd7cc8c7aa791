using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.Gcn;

/// <summary>
/// Kipf &amp; Welling, "Semi-Supervised Classification with Graph Convolutional Networks", ICLR 2017
/// (arXiv:1609.02907v4). Defaults are §5.2's values, as the authors' code (tkipf/gcn) runs them.
/// Override on the command line: <c>--datasets citeseer --hidden 32</c>.
/// </summary>
public sealed record GcnConfig : GridConfig, IValidatable
{
    [Paper("§5.1, Table 1"), Description("Planetoid datasets to run: cora, citeseer, pubmed"), SweepAxis]
    public string[] Datasets { get; init; } = ["cora", "citeseer", "pubmed"];

    [Paper("Tables 2 and 3"), Description("tables to reproduce: 2 (GCN, fixed and random splits), 3 (propagation models)")]
    public int[] Tables { get; init; } = [2];

    [Paper("§5.2"), Description("hidden units of the first layer")]
    public int Hidden { get; init; } = 16;

    [Paper("§5.2"), Description("dropout rate on the input of both layers")]
    public double Dropout { get; init; } = 0.5;

    [Paper("§5.2"), Description("L2 weight on the first layer's weights (tkipf/gcn adds weight_decay · ‖W‖²/2)")]
    public double WeightDecay { get; init; } = 5e-4;

    [Paper("§5.2"), Description("Adam learning rate")]
    public double LearningRate { get; init; } = 0.01;

    [Paper("§5.2"), Description("maximum training epochs")]
    public int Epochs { get; init; } = 200;

    [Paper("§5.2"), Description("early-stopping window on the validation loss (0 disables it)")]
    public int EarlyStopping { get; init; } = 10;

    [Paper("tkipf/gcn train.py: the validation cost early stopping watches is model.loss, cross-entropy plus the L2 term"),
     Description("the validation loss early stopping watches: loss (cross-entropy + L2, the authors' code) or cross-entropy")]
    public string StopOn { get; init; } = Stopping.Loss;

    [Paper("§6.1"), Description("runs with random weight initializations, seeded 0..n-1")]
    public override int Seeds { get; init; } = 100;

    /// <summary>One thread: GCN's small sparse products lose more to thread hand-offs than they gain (see README).</summary>
    [Description("intra-op threads; GCN's small sparse products run faster on one")]
    public override int Threads { get; init; } = 1;

    [Paper("§6.1"), Description("random splits of the same sizes for Table 2's 'rand. splits' row (run with the seeds from --first-seed 0)")]
    public int RandomSplits { get; init; } = 10;

    /// <summary>One full run of GCN on Cora, fixed and random split: seconds, for CI and live demos.</summary>
    public static GcnConfig Quick => new() { Datasets = ["cora"], Seeds = 1, RandomSplits = 1 };

    public void Validate()
    {
        foreach (var d in Datasets)
            if (!Planetoid.Names.Contains(d)) throw new ArgumentException($"--datasets: unknown dataset '{d}' (known: {string.Join(", ", Planetoid.Names)})");
        foreach (var t in Tables)
            if (t is not (2 or 3)) throw new ArgumentException($"--tables: the paper's results are Tables 2 and 3, not {t}");
        if (Hidden < 1) throw new ArgumentException($"--hidden must be positive, not {Hidden}");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"--dropout must be in [0, 1), not {Dropout}");
        if (Epochs < 1) throw new ArgumentException($"--epochs must be positive, not {Epochs}");
        if (EarlyStopping < 0) throw new ArgumentException($"--early-stopping must be 0 or more, not {EarlyStopping}");
        if (StopOn is not (Stopping.Loss or Stopping.CrossEntropy))
            throw new ArgumentException($"--stop-on takes {Stopping.Loss} (cross-entropy + L2, the authors' rule) or {Stopping.CrossEntropy}, not '{StopOn}'");
        if (RandomSplits < 0) throw new ArgumentException($"--random-splits must be 0 or more, not {RandomSplits}");
    }
}

/// <summary>What early stopping watches on the validation nodes.</summary>
public static class Stopping
{
    /// <summary>The authors' rule: the model's loss, cross-entropy plus the L2 term on the first layer.</summary>
    public const string Loss = "loss";

    /// <summary>The cross-entropy alone: the L2 term's early growth no longer stops a run.</summary>
    public const string CrossEntropy = "cross-entropy";
}
