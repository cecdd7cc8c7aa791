using System.Diagnostics;
using Papers.Shared.Checkpoints;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm;

/// <summary>
/// Meta-training of a Matching Network (Vinyals et al., §2.2; model/baselines/matching-net.lua): per episode, the
/// support set and the query set of meta-training classes, the query loss −log P(y | x̂, S), and one Adam step on the
/// embedding (and, with FCE, the LSTMs, whose gradient norms are clipped as FCE-embedding.lua does).
/// </summary>
public sealed class MatchingTraining : IMetaTrainable
{
    private readonly MetaLstmConfig _config;
    private readonly optim.Optimizer _optimizer;
    private readonly Generator _order;
    private readonly Generator _dropout;

    /// <param name="method"><see cref="Methods.Matching"/> or <see cref="Methods.MatchingFce"/>.</param>
    public MatchingTraining(MetaLstmConfig config, Learner learner, string method, int seed)
    {
        if (!Methods.MatchingNetworks.Contains(method)) throw new ArgumentException($"'{method}' is not a Matching Network (known: {string.Join(", ", Methods.MatchingNetworks)})");
        (_config, Method) = (config, method);
        int? steps = method == Methods.MatchingFce ? config.ProcessingSteps : null;
        using (var init = new Generator((ulong)seed)) Model = new MatchingNetwork(learner, init, steps, config.MatchingDropout);
        using (var init = new Generator((ulong)seed)) Best = new MatchingNetwork(learner, init, steps, config.MatchingDropout);
        _optimizer = optim.Adam(Model.parameters(), lr: config.MatchingLearningRate);
        _order = new Generator((ulong)seed + 1);
        _dropout = new Generator((ulong)seed + 2);
        Checkpoint = new Checkpoint().Add("matching_network", Model).Add("best", Best).Add("optimizer", _optimizer).Add("order", _order).Add("dropout", _dropout);
    }

    public string Method { get; }

    public MatchingNetwork Model { get; }

    /// <summary>The parameters with the best meta-validation accuracy so far.</summary>
    public MatchingNetwork Best { get; }

    public Checkpoint Checkpoint { get; }

    public double EpisodeSeconds { get; private set; }

    public double Episode(EpisodeSampler sampler, int shots)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var episode = sampler.Next(_order);
        var yHat = Model.Predict(episode.Support, episode.SupportLabels, episode.Query, sampler.Ways, _dropout);   // [N·Q, N]
        var loss = MatchingNetwork.Loss(yHat, episode.QueryLabels);
        _optimizer.zero_grad();
        loss.backward();
        if (Model.Fce is { } fce)
        {
            nn.utils.clip_grad_norm_(fce.AttentionParameters, _config.MatchingMaxGradNorm);
            nn.utils.clip_grad_norm_(fce.BidirectionalParameters, _config.MatchingMaxGradNorm);
        }
        _optimizer.step();
        EpisodeSeconds += clock.Elapsed.TotalSeconds;
        return loss.ToDouble();
    }

    public double Validate(EpisodeSampler sampler, int shots, int episodes, ulong seed) => Evaluate(Model, sampler, episodes, seed).Average();

    public void SelectCurrent() => MetaTraining.CopyParameters(Model, Best);

    /// <summary>Query accuracy (%) of <paramref name="model"/>'s most probable label on each of <paramref name="episodes"/> episodes drawn with <paramref name="seed"/>; no dropout.</summary>
    public static List<double> Evaluate(MatchingNetwork model, EpisodeSampler sampler, int episodes, ulong seed)
        => sampler.Accuracies(episodes, seed, episode => model.Predict(episode.Support, episode.SupportLabels, episode.Query, sampler.Ways).argmax(1));

    /// <summary>A Matching Network's Table 1 cell: meta-train, then test the selected parameters on the meta-test episodes.</summary>
    public static void Run(MetaLstmConfig config, string method, Learner learner, (EpisodeSampler Train, EpisodeSampler Validation, EpisodeSampler Test) samplers,
        int shots, int seed, List<TestRun> runs, List<CurvePoint> curves)
    {
        using var session = new MatchingTraining(config, learner, method, seed);
        var (curve, episodes) = Train.MetaTrain(config, session, Train.RunName(config, shots, seed, method), config.MatchingEpisodes, (samplers.Train, samplers.Validation), shots,
            $"{session.Model.parameters().Sum(p => p.numel())} parameters{(session.Model.Fce is { } fce ? $", K = {fce.Steps} processing steps" : "")}");
        curves.AddRange(curve);
        var accuracies = Evaluate(session.Best, samplers.Test, config.TestEpisodes, Train.TestSeed);
        runs.Add(TestRun.From(config.Dataset, method, shots, episodes, accuracies, Train.SecondsPerEpisode(session, episodes), Train.Selected(curve)));
    }

    public void Dispose()
    {
        Model.Dispose();
        Best.Dispose();
        _optimizer.Dispose();
        _order.Dispose();
        _dropout.Dispose();
    }
}
