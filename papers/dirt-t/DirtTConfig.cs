using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.DirtT;

/// <summary>
/// Shu, Bui, Narui &amp; Ermon, "A DIRT-T Approach to Unsupervised Domain Adaptation", ICLR 2018 (arXiv:1802.08735).
/// Defaults are the authors' code (RuiShu/dirt-t,
/// run_dirtt.py and codebase/). Override on the command line: <c>--instance-norm 1 --iterations 20000</c>.
/// </summary>
public sealed record DirtTConfig : RunConfig, IValidatable
{
    [Paper("Table 1: MNIST → MNIST-M"), Description("source domain: mnist, usps or svhn")]
    public string Source { get; init; } = Domains.Mnist;

    [Paper("Table 1: MNIST → MNIST-M"), Description("target domain: mnistm (generated), mnistm-official, mnist, usps or svhn")]
    public string Target { get; init; } = Domains.MnistM;

    [Paper("Table 1 rows"), Description("methods to train, in order: source-only, vada, dirt-t (dirt-t starts from vada's weights)")]
    public string[] Methods { get; init; } = [DirtT.Methods.SourceOnly, DirtT.Methods.Vada, DirtT.Methods.DirtT];

    [Paper("Table 1: without and with instance norm; run_dirtt.py --inorm"), Description("instance norm on the input: 0, 1 or both")]
    public int[] InstanceNorm { get; init; } = [0, 1];

    [Paper("run_dirtt.py --trim 5"), Description("layers of the small network after the features the discriminator sees")]
    public int Trim { get; init; } = 5;

    [Paper("run_dirtt.py --radius 3.5"), Description("VAT radius ε (L2 over the whole image)")]
    public double Radius { get; init; } = 3.5;

    [Paper("extra_layers.py perturb_image: 1e-6"), Description("VAT: length of the random probe direction ξ")]
    public double Xi { get; init; } = 1e-6;

    [Paper("run_dirtt.py --dw 1e-2; the paper searches λ_d ∈ {0, 1e-2}"), Description("λ_d, weight of the domain-adversarial loss (VADA)")]
    public double DomainWeight { get; init; } = 1e-2;

    [Paper("run_dirtt.py --sw 1; the paper searches λ_s ∈ {0, 1}"), Description("λ_s, weight of source VAT (VADA)")]
    public double SourceWeight { get; init; } = 1;

    [Paper("run_dirtt.py --tw 1e-2; the paper searches λ_t ∈ {1e-2, 1e-1}"), Description("λ_t, weight of target conditional entropy and target VAT")]
    public double TargetWeight { get; init; } = 1e-2;

    [Paper("run_dirtt.py --bw 1e-2"), Description("β, weight of the cross-entropy to the teacher (DIRT-T)")]
    public double TeacherWeight { get; init; } = 1e-2;

    [Paper("the authors' README: run_dirtt.py --dirt 5000"), Description("DIRT-T: iterations between teacher refreshes")]
    public int TeacherInterval { get; init; } = 5000;

    [Paper("run_dirtt.py --lr 1e-3"), Description("Adam learning rate")]
    public double LearningRate { get; init; } = 1e-3;

    [Paper("dirtt.py: AdamOptimizer(lr, 0.5)"), Description("Adam β₁")]
    public double Beta1 { get; init; } = 0.5;

    [Paper("train.py: bs = 64"), Description("source and target examples per batch")]
    public int BatchSize { get; init; } = 64;

    [Paper("train.py: 80 epochs of 1000 iterations"), Description("iterations of source-only and of VADA")]
    public int Iterations { get; init; } = 80_000;

    [Paper("train.py: 80 epochs of 1000 iterations"), Description("iterations of DIRT-T after VADA")]
    public int DirtIterations { get; init; } = 80_000;

    [Paper("dirtt.py: ExponentialMovingAverage(decay=0.998)"), Description("decay of the weights' moving average used for evaluation and the teacher")]
    public double EmaDecay { get; init; } = 0.998;

    [Paper("train.py iterep = 1000"), Description("iterations between evaluations of target test accuracy (a point of the curve)")]
    public int EvaluateEvery { get; init; } = 1000;

    [Description("iterations between checkpoints of a run (a killed run continues with --resume)")]
    public int CheckpointEvery { get; init; } = 1000;

    [Description("target test images evaluated (0: all)")]
    public int TestExamples { get; init; }

    [Description("training images of each domain (0: all)")]
    public int TrainExamples { get; init; }

    [Paper("the paper's search: λs tuned per task on 1000 labelled target training samples"),
     Description("1: before the table's cells, train VADA with every λ_d, λ_s, λ_t of the search grid and keep the best on labelled target training images; 0: run_dirtt.py's defaults")]
    public int Search { get; init; }

    [Paper("the paper's search: λ_d ∈ {0, 1e-2}"), Description("search grid of λ_d")]
    public double[] SearchDomainWeights { get; init; } = [0, 1e-2];

    [Paper("the paper's search: λ_s ∈ {0, 1}"), Description("search grid of λ_s")]
    public double[] SearchSourceWeights { get; init; } = [0, 1];

    [Paper("the paper's search: λ_t ∈ {1e-2, 1e-1}"), Description("search grid of λ_t")]
    public double[] SearchTargetWeights { get; init; } = [1e-2, 1e-1];

    [Paper("the paper's search: 1000 labelled target training samples"),
     Description("labelled target training images the search judges by (the first of the target's training set; they stay in the unlabelled training data too)")]
    public int ValidationExamples { get; init; } = 1000;

    [Description("VADA iterations of each search trial (0: as --iterations)")]
    public int SearchIterations { get; init; }

    [Paper("data README §4: the MNIST-M recipe"), Description("seed of the MNIST-M generation (backgrounds and crops)")]
    public int MnistMSeed { get; init; }

    /// <summary>One cell (no instance norm), batches of 8, a few iterations of each method: about a minute on a CPU.</summary>
    public static DirtTConfig Quick => new()
    {
        InstanceNorm = [0], BatchSize = 8, Iterations = 4, DirtIterations = 4, TeacherInterval = 2, EvaluateEvery = 2,
        CheckpointEvery = 2, TestExamples = 100, TrainExamples = 1000,
    };

    public void Validate()
    {
        if (!Domains.Sources.Contains(Source)) throw new ArgumentException($"--source: unknown domain '{Source}' (known: {string.Join(", ", Domains.Sources)})");
        if (!Domains.Targets.Contains(Target)) throw new ArgumentException($"--target: unknown domain '{Target}' (known: {string.Join(", ", Domains.Targets)})");
        if (Source == Target) throw new ArgumentException($"--source and --target are both '{Source}': adaptation needs two domains");
        DirtT.Methods.Validate(Methods);
        if (InstanceNorm.Length == 0 || InstanceNorm.Any(i => i is not (0 or 1)))
            throw new ArgumentException($"--instance-norm takes 0 (off), 1 (on) or both, not [{string.Join(", ", InstanceNorm)}]");
        if (Trim is < 1 or >= SmallNetwork.Layers) throw new ArgumentException($"--trim must be in [1, {SmallNetwork.Layers}), not {Trim}");
        if (Radius < 0 || Xi <= 0) throw new ArgumentException($"--radius must be ≥ 0 and --xi > 0, not {Radius} and {Xi}");
        if (DomainWeight < 0 || SourceWeight < 0 || TargetWeight < 0 || TeacherWeight < 0) throw new ArgumentException("loss weights must be ≥ 0");
        if (TeacherInterval < 1) throw new ArgumentException($"--teacher-interval must be positive, not {TeacherInterval}");
        if (LearningRate <= 0) throw new ArgumentException($"--learning-rate must be positive, not {LearningRate}");
        if (Beta1 is < 0 or >= 1) throw new ArgumentException($"--beta1 must be in [0, 1), not {Beta1}");
        if (BatchSize < 2) throw new ArgumentException($"--batch-size must be at least 2 (batch norm needs two rows), not {BatchSize}");
        if (Iterations < 1 || DirtIterations < 1) throw new ArgumentException("--iterations and --dirt-iterations must be positive");
        if (EmaDecay is < 0 or >= 1) throw new ArgumentException($"--ema-decay must be in [0, 1), not {EmaDecay}");
        if (EvaluateEvery < 1 || CheckpointEvery < 1) throw new ArgumentException("--evaluate-every and --checkpoint-every must be positive");
        if (TestExamples < 0 || TrainExamples < 0) throw new ArgumentException("--test-examples and --train-examples must be 0 (all) or positive");
        if (Search is not (0 or 1)) throw new ArgumentException($"--search takes 0 or 1, not {Search}");
        if (Search == 1 && !Methods.Contains(DirtT.Methods.Vada)) throw new ArgumentException("--search 1 chooses VADA's λs: list vada in --methods");
        if (new[] { SearchDomainWeights, SearchSourceWeights, SearchTargetWeights }.Any(g => g.Length == 0 || g.Any(w => w < 0 || !double.IsFinite(w))))
            throw new ArgumentException("--search-domain-weights, --search-source-weights and --search-target-weights each need at least one weight ≥ 0");
        if (ValidationExamples < 1) throw new ArgumentException($"--validation-examples must be positive, not {ValidationExamples}");
        if (SearchIterations < 0) throw new ArgumentException($"--search-iterations must be 0 (as --iterations) or positive, not {SearchIterations}");
        if (TrainExamples is > 0 and var n && n < BatchSize) throw new ArgumentException($"--train-examples {n} is fewer than one batch of {BatchSize}");
    }
}
