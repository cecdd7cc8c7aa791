using System.Diagnostics;
using Papers.Shared.Checkpoints;
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

    /// <summary>Both baselines' Table 1 cells for <paramref name="shots"/>; fine-tune's (rate, steps) is the best on meta-validation.</summary>
    public static IEnumerable<TestRun> Run(MetaLstmConfig config, ImageSet train, Tensor pretrained, Learner learner,
        (EpisodeSampler Validation, EpisodeSampler Test) samplers, int shots)
    {
        var classifier = new Learner(train.Channels, train.Side, train.Classes);
        if (config.Methods.Contains(Methods.FineTune))
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
            yield return TestRun.From(config.Dataset, Methods.FineTune, shots, config.PretrainIterations, accuracies,
                clock.Elapsed.TotalSeconds / config.TestEpisodes, $"SGD rate {rate}, {steps} steps, chosen on meta-validation; {config.PretrainIterations} pre-training iterations");
        }
        if (config.Methods.Contains(Methods.NearestNeighbour))
        {
            var clock = Stopwatch.StartNew();
            var accuracies = NearestNeighbour(classifier, pretrained, samplers.Test, config.TestEpisodes, Train.TestSeed);
            yield return TestRun.From(config.Dataset, Methods.NearestNeighbour, shots, config.PretrainIterations, accuracies,
                clock.Elapsed.TotalSeconds / config.TestEpisodes, $"cosine nearest neighbour; {config.PretrainIterations} pre-training iterations");
        }
    }
}
