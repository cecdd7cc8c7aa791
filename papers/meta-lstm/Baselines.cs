using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Papers.Shared.Checkpoints;
using Papers.Shared.Results;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm;

/// <summary>A flat parameter vector as a module, so that Adam and the checkpoint can hold it.</summary>
public sealed class FlatParameters : nn.Module
{
    private readonly nn.Parameter _theta;

    public FlatParameters(Tensor theta) : base(nameof(FlatParameters))
    {
        _theta = new nn.Parameter(theta);
        RegisterComponents();
    }

    public Tensor Theta => _theta;
}

/// <summary>
/// Table 1's two baselines (§4 "Baselines"; model/baselines/pre-train.lua, pre-trained-SGD.lua, conv-nearest-neighbor.lua):
/// the learner pre-trained as a classifier over all meta-training classes, then either fine-tuned with SGD on each
/// episode's support set (a new N-way linear layer; learning rate and steps chosen on meta-validation) or used as an
/// embedding for a nearest-neighbour rule (cosine similarity to the support examples).
/// </summary>
public static class Baselines
{
    /// <summary>
    /// Pre-training (pre-train.lua): Adam at --pretrain-learning-rate on random batches of --pretrain-batch images drawn
    /// from every meta-training class, for --pretrain-iterations, checkpointed and resumable.
    /// </summary>
    public static Tensor Pretrain(MetaLstmConfig config, ImageSet train, int seed)
    {
        var learner = new Learner(train.Channels, train.Side, train.Classes);
        using var init = new Generator((ulong)seed + 7);
        using var model = new FlatParameters(learner.Initial(init));
        using var optimizer = optim.Adam(model.parameters(), lr: config.PretrainLearningRate);
        using var order = new Generator((ulong)seed + 8);
        var checkpoint = new Checkpoint().Add("classifier", model).Add("optimizer", optimizer).Add("order", order);
        var path = Checkpointer.DefaultPath(Train.Paper, config, $"{config.Dataset}-pretrain-seed{seed}");
        using var checkpointer = new Checkpointer(checkpoint, path, Math.Max(1, config.PretrainIterations / 20), config.Resume && File.Exists(path));
        var start = checkpointer.Start();
        var labels = Enumerable.Range(0, train.Classes).SelectMany(c => Enumerable.Repeat((long)c, train.ImagesOf(c))).ToArray();
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"pre-training a {train.Classes}-way classifier on {train.Count} images: iterations {start} → {config.PretrainIterations}");
        for (var step = start; step < config.PretrainIterations; step++)
        {
            using var scope = NewDisposeScope();
            using var picked = randint(train.Count, [config.PretrainBatch], generator: order);   // util.getRandomSubset
            var rows = picked.data<long>().Select(i => (int)i).ToArray();
            var loss = learner.Loss(model.Theta, train.Batch(rows), tensor(rows.Select(r => labels[r]).ToArray()));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            if ((step + 1) % Math.Max(1, config.PretrainIterations / 20) == 0)
                Console.WriteLine($"pre-training iteration {step + 1}: loss {loss.ToDouble():F3} ({clock.Elapsed.TotalSeconds / (step + 1 - start):F3} s per iteration)");
            if (!checkpointer.Completed(step + 1)) break;
        }
        checkpointer.Save();
        return model.Theta.detach().clone();                                       // [P of the classifier]
    }

    /// <summary>The pre-trained features with a new N-way linear layer (Torch's default initialisation, from <paramref name="generator"/>).</summary>
    public static Tensor WithNewHead(Learner learner, Tensor pretrained, Generator generator)
    {
        using var fresh = learner.Initial(generator);
        var features = learner.FeatureParameters;
        return cat([pretrained.narrow(0, 0, features), fresh.narrow(0, features, learner.Parameters - features)]);   // [P]
    }

    /// <summary>
    /// Plain SGD on the support set, the whole set as one batch as pre-trained-SGD.lua does: θ ← θ − α ∇L, <paramref name="steps"/> times.
    /// </summary>
    public static Tensor Sgd(Learner learner, Tensor theta, Tensor x, Tensor y, int steps, double rate)
    {
        for (var s = 0; s < steps; s++)
        {
            var (_, gradient) = learner.LossAndGradient(theta, x, y);
            theta = theta - gradient * rate;
        }
        return theta;
    }

    /// <summary>Query accuracies (%) of fine-tuning with (rate, steps) on <paramref name="episodes"/> episodes drawn with <paramref name="seed"/>.</summary>
    public static List<double> FineTune(Learner learner, Tensor pretrained, EpisodeSampler sampler, int episodes, ulong seed, double rate, int steps)
    {
        using var heads = new Generator(seed + 1);
        return sampler.Accuracies(episodes, seed, episode =>
        {
            var theta = Sgd(learner, WithNewHead(learner, pretrained, heads), episode.Support, episode.SupportLabels, steps, rate);
            return learner.Forward(theta, episode.Query).argmax(1);
        });
    }

    /// <summary>Query accuracies (%) of the nearest support example by cosine similarity of the pre-trained embeddings (nearest-neighbor.lua).</summary>
    public static List<double> NearestNeighbour(Learner classifier, Tensor pretrained, EpisodeSampler sampler, int episodes, ulong seed)
        => sampler.Accuracies(episodes, seed, episode =>
        {
            var support = classifier.Embed(pretrained, episode.Support);             // [N·K, features]
            var query = classifier.Embed(pretrained, episode.Query);                 // [N·Q, features]
            var nearest = Cosine.Similarities(query, support).argmax(1);             // [N·Q]
            return episode.SupportLabels.index_select(0, nearest);                   // [N·Q]
        });

    /// <summary>
    /// Both baselines' Table 1 cells for <paramref name="shots"/>; fine-tune's (rate, steps) is the best on
    /// meta-validation. The cells are kept beside the checkpoints (<see cref="CachePath"/>: named by the pre-trained
    /// weights, this code and every setting the evaluation reads), and --resume reads them back instead of evaluating
    /// again: the 5-shot fine-tune takes about half an hour here, and a meta-learner continued in a later session
    /// tabulates beside the same baselines.
    /// </summary>
    public static List<TestRun> Run(MetaLstmConfig config, ImageSet train, Tensor pretrained, Learner learner,
        (EpisodeSampler Validation, EpisodeSampler Test) samplers, int shots)
    {
        var path = CachePath(config, pretrained, shots);
        var cached = config.Resume && File.Exists(path) ? Csv.Read<TestRun>(path) : [];
        var rows = new List<TestRun>();
        foreach (var method in Methods.Baselines.Where(config.Methods.Contains))
        {
            var row = cached.Find(r => r.Method == method);
            if (row is not null) Console.WriteLine($"{method} {shots}-shot: read back from {path}");
            rows.Add(row ?? (method == Methods.FineTune
                ? FineTuneCell(config, learner, pretrained, samplers, shots)
                : NearestNeighbourCell(config, new Learner(train.Channels, train.Side, train.Classes), pretrained, samplers.Test, shots)));
        }
        Csv.Write(path, cached.Where(c => rows.TrueForAll(r => r.Method != c.Method)).Concat(rows));
        return rows;
    }

    /// <summary>
    /// Where <see cref="Run"/> keeps its cells: a name with a hash of the pre-trained weights, of this assembly's build
    /// (any change to the code gives a new one) and of the settings the evaluation reads.
    /// </summary>
    public static string CachePath(MetaLstmConfig config, Tensor pretrained, int shots)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(pretrained.contiguous().data<float>().ToArray().AsSpan()));
        var settings = string.Join(";", typeof(Baselines).Assembly.ManifestModule.ModuleVersionId, config.Dataset, config.Ways, shots, config.Queries,
            config.ValidationEpisodes, config.TestEpisodes, Train.ValidationSeed, Train.TestSeed,
            string.Join(",", config.FineTuneRates.Select(r => r.ToString("R", CultureInfo.InvariantCulture))), string.Join(",", config.FineTuneSteps),
            config.PretrainIterations, config.OmniglotValidationAlphabets, config.Threads);
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        var key = Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
        return Path.ChangeExtension(Checkpointer.DefaultPath(Train.Paper, config, $"{config.Dataset}-{shots}shot-baselines-{key}"), ".csv");
    }

    private static TestRun FineTuneCell(MetaLstmConfig config, Learner learner, Tensor pretrained,
        (EpisodeSampler Validation, EpisodeSampler Test) samplers, int shots)
    {
        var grid = config.FineTuneRates.SelectMany(r => config.FineTuneSteps.Select(s => (Rate: r, Steps: s))).ToList();
        var (rate, steps) = grid.MaxBy(h =>
        {
            var accuracy = FineTune(learner, pretrained, samplers.Validation, config.ValidationEpisodes, Train.ValidationSeed, h.Rate, h.Steps).Average();
            Console.WriteLine($"fine-tune {shots}-shot: rate {h.Rate}, {h.Steps} steps: meta-validation accuracy {accuracy:F2}%");
            return accuracy;
        });
        var clock = Stopwatch.StartNew();
        var accuracies = FineTune(learner, pretrained, samplers.Test, config.TestEpisodes, Train.TestSeed, rate, steps);
        return TestRun.From(config.Dataset, Methods.FineTune, shots, config.PretrainIterations, accuracies,
            clock.Elapsed.TotalSeconds / config.TestEpisodes, $"SGD rate {rate}, {steps} steps, chosen on meta-validation; {config.PretrainIterations} pre-training iterations");
    }

    private static TestRun NearestNeighbourCell(MetaLstmConfig config, Learner classifier, Tensor pretrained, EpisodeSampler test, int shots)
    {
        var clock = Stopwatch.StartNew();
        var accuracies = NearestNeighbour(classifier, pretrained, test, config.TestEpisodes, Train.TestSeed);
        return TestRun.From(config.Dataset, Methods.NearestNeighbour, shots, config.PretrainIterations, accuracies,
            clock.Elapsed.TotalSeconds / config.TestEpisodes, $"cosine nearest neighbour; {config.PretrainIterations} pre-training iterations");
    }
}
