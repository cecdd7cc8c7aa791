using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.CycleGan;

/// <summary>
/// Zhu, Park, Isola &amp; Efros, "Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial Networks",
/// ICCV 2017 (arXiv:1703.10593). Defaults are the paper's §4 and Appendix 7 as the authors' code runs them
/// (junyanz/pytorch-CycleGAN-and-pix2pix, options/*.py), with the networks scaled for 32×32 digits where noted.
/// The digit experiment, X = MNIST and Y = USPS, is scored as in CyCADA (Hoffman et al., ICML 2018, §5.1).
/// </summary>
public sealed record CycleGanConfig : RunConfig, IValidatable
{
    public const string Paper = "cyclegan";

    [Paper("Appendix 7.2: c7s1-64 first layer; --ngf 64"), Description("generator filters in the first layer (ngf)")]
    public int Ngf { get; init; } = 64;

    [Paper("Appendix 7.2: C64 first layer; --ndf 64"), Description("discriminator filters in the first layer (ndf)")]
    public int Ndf { get; init; } = 64;

    [Paper("Appendix 7.2: 6 blocks at 128×128, 9 at 256×256; 3–6 in digit work, 6 here"), Description("residual blocks of each generator")]
    public int ResidualBlocks { get; init; } = 6;

    [Paper("Appendix 7.2: 70×70 PatchGAN is 3 layers; 2 (34×34 patches) on 32×32 digits"), Description("stride-2 layers of each PatchGAN discriminator")]
    public int DiscriminatorLayers { get; init; } = 2;

    [Paper("§7.1: λ = 10; --lambda_A 10 --lambda_B 10"), Description("λ, weight of the cycle-consistency loss (Eq. 3)")]
    public double LambdaCycle { get; init; } = 10;

    [Paper("§5.2 and --lambda_identity 0.5: 0.5 λ"), Description("weight of the identity loss, as a fraction of λ (0 turns it off)")]
    public double LambdaIdentity { get; init; } = 0.5;

    [Paper("CyCADA §3 (L_sem); 0 is plain CycleGAN"), Description("weights of CyCADA's semantic-consistency loss to train, one CycleGAN each")]
    public double[] SemanticWeights { get; init; } = [0, 1];

    [Paper("§4: a history of 50 images; --pool_size 50"), Description("images in each discriminator's history pool (0: none)")]
    public int PoolSize { get; init; } = 50;

    [Paper("§7.1: Adam, lr 0.0002"), Description("Adam learning rate of generators and discriminators")]
    public double LearningRate { get; init; } = 2e-4;

    [Paper("--beta1 0.5"), Description("Adam β₁")]
    public double Beta1 { get; init; } = 0.5;

    [Paper("§7.1: batch size 1"), Description("images of each domain per iteration")]
    public int BatchSize { get; init; } = 1;

    [Paper("§7.1: constant lr for 100 epochs; --n_epochs 100"), Description("epochs at the initial learning rate")]
    public int Epochs { get; init; } = 100;

    [Paper("§7.1: linear decay to 0 over the next 100; --n_epochs_decay 100"), Description("epochs of linear decay")]
    public int DecayEpochs { get; init; } = 100;

    [Paper("unaligned_dataset.py: an epoch is max(|A|, |B|) images"), Description("iterations per epoch (0: max(|A|, |B|), 60000 here)")]
    public int EpochIterations { get; init; }

    [Description("iterations between points of the loss curve (mean losses of the window)")]
    public int LogEvery { get; init; } = 100;

    [Description("iterations between CycleGAN checkpoints (a killed run continues with --resume)")]
    public int CheckpointEvery { get; init; } = 500;

    [Description("labelled source images each evaluation classifier trains on, raw or translated (0: all)")]
    public int ClassifierExamples { get; init; } = 10_000;

    [Description("minibatch steps of each evaluation classifier")]
    public int ClassifierIterations { get; init; } = 2000;

    [Description("evaluation classifier batch size")]
    public int ClassifierBatch { get; init; } = 128;

    [Description("evaluation classifier Adam learning rate")]
    public double ClassifierLearningRate { get; init; } = 1e-3;

    [Description("test images of each domain scored (0: all; USPS has 2007, MNIST 10000)")]
    public int TestExamples { get; init; }

    /// <summary>Small networks, 20 iterations of each CycleGAN, short classifiers: well under a minute on a CPU.</summary>
    public static CycleGanConfig Quick => new()
    {
        Ngf = 8, Ndf = 8, ResidualBlocks = 1, PoolSize = 5, Epochs = 1, DecayEpochs = 1, EpochIterations = 10, LogEvery = 5,
        CheckpointEvery = 10, ClassifierExamples = 500, ClassifierIterations = 20, ClassifierBatch = 32, TestExamples = 200,
    };

    /// <summary>Iterations of one CycleGAN: an epoch's iterations times the constant and decay epochs.</summary>
    public long Iterations(long largestDomain) => (EpochIterations > 0 ? EpochIterations : largestDomain) * (long)(Epochs + DecayEpochs);

    public void Validate()
    {
        if (Ngf < 1 || Ndf < 1) throw new ArgumentException($"--ngf and --ndf must be positive, not {Ngf} and {Ndf}");
        if (ResidualBlocks < 0) throw new ArgumentException($"--residual-blocks must be ≥ 0, not {ResidualBlocks}");
        if (DiscriminatorLayers < 1) throw new ArgumentException($"--discriminator-layers must be ≥ 1, not {DiscriminatorLayers}");
        if (LambdaCycle < 0 || LambdaIdentity < 0) throw new ArgumentException("--lambda-cycle and --lambda-identity must be ≥ 0");
        if (SemanticWeights.Length == 0 || SemanticWeights.Any(w => w < 0)) throw new ArgumentException("--semantic-weights: list one or more weights ≥ 0 (0: plain CycleGAN)");
        if (SemanticWeights.Distinct().Count() != SemanticWeights.Length) throw new ArgumentException("--semantic-weights: each weight once");
        if (PoolSize < 0) throw new ArgumentException($"--pool-size must be ≥ 0, not {PoolSize}");
        if (LearningRate <= 0 || ClassifierLearningRate <= 0) throw new ArgumentException("learning rates must be positive");
        if (Beta1 is < 0 or >= 1) throw new ArgumentException($"--beta1 must be in [0, 1), not {Beta1}");
        if (BatchSize < 1 || ClassifierBatch < 1) throw new ArgumentException("batch sizes must be positive");
        if (Epochs < 0 || DecayEpochs < 0 || Epochs + DecayEpochs == 0) throw new ArgumentException("--epochs and --decay-epochs must be ≥ 0 and not both 0");
        if (EpochIterations < 0) throw new ArgumentException($"--epoch-iterations must be ≥ 0 (0: max(|A|, |B|)), not {EpochIterations}");
        if (LogEvery < 1 || CheckpointEvery < 1) throw new ArgumentException("--log-every and --checkpoint-every must be positive");
        if (ClassifierExamples < 0 || TestExamples < 0) throw new ArgumentException("--classifier-examples and --test-examples must be 0 (all) or positive");
        if (ClassifierIterations < 1) throw new ArgumentException($"--classifier-iterations must be positive, not {ClassifierIterations}");
    }
}
