using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.MetaLstm;

/// <summary>
/// Ravi &amp; Larochelle, "Optimization as a Model for Few-Shot Learning", ICLR 2017. Defaults are the authors' code
/// (twitter/meta-learning-lstm, config/*.lua) and §4 of the paper. Override on the command line:
/// <c>--datasets omniglot --shots 1 --one-shot-episodes 5000</c>.
/// </summary>
public sealed record MetaLstmConfig : RunConfig, IValidatable
{
    [Paper("§4: Mini-ImageNet (Table 1); Omniglot is ours"),
     Description("datasets, each with its own rows: miniimagenet, omniglot (5-way), omniglot-20way (a 20-way 1-shot meta-learner, also tested on the 20 official runs)")]
    public string[] Datasets { get; init; } = [DatasetNames.MiniImageNet];

    /// <summary>The dataset of the rows being run: one of <see cref="Datasets"/>, set by <see cref="For"/>.</summary>
    public string Dataset { get; private init; } = DatasetNames.MiniImageNet;

    [Paper("Table 1: 1-shot and 5-shot"), Description("K, examples per class in the support set: 1, 5 or both")]
    public int[] Shots { get; init; } = [1, 5];

    [Paper("Table 1 rows"), Description("methods, in order: meta-lstm, fine-tune, nearest-neighbour, matching, matching-fce")]
    public string[] Methods { get; init; } = MetaLstm.Methods.All;

    [Paper("config/1-shot-5-class.lua nClasses = 5"), Description("N, classes per episode")]
    public int Ways { get; init; } = 5;

    [Paper("config/*-shot-5-class.lua nEval = 15"), Description("query examples per class")]
    public int Queries { get; init; } = 15;

    [Paper("model/lstm/meta-learner-lstm.lua nHidden = 20"), Description("units of the meta-learner's first LSTM layer")]
    public int Hidden { get; init; } = 20;

    [Paper("config/lstm/train-imagenet-1shot.lua: nEpochs[1] = 12, batchSize[1] = 5"), Description("1-shot: passes over the support set (T = passes × support/batch)")]
    public int OneShotPasses { get; init; } = 12;

    [Paper("config/lstm/train-imagenet-1shot.lua: batchSize[1] = 5"), Description("1-shot: support examples per inner step")]
    public int OneShotBatch { get; init; } = 5;

    [Paper("config/lstm/train-imagenet-5shot.lua: nEpochs[5] = 8 (the paper's §4 says 5 updates)"), Description("5-shot: passes over the support set")]
    public int FiveShotPasses { get; init; } = 8;

    [Paper("config/lstm/train-imagenet-5shot.lua: batchSize[5] = 25, the whole support set"), Description("5-shot: support examples per inner step")]
    public int FiveShotBatch { get; init; } = 25;

    [Paper("config/lstm/train-imagenet-1shot.lua nEpisode = 75000"), Description("1-shot meta-training episodes")]
    public int OneShotEpisodes { get; init; } = 75_000;

    [Paper("config/lstm/train-imagenet-5shot.lua nEpisode = 50000"), Description("5-shot meta-training episodes")]
    public int FiveShotEpisodes { get; init; } = 50_000;

    [Paper("config/lstm/*.lua learningRate = 0.001, optimMethod adam"), Description("Adam learning rate of the meta-learner")]
    public double LearningRate { get; init; } = 1e-3;

    [Paper("config/lstm/*.lua maxGradNorm = 0.25"), Description("the meta-gradient's global norm is clipped to this")]
    public double MaxGradNorm { get; init; } = 0.25;

    [Paper("config/lstm/*.lua printPer = 1000"), Description("meta-training episodes between meta-validations (and checkpoints)")]
    public int ValidateEvery { get; init; } = 1000;

    [Paper("config/lstm/*.lua nValidationEpisode = 100"), Description("episodes of each meta-validation")]
    public int ValidationEpisodes { get; init; } = 100;

    [Description("stop after this many meta-validations without a new best (0: run all episodes)")]
    public int Patience { get; init; }

    [Paper("§4: 600 test episodes, 95% confidence intervals"), Description("meta-test episodes")]
    public int TestEpisodes { get; init; } = 600;

    [Paper("config/baselines/train-*.lua nEpochs = 30000 (iterations of one batch)"), Description("baselines: pre-training iterations of the 64-way classifier")]
    public int PretrainIterations { get; init; } = 30_000;

    [Paper("config/baselines/train-*.lua trainBatchSize = 64"), Description("baselines: pre-training batch size")]
    public int PretrainBatch { get; init; } = 64;

    [Paper("config/baselines/train-*.lua learningRate = 0.001; pre-train.lua optim.adam"), Description("baselines: pre-training Adam learning rate")]
    public double PretrainLearningRate { get; init; } = 1e-3;

    [Paper("train-pre-trained-SGD.lua learningRates, the four largest"), Description("fine-tune: SGD learning rates tried on meta-validation")]
    public double[] FineTuneRates { get; init; } = [0.5, 0.1, 0.01, 0.001];

    [Paper("train-pre-trained-SGD.lua nUpdates = {15}"), Description("fine-tune: SGD steps on the support set tried on meta-validation")]
    public int[] FineTuneSteps { get; init; } = [15];

    [Paper("config/baselines/train-matching-net.lua nEpisode = 75000, for 1-shot and 5-shot"), Description("Matching Networks: meta-training episodes")]
    public int MatchingEpisodes { get; init; } = 75_000;

    [Paper("config/baselines/train-matching-net.lua learningRate = 0.0001, optimMethod adam"), Description("Matching Networks: Adam learning rate")]
    public double MatchingLearningRate { get; init; } = 1e-4;

    [Paper("model/matching-net-classifier.lua Dropout(0.1) after each block; train-matching-net.lua useDropout = true"),
     Description("Matching Networks: dropout after each embedding block while meta-training (0: none)")]
    public double MatchingDropout { get; init; } = 0.1;

    [Paper("config/baselines/train-matching-net.lua steps = 3 (Vinyals et al. give K no value)"), Description("Matching Networks FCE: the attention LSTM's processing steps (Vinyals et al.'s K)")]
    public int ProcessingSteps { get; init; } = 3;

    [Paper("model/baselines/FCE-embedding.lua maxGradNorm = 0.25"), Description("Matching Networks FCE: each LSTM's gradient norm is clipped to this (attention; bidirectional)")]
    public double MatchingMaxGradNorm { get; init; } = 0.25;

    [Description("Omniglot: background alphabets (last in name order) held out for meta-validation")]
    public int OmniglotValidationAlphabets { get; init; } = 5;

    [Description("meta-training classes used (0: all); quick runs take fewer")]
    public int TrainClasses { get; init; }

    /// <summary>Omniglot 5-way, a handful of episodes of each shot and method: well under a minute on a CPU.</summary>
    public static MetaLstmConfig Quick => new()
    {
        Datasets = [DatasetNames.Omniglot], Dataset = DatasetNames.Omniglot, OneShotEpisodes = 20, FiveShotEpisodes = 10, MatchingEpisodes = 20, ValidateEvery = 10, ValidationEpisodes = 5,
        TestEpisodes = 10, PretrainIterations = 20, TrainClasses = 64, FineTuneRates = [0.1], FineTuneSteps = [15],
    };

    /// <summary>
    /// The config of one dataset's rows. omniglot-20way is Omniglot with 20 ways, 1-shot, the meta-learner only: the
    /// official runs are 20-way, and the learner's output layer (part of c₀) fixes the number of ways.
    /// </summary>
    public MetaLstmConfig For(string dataset) => dataset == DatasetNames.Omniglot20Way
        ? this with { Dataset = dataset, Ways = Omniglot.OfficialWays, Shots = [1], Methods = [MetaLstm.Methods.MetaLstm] }
        : this with { Dataset = dataset };

    /// <summary>T and the batch of each inner step for <paramref name="shots"/>: (passes, batch).</summary>
    public (int Passes, int Batch) Schedule(int shots) => shots == 1 ? (OneShotPasses, OneShotBatch) : (FiveShotPasses, FiveShotBatch);

    public int Episodes(int shots) => shots == 1 ? OneShotEpisodes : FiveShotEpisodes;

    public void Validate()
    {
        if (Datasets.Length == 0 || Datasets.Any(d => !DatasetNames.All.Contains(d)))
            throw new ArgumentException($"--datasets: [{string.Join(", ", Datasets)}] (known: {string.Join(", ", DatasetNames.All)})");
        if (Device != "cpu") throw new ArgumentException($"--device {Device}: meta-lstm runs on the CPU only (its tensors are not moved to a device yet)");
        if (Shots.Length == 0 || Shots.Any(s => s is not (1 or 5))) throw new ArgumentException($"--shots takes 1, 5 or both, not [{string.Join(", ", Shots)}]");
        MetaLstm.Methods.Validate(Methods);
        if (Ways < 2 || Queries < 1) throw new ArgumentException($"--ways must be at least 2 and --queries positive, not {Ways} and {Queries}");
        if (Hidden < 1) throw new ArgumentException($"--hidden must be positive, not {Hidden}");
        if (OneShotPasses < 1 || FiveShotPasses < 1 || OneShotBatch < 2 || FiveShotBatch < 2)
            throw new ArgumentException("--*-passes must be positive and --*-batch at least 2 (batch norm needs two rows)");
        if (OneShotEpisodes < 1 || FiveShotEpisodes < 1) throw new ArgumentException("--one-shot-episodes and --five-shot-episodes must be positive");
        if (LearningRate <= 0 || MaxGradNorm <= 0) throw new ArgumentException("--learning-rate and --max-grad-norm must be positive");
        if (ValidateEvery < 1 || ValidationEpisodes < 1 || TestEpisodes < 2) throw new ArgumentException("--validate-every and --validation-episodes must be positive, --test-episodes at least 2");
        if (Patience < 0) throw new ArgumentException($"--patience must be 0 (off) or positive, not {Patience}");
        if (PretrainIterations < 1 || PretrainBatch < 2 || PretrainLearningRate <= 0) throw new ArgumentException("--pretrain-iterations ≥ 1, --pretrain-batch ≥ 2 and --pretrain-learning-rate > 0");
        if (FineTuneRates.Length == 0 || FineTuneRates.Any(r => r <= 0) || FineTuneSteps.Length == 0 || FineTuneSteps.Any(s => s < 1))
            throw new ArgumentException("--fine-tune-rates must be positive and --fine-tune-steps at least 1, each with one value or more");
        if (MatchingEpisodes < 1 || MatchingLearningRate <= 0 || MatchingMaxGradNorm <= 0)
            throw new ArgumentException("--matching-episodes, --matching-learning-rate and --matching-max-grad-norm must be positive");
        if (MatchingDropout is < 0 or >= 1) throw new ArgumentException($"--matching-dropout must be in [0, 1), not {MatchingDropout}");
        if (ProcessingSteps < 1) throw new ArgumentException($"--processing-steps (K) must be at least 1, not {ProcessingSteps}");
        if (TrainClasses < 0 || TrainClasses is > 0 and var c && c < Ways) throw new ArgumentException($"--train-classes must be 0 (all) or at least --ways ({Ways})");
    }
}

public static class DatasetNames
{
    public const string MiniImageNet = "miniimagenet";
    public const string Omniglot = "omniglot";
    public const string Omniglot20Way = "omniglot-20way";
    public static readonly string[] All = [MiniImageNet, Omniglot, Omniglot20Way];

    /// <summary>The dataset column of the official 20-way one-shot runs' row (not a --dataset value).</summary>
    public const string OmniglotRuns = "omniglot-runs";
}
