using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.ProdLda;

/// <summary>
/// Srivastava &amp; Sutton, "Autoencoding Variational Inference for Topic Models", ICLR 2017 (arXiv:1703.01488).
/// Defaults are the authors' code (akashgit/autoencoding_vi_for_topic_models, run.py and models/*.py) where the
/// paper gives no number. Override on the command line: <c>--topics 50 --models prodlda,nvlda</c>.
/// </summary>
public sealed record ProdLdaConfig : GridConfig, IValidatable
{
    [Paper("Tables 1 and 2"), Description("models to train: prodlda, nvlda, lda-gibbs"), SweepAxis]
    public string[] Models { get; init; } = [TopicModels.ProdLda, TopicModels.NvLda, TopicModels.GibbsLda];

    [Paper("Tables 1 and 2"), Description("numbers of topics K"), SweepAxis]
    public int[] Topics { get; init; } = [50, 200];

    [Paper("run.py -f 100 -s 100"), Description("units of each of the encoder's two softplus layers")]
    public int Hidden { get; init; } = 100;

    [Paper("Laplace approximation of Dirichlet(α); run.py: α = 1"), Description("symmetric Dirichlet prior α of ProdLDA and NVLDA")]
    public double Alpha { get; init; } = 1.0;

    [Paper("run.py -b 200"), Description("minibatch size; batches are drawn with replacement, as run.py's create_minibatch")]
    public int BatchSize { get; init; } = 200;

    [Paper("prodlda.py partial_fit"), Description("ProdLDA: dropout keep probability in training (encoder and θ)")]
    public double ProdLdaKeep { get; init; } = 0.4;

    [Paper("nvlda.py partial_fit"), Description("NVLDA: dropout keep probability in training (encoder and θ)")]
    public double NvLdaKeep { get; init; } = 0.75;

    [Paper("run.py -r 0.002"), Description("ProdLDA: Adam learning rate")]
    public double ProdLdaLearningRate { get; init; } = 0.002;

    [Paper("README: -r 0.005"), Description("NVLDA: Adam learning rate")]
    public double NvLdaLearningRate { get; init; } = 0.005;

    [Paper("prodlda.py: AdamOptimizer(beta1=0.99)"), Description("Adam β₁ (the paper's high momentum against component collapse)")]
    public double Beta1 { get; init; } = 0.99;

    [Paper("run.py -e (its -p preset: 100; README: 80)"), Description("ProdLDA: epochs of ⌊D/batch⌋ minibatches")]
    public int ProdLdaEpochs { get; init; } = 200;

    [Paper("README: -e 300"), Description("NVLDA: epochs of ⌊D/batch⌋ minibatches")]
    public int NvLdaEpochs { get; init; } = 300;

    [Description("collapsed Gibbs LDA: sweeps over every token of the training corpus")]
    public int GibbsIterations { get; init; } = 1000;

    [Description("collapsed Gibbs LDA: symmetric document-topic prior α (Griffiths & Steyvers: 50/K when 0)")]
    public double GibbsAlpha { get; init; }

    [Description("collapsed Gibbs LDA: symmetric topic-word prior β (Griffiths & Steyvers 2004)")]
    public double GibbsBeta { get; init; } = 0.01;

    [Description("collapsed Gibbs LDA: fold-in sweeps over the test documents, topics fixed, for its perplexity")]
    public int GibbsTestIterations { get; init; } = 50;

    [Paper("run.py calcPerp / test(): ε has the training batch's 200 rows"), Description("samples of ε per test document in the authors' perplexity")]
    public int TestSamples { get; init; } = 200;

    [Paper("Table 1: NPMI of the top 10 words"), Description("words per topic for NPMI and the topic lists")]
    public int TopWords { get; init; } = 10;

    /// <summary>One thread: runs are bit-identical at one thread count, and the machine's cores are shared.</summary>
    [Description("intra-op threads of libtorch and OpenBLAS")]
    public override int Threads { get; init; } = 1;

    /// <summary>K = 50 only, a few epochs and sweeps: under a minute, for CI and live demos.</summary>
    public static ProdLdaConfig Quick => new()
    {
        Topics = [50], ProdLdaEpochs = 5, NvLdaEpochs = 5, GibbsIterations = 20, GibbsTestIterations = 5, TestSamples = 20,
    };

    /// <summary>Gibbs LDA's α: the given one, or Griffiths &amp; Steyvers' 50/K.</summary>
    public double GibbsAlphaFor(int topics) => GibbsAlpha > 0 ? GibbsAlpha : 50.0 / topics;

    public void Validate()
    {
        foreach (var m in Models)
            if (!TopicModels.Names.Contains(m)) throw new ArgumentException($"--models: unknown model '{m}' (known: {string.Join(", ", TopicModels.Names)})");
        foreach (var k in Topics)
            if (k < 2) throw new ArgumentException($"--topics: a topic model needs at least 2 topics, not {k}");
        if (Hidden < 1) throw new ArgumentException($"--hidden must be positive, not {Hidden}");
        if (Alpha <= 0) throw new ArgumentException($"--alpha must be positive, not {Alpha}");
        if (BatchSize < 2) throw new ArgumentException($"--batch-size must be at least 2 (batch norm needs two rows), not {BatchSize}");
        if (ProdLdaKeep is <= 0 or > 1) throw new ArgumentException($"--prod-lda-keep must be in (0, 1], not {ProdLdaKeep}");
        if (NvLdaKeep is <= 0 or > 1) throw new ArgumentException($"--nv-lda-keep must be in (0, 1], not {NvLdaKeep}");
        if (ProdLdaLearningRate <= 0 || NvLdaLearningRate <= 0) throw new ArgumentException("learning rates must be positive");
        if (Beta1 is < 0 or >= 1) throw new ArgumentException($"--beta1 must be in [0, 1), not {Beta1}");
        if (ProdLdaEpochs < 1 || NvLdaEpochs < 1) throw new ArgumentException("epochs must be positive");
        if (GibbsIterations < 1 || GibbsTestIterations < 1) throw new ArgumentException("Gibbs sweeps must be positive");
        if (GibbsAlpha < 0) throw new ArgumentException($"--gibbs-alpha must be 0 (50/K) or positive, not {GibbsAlpha}");
        if (GibbsBeta <= 0) throw new ArgumentException($"--gibbs-beta must be positive, not {GibbsBeta}");
        if (TestSamples < 2) throw new ArgumentException($"--test-samples must be at least 2 (the decoder's batch norm needs two rows), not {TestSamples}");
        if (TopWords < 2) throw new ArgumentException($"--top-words must be at least 2 (NPMI scores pairs), not {TopWords}");
    }
}
