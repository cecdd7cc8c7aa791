using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;
using Xunit.Abstractions;

namespace Papers.MetaLstm.Tests;

/// <summary>A meta-learner's accuracy on held-out episodes beside plain SGD's, from the same initial θ and with the same inner steps.</summary>
public sealed record HeldOutComparison(string Method, double LearningRate, double Accuracy);

[Collection("Serial")]
public class QuickMetaTrainingTests(ITestOutputHelper output)
{
    /// <summary>Alphabets of images_background_small2 that images_background_small1 does not hold: held-out classes.</summary>
    private static readonly string[] HeldOutAlphabets = ["Japanese_(katakana)", "Sanskrit", "Tagalog"];

    /// <summary>Inner steps, the paper's T for 1-shot (each a batch of 5: the whole support set).</summary>
    private const int Steps = 12;

    private const string Small1 = "omniglot/images_background_small1.zip", Small2 = "omniglot/images_background_small2.zip";

    /// <summary>
    /// Meta-training on small1's characters but Latin's (Latin validates on 20 episodes every 25; 5-way 1-shot, the
    /// paper's T = 12 steps of batch 5, a larger meta learning rate so that 150 episodes suffice), then 100 5-way 1-shot
    /// episodes of the three alphabets small1 does not hold: the meta-learner's selected parameters beat plain SGD from
    /// the meta-learner's initial c₀ with the same 12 steps at its best rate of three, and the numbers are pinned.
    /// </summary>
    [DataFact(Small1, Small2)]
    public void MetaLearnerBeatsPlainSgdOnHeldOutOmniglotEpisodes()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("meta-lstm-quick").FullName;
        try
        {
            var (train, validation, heldOut) = Splits();
            var config = new MetaLstmConfig
            {
                Shots = [1], Queries = 5, OneShotPasses = Steps, OneShotEpisodes = 150, LearningRate = 1e-2,
                ValidateEvery = 25, ValidationEpisodes = 20, Out = folder, Threads = 1,
            }.For(DatasetNames.Omniglot);
            var learner = new Learner(1, Omniglot.Side, config.Ways);
            var samplers = (Train: new EpisodeSampler(train, 5, 1, config.Queries), Validation: new EpisodeSampler(validation, 5, 1, config.Queries),
                HeldOut: new EpisodeSampler(heldOut, 5, 1, config.Queries));
            var (session, curve, episodes) = Train.MetaTrain(config, learner, (samplers.Train, samplers.Validation), shots: 1, seed: 0);
            using var _ = session;
            Assert.Equal(150, episodes);
            const int testEpisodes = 100;
            var rows = new List<HeldOutComparison>
            {
                new("meta-lstm", config.LearningRate,
                    MetaTraining.Evaluate(session.Best, learner, samplers.HeldOut, Steps, 5, testEpisodes, Train.TestSeed).Average()),
            };
            using var init = new Generator(0);
            using var theta0 = learner.Initial(init);
            foreach (var rate in new[] { 0.01, 0.1, 1.0 })
                rows.Add(new HeldOutComparison("sgd", rate, SgdAccuracy(learner, theta0, samplers.HeldOut, testEpisodes, rate)));
            foreach (var row in rows) output.WriteLine(row.ToString());
            foreach (var point in curve) output.WriteLine(point.ToString());
            var best = rows.Where(r => r.Method == "sgd").Max(r => r.Accuracy);
            Assert.True(rows[0].Accuracy > best, $"meta-learner {rows[0].Accuracy:F2}% ≤ plain SGD's best {best:F2}%");
            Snapshot.VerifyCsv(rows, new CsvTolerances { Numbers = Tolerance.Abs(1e-9) });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Matching Networks, plain and FCE, meta-trained for 40 episodes on the same splits (5-way 1-shot, a larger
    /// learning rate than the authors' 1e-4 so that 40 episodes suffice): on 40 held-out 5-way 1-shot episodes each
    /// beats the same network before meta-training, and the numbers are pinned.
    /// </summary>
    [DataFact(Small1, Small2)]
    public void MatchingNetworksLearnOnOmniglotAndArePinned()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("meta-lstm-matching").FullName;
        try
        {
            var (train, validation, heldOut) = Splits();
            var config = new MetaLstmConfig
            {
                Shots = [1], Queries = 5, MatchingEpisodes = 40, MatchingLearningRate = 1e-3, ValidateEvery = 20, ValidationEpisodes = 10, Out = folder, Threads = 1,
            }.For(DatasetNames.Omniglot);
            var learner = new Learner(1, Omniglot.Side, config.Ways);
            var samplers = (Train: new EpisodeSampler(train, 5, 1, config.Queries), Validation: new EpisodeSampler(validation, 5, 1, config.Queries),
                HeldOut: new EpisodeSampler(heldOut, 5, 1, config.Queries));
            const int testEpisodes = 40;
            var rows = new List<HeldOutComparison>();
            foreach (var method in Methods.MatchingNetworks)
            {
                using var session = new MatchingTraining(config, learner, method, seed: 0);
                var before = MatchingTraining.Evaluate(session.Best, samplers.HeldOut, testEpisodes, Train.TestSeed).Average();
                var (curve, episodes) = Train.MetaTrain(config, session, Train.RunName(config, 1, 0, method), config.MatchingEpisodes, (samplers.Train, samplers.Validation), 1, "test");
                Assert.Equal(40, episodes);
                var after = MatchingTraining.Evaluate(session.Best, samplers.HeldOut, testEpisodes, Train.TestSeed).Average();
                rows.Add(new HeldOutComparison($"{method} before meta-training", config.MatchingLearningRate, before));
                rows.Add(new HeldOutComparison(method, config.MatchingLearningRate, after));
                foreach (var point in curve) output.WriteLine(point.ToString());
                Assert.True(after > before, $"{method}: {after:F2}% after meta-training ≤ {before:F2}% before");
            }
            foreach (var row in rows) output.WriteLine(row.ToString());
            Snapshot.VerifyCsv(rows, new CsvTolerances { Numbers = Tolerance.Abs(1e-9) });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Meta-train on small1's alphabets but Latin, validate on Latin, test on the three alphabets of small2 that small1 does not hold.
    private static (ImageSet Train, ImageSet Validation, ImageSet HeldOut) Splits()
    {
        var small1 = Omniglot.Load(Small1);
        var train = small1.Where("small1 but Latin", c => Omniglot.Alphabet(c) != "Latin");
        var validation = small1.Where("small1 Latin", c => Omniglot.Alphabet(c) == "Latin");
        var heldOut = Omniglot.Load(Small2).Where("held out", c => HeldOutAlphabets.Contains(Omniglot.Alphabet(c)));
        new MetaSplits(train, validation, heldOut).CheckDisjoint();
        return (train, validation, heldOut);
    }

    private static double SgdAccuracy(Learner learner, Tensor theta0, EpisodeSampler sampler, int episodes, double rate)
    {
        using var generator = new Generator(Train.TestSeed);
        using var noGrad = no_grad();
        var accuracies = new List<double>();
        for (var e = 0; e < episodes; e++)
        {
            using var scope = NewDisposeScope();
            using var episode = sampler.Next(generator);
            var theta = Baselines.Sgd(learner, theta0, episode.Support, episode.SupportLabels, Steps, rate);
            accuracies.Add(learner.Accuracy(theta, episode.Query, episode.QueryLabels));
        }
        return accuracies.Average();
    }
}
