using System.Diagnostics;
using Papers.Shared.Checkpoints;
using Papers.Shared.Results;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm;

/// <summary>Table 1's rows.</summary>
public static class Methods
{
    public const string MetaLstm = "meta-lstm";
    public const string FineTune = "fine-tune";
    public const string NearestNeighbour = "nearest-neighbour";

    public static readonly string[] All = [MetaLstm, FineTune, NearestNeighbour];

    public static void Validate(IReadOnlyList<string> methods)
    {
        if (methods.Count == 0) throw new ArgumentException($"--methods: name at least one of {string.Join(", ", All)}");
        foreach (var m in methods)
            if (!All.Contains(m)) throw new ArgumentException($"--methods: unknown method '{m}' (known: {string.Join(", ", All)})");
    }
}

/// <summary>A point of the meta-validation curve: mean query accuracy (%) over the validation episodes after <paramref name="Episode"/> meta-training episodes.</summary>
public sealed record CurvePoint(string Dataset, int Shots, long Episode, double TrainLoss, double ValidationAccuracy, double Seconds);

/// <summary>The mean input and forget gate values σ(i_t), σ(f_t) of one learner layer at inner step t, averaged over the recorded test episodes (Figure 2).</summary>
public sealed record GatePoint(string Dataset, int Shots, int Step, string Layer, double InputGate, double ForgetGate);

/// <summary>
/// One method's meta-test: the mean query accuracy (%) over the test episodes, their standard deviation and the 95%
/// confidence half-width 1.96·s/√n that Table 1 reports; <paramref name="Episodes"/> is the meta-training budget that ran.
/// </summary>
public sealed record TestRun(string Dataset, string Method, int Shots, long Episodes, int TestEpisodes, double Accuracy, double Std, double Ci95,
    double SecondsPerEpisode, string Selected)
{
    public static TestRun From(string dataset, string method, int shots, long episodes, IReadOnlyList<double> accuracies, double secondsPerEpisode, string selected)
    {
        var mean = accuracies.Average();
        var std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Count - 1));
        return new TestRun(dataset, method, shots, episodes, accuracies.Count, mean, std, 1.96 * std / Math.Sqrt(accuracies.Count), secondsPerEpisode, selected);
    }
}

/// <summary>
/// Meta-training of the LSTM meta-learner (Algorithm 1; model/lstm/train-lstm.lua): per episode, T inner steps on the
/// support set driven by the meta-learner, the learner's loss on the query set at θ_T, and one Adam step on the
/// meta-learner's parameters with the gradient's norm clipped.
/// </summary>
public sealed class MetaTraining : IDisposable
{
    private readonly MetaLstmConfig _config;
    private readonly optim.Optimizer _optimizer;
    private readonly Generator _order;

    public MetaTraining(MetaLstmConfig config, Learner learner, int seed)
    {
        _config = config;
        Learner = learner;
        using var init = new Generator((ulong)seed);
        using (no_grad())
        {
            var theta0 = learner.Initial(init);
            Model = new MetaLearner(config.Hidden, theta0, init);
            Best = new MetaLearner(config.Hidden, theta0, init);
        }
        CopyParameters(Model, Best);
        _optimizer = optim.Adam(Model.parameters(), lr: config.LearningRate);
        _order = new Generator((ulong)seed + 1);
        Checkpoint = new Checkpoint().Add("meta_learner", Model).Add("best", Best).Add("optimizer", _optimizer).Add("order", _order);
    }

    public Learner Learner { get; }

    public MetaLearner Model { get; }

    /// <summary>The parameters with the best meta-validation accuracy so far (model selection, §4).</summary>
    public MetaLearner Best { get; }

    public Checkpoint Checkpoint { get; }

    /// <summary>Seconds in meta-training episodes in this process, validations left out.</summary>
    public double EpisodeSeconds { get; private set; }

    /// <summary>One meta-training episode; returns the query loss L_test at θ_T.</summary>
    public double Episode(EpisodeSampler sampler, int shots)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var episode = sampler.Next(_order);
        var (passes, batch) = _config.Schedule(shots);
        var theta = Adapt(Model, Learner, episode, passes, batch, train: true).Theta;
        var loss = Learner.Loss(theta, episode.Query, episode.QueryLabels);        // Algorithm 1, line 12: L_test(M(X; θ_T), Y)
        _optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(Model.parameters(), _config.MaxGradNorm);
        _optimizer.step();
        EpisodeSeconds += clock.Elapsed.TotalSeconds;
        return loss.ToDouble();
    }

    /// <summary>
    /// The inner loop (Algorithm 1, lines 5–10; meta-learner-lstm.lua metaLearner.f): <paramref name="passes"/> passes
    /// over the support set in batches of <paramref name="batch"/>, each batch one meta-learner step from θ_{t−1}'s loss
    /// and gradient. Training keeps the graph through the cell states and gates; evaluation cuts it after each step.
    /// <paramref name="gates"/> receives σ(i_t) and σ(f_t) per step.
    /// </summary>
    public static MetaState Adapt(MetaLearner model, Learner learner, Episode episode, int passes, int batch, bool train,
        Action<int, Tensor, Tensor>? gates = null)
    {
        var state = model.Initial();
        var n = episode.Support.shape[0];
        var step = 0;
        for (var pass = 0; pass < passes; pass++)
            for (long first = 0; first < n; first += batch)
            {
                var size = Math.Min(batch, n - first);
                var x = episode.Support.narrow(0, first, size);                     // [B, C, S, S]
                var y = episode.SupportLabels.narrow(0, first, size);               // [B]
                var (loss, gradient) = learner.LossAndGradient(state.Theta, x, y);
                // meta-learner-lstm.lua feval: the size-averaged criterion's gradient is divided by the batch size once more.
                var (next, input, forget) = model.Step(state, loss, gradient / size);
                gates?.Invoke(step++, input, forget);
                state = train ? next : next.Detached();
            }
        return state;
    }

    /// <summary>Query accuracy (%) after adapting to each of <paramref name="episodes"/> episodes drawn with <paramref name="seed"/>.</summary>
    public static List<double> Evaluate(MetaLearner model, Learner learner, EpisodeSampler sampler, int passes, int batch, int episodes, ulong seed,
        Action<int, Tensor, Tensor>? gates = null, Action<Episode, Tensor>? predicted = null)
    {
        using var generator = new Generator(seed);
        var accuracies = new List<double>();
        using var noGrad = no_grad();
        for (var e = 0; e < episodes; e++)
        {
            using var scope = NewDisposeScope();
            using var episode = sampler.Next(generator);
            var theta = Adapt(model, learner, episode, passes, batch, train: false, gates).Theta;
            var scores = learner.Forward(theta, episode.Query);                     // [N·Q, N]
            predicted?.Invoke(episode, scores.argmax(1));
            accuracies.Add(100.0 * scores.argmax(1).eq(episode.QueryLabels).sum().ToInt64() / episode.QueryLabels.shape[0]);
        }
        return accuracies;
    }

    public static void CopyParameters(nn.Module from, nn.Module to)
    {
        using var noGrad = no_grad();
        foreach (var (source, target) in from.parameters().Zip(to.parameters())) target.copy_(source);
    }

    public void Dispose()
    {
        Model.Dispose();
        Best.Dispose();
        _optimizer.Dispose();
        _order.Dispose();
    }
}

/// <summary>The meta-learner's row: meta-training with meta-validation every config.ValidateEvery episodes, checkpointed, then the meta-test.</summary>
public static class Train
{
    public const string Paper = "meta-lstm";

    /// <summary>Seeds of the meta-validation and meta-test episodes: the same episodes for every validation and every method.</summary>
    public const ulong ValidationSeed = 1_000_003, TestSeed = 2_000_003;

    public static string RunName(MetaLstmConfig config, int shots, int seed) => $"{config.Dataset}-{shots}shot-seed{seed}";

    /// <summary>
    /// Meta-trains for <paramref name="shots"/> (continuing a checkpoint with --resume), selects the parameters with the
    /// best meta-validation accuracy, and returns the session with them in <see cref="MetaTraining.Best"/> and the curve.
    /// </summary>
    public static (MetaTraining Session, List<CurvePoint> Curve, long Episodes) MetaTrain(MetaLstmConfig config, Learner learner,
        (EpisodeSampler Train, EpisodeSampler Validation) samplers, int shots, int seed)
    {
        var session = new MetaTraining(config, learner, seed);
        var name = RunName(config, shots, seed);
        var path = Checkpointer.DefaultPath(Paper, config, name);
        var curvePath = Path.ChangeExtension(path, ".curve.csv");
        using var checkpointer = new Checkpointer(session.Checkpoint, path, config.ValidateEvery, config.Resume && File.Exists(path));
        var start = checkpointer.Start();
        var curve = start > 0 && File.Exists(curvePath) ? Csv.Read<CurvePoint>(curvePath).Where(p => p.Episode <= start).ToList() : [];
        double Extra(string key) => start > 0 && session.Checkpoint.Extras.TryGetValue(key, out var value) ? Convert.ToDouble(value) : 0;
        var (earlierSeconds, earlierEpisodeSeconds) = (Extra("seconds"), Extra("episode_seconds"));
        var best = curve.Count > 0 ? curve.Max(p => p.ValidationAccuracy) : double.NegativeInfinity;
        var sinceBest = curve.Count - 1 - curve.FindLastIndex(p => p.ValidationAccuracy == best);
        var (passes, batch) = config.Schedule(shots);
        var episodes = config.Episodes(shots);
        var clock = Stopwatch.StartNew();
        var lossSum = 0.0;
        Console.WriteLine($"{name}: meta-training episodes {start} → {episodes}, T = {passes * (int)Math.Ceiling(config.Ways * shots / (double)batch)} steps of batch {batch}, {learner.Parameters} learner coordinates");
        long done = start;
        for (var e = start; e < episodes; e++)
        {
            lossSum += session.Episode(samplers.Train, shots);
            done = e + 1;
            if (done % config.ValidateEvery == 0 || done == episodes)
            {
                var accuracy = MetaTraining.Evaluate(session.Model, learner, samplers.Validation, passes, batch, config.ValidationEpisodes, ValidationSeed).Average();
                var trained = done - (curve.Count > 0 ? curve[^1].Episode : 0);
                curve.Add(new CurvePoint(config.Dataset, shots, done, lossSum / trained, accuracy, earlierSeconds + clock.Elapsed.TotalSeconds));
                lossSum = 0;
                if (accuracy > best) (best, sinceBest) = (accuracy, 0);
                else sinceBest++;
                if (sinceBest == 0) MetaTraining.CopyParameters(session.Model, session.Best);
                session.Checkpoint.Extras["seconds"] = earlierSeconds + clock.Elapsed.TotalSeconds;
                session.Checkpoint.Extras["episode_seconds"] = earlierEpisodeSeconds + session.EpisodeSeconds;
                Csv.Write(curvePath, curve);
                Console.WriteLine($"{name} episode {done}: query loss {curve[^1].TrainLoss:F3}, meta-validation accuracy {accuracy:F2}% (best {best:F2}%), " +
                    $"{session.EpisodeSeconds / (done - start):F3} s per episode");
            }
            if (!checkpointer.Completed(done)) break;
            if (config.Patience > 0 && sinceBest >= config.Patience)
            {
                Console.WriteLine($"{name}: no better meta-validation accuracy in {config.Patience} validations; stopping at episode {done}");
                break;
            }
        }
        session.Checkpoint.Extras["seconds"] = earlierSeconds + clock.Elapsed.TotalSeconds;
        session.Checkpoint.Extras["episode_seconds"] = earlierEpisodeSeconds + session.EpisodeSeconds;
        checkpointer.Save();
        return (session, curve, done);
    }

    /// <summary>The meta-learner's Table 1 cell: meta-train, then test the selected parameters on the meta-test episodes.</summary>
    /// <remarks>With <paramref name="officialRuns"/> (omniglot-20way), the 1-shot meta-learner is also tested on Omniglot's 20 official runs (a row of its own in <paramref name="runs"/>).</remarks>
    public static void MetaLstm(MetaLstmConfig config, Learner learner, (EpisodeSampler Train, EpisodeSampler Validation, EpisodeSampler Test) samplers,
        int shots, int seed, List<TestRun> runs, List<CurvePoint> curves, List<GatePoint> gates, List<EpisodeExample> examples,
        IReadOnlyList<Omniglot.OneShotRun>? officialRuns = null)
    {
        var (session, curve, episodes) = MetaTrain(config, learner, (samplers.Train, samplers.Validation), shots, seed);
        using var _ = session;
        curves.AddRange(curve);
        var (passes, batch) = config.Schedule(shots);
        var recorder = new GateRecorder(config.Dataset, shots, learner);
        var accuracies = MetaTraining.Evaluate(session.Best, learner, samplers.Test, passes, batch, config.TestEpisodes, TestSeed,
            (step, input, forget) => recorder.Add(step, input, forget), (episode, predicted) =>
            {
                if (examples.Any(x => x.Dataset == config.Dataset && x.Shots == shots)) return;
                examples.Add(new EpisodeExample(config.Dataset, shots, episode.Support.clone().DetachFromDisposeScope(), episode.SupportLabels.data<long>().ToArray(),
                    episode.Query.clone().DetachFromDisposeScope(), episode.QueryLabels.data<long>().ToArray(), predicted.data<long>().ToArray()));
            });
        gates.AddRange(recorder.Points());
        var secondsPerEpisode = episodes > 0 ? Convert.ToDouble(session.Checkpoint.Extras["episode_seconds"]) / episodes : double.NaN;
        var selected = curve.Count > 0 ? $"best meta-validation accuracy at episode {curve.MaxBy(p => p.ValidationAccuracy)!.Episode}" : "last";
        runs.Add(TestRun.From(config.Dataset, Methods.MetaLstm, shots, episodes, accuracies, secondsPerEpisode, selected));
        if (officialRuns is not null)
            runs.Add(TestRun.From(DatasetNames.OmniglotRuns, Methods.MetaLstm, shots, episodes, OfficialRuns(session.Best, learner, officialRuns, passes, batch),
                secondsPerEpisode, $"{selected}; the 20 official runs of Lake et al. (2015)"));
    }

    /// <summary>Accuracy (%) on each official 20-way one-shot run: the 20 training drawings are the support set (class = its index), the 20 test drawings the queries.</summary>
    public static List<double> OfficialRuns(MetaLearner model, Learner learner, IReadOnlyList<Omniglot.OneShotRun> runs, int passes, int batch)
    {
        using var noGrad = no_grad();
        return runs.Select(run =>
        {
            using var scope = NewDisposeScope();
            var classes = Enumerable.Range(0, run.Training.Count).ToArray();
            using var episode = new Episode(Omniglot.All(run.Training), arange(run.Training.Count, dtype: ScalarType.Int64), Omniglot.All(run.Test),
                tensor(run.Answers.Select(a => (long)a).ToArray()), classes, classes, Enumerable.Range(0, run.Test.Count).ToArray());
            var theta = MetaTraining.Adapt(model, learner, episode, passes, batch, train: false).Theta;
            return learner.Accuracy(theta, episode.Query, episode.QueryLabels);
        }).ToList();
    }
}

/// <summary>Averages σ(i_t) and σ(f_t) over each learner layer's coordinates, per inner step, over the episodes seen.</summary>
public sealed class GateRecorder(string dataset, int shots, Learner learner)
{
    private readonly Dictionary<(int Step, string Layer), (double Input, double Forget, int Count)> _sums = [];

    public void Add(int step, Tensor input, Tensor forget)
    {
        long offset = 0;
        foreach (var (name, shape) in learner.Layout)
        {
            var n = shape.Aggregate(1L, (a, d) => a * d);
            var key = (step, name);
            var (i, f, c) = _sums.GetValueOrDefault(key);
            _sums[key] = (i + input.narrow(0, offset, n).mean().ToDouble(), f + forget.narrow(0, offset, n).mean().ToDouble(), c + 1);
            offset += n;
        }
    }

    public IEnumerable<GatePoint> Points() => _sums.OrderBy(s => s.Key.Step)
        .Select(s => new GatePoint(dataset, shots, s.Key.Step + 1, s.Key.Layer, s.Value.Input / s.Value.Count, s.Value.Forget / s.Value.Count));
}
