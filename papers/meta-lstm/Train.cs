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
    public const string Matching = "matching";
    public const string MatchingFce = "matching-fce";

    public static readonly string[] All = [MetaLstm, FineTune, NearestNeighbour, Matching, MatchingFce];

    /// <summary>The two baselines, which share one pre-trained classifier.</summary>
    public static readonly string[] Baselines = [FineTune, NearestNeighbour];

    /// <summary>Matching Networks, plain and with fully conditional embeddings.</summary>
    public static readonly string[] MatchingNetworks = [Matching, MatchingFce];

    public static void Validate(IReadOnlyList<string> methods)
    {
        if (methods.Count == 0) throw new ArgumentException($"--methods: name at least one of {string.Join(", ", All)}");
        foreach (var m in methods)
            if (!All.Contains(m)) throw new ArgumentException($"--methods: unknown method '{m}' (known: {string.Join(", ", All)})");
    }
}

/// <summary>A point of a method's meta-validation curve: mean query accuracy (%) over the validation episodes after <paramref name="Episode"/> meta-training episodes.</summary>
public sealed record CurvePoint(string Dataset, string Method, int Shots, long Episode, double TrainLoss, double ValidationAccuracy, double Seconds);

/// <summary>
/// A method meta-trained over episodes with model selection on meta-validation (<see cref="Train.MetaTrain"/>): the
/// meta-learner (<see cref="MetaTraining"/>) and Matching Networks (<see cref="MatchingTraining"/>).
/// </summary>
public interface IMetaTrainable : IDisposable
{
    string Method { get; }

    /// <summary>What a checkpoint saves and --resume restores: the parameters, the selected ones, the optimiser and the generators.</summary>
    Checkpoint Checkpoint { get; }

    /// <summary>Seconds in meta-training episodes in this process, validations left out.</summary>
    double EpisodeSeconds { get; }

    /// <summary>One meta-training episode; returns its query loss.</summary>
    double Episode(EpisodeSampler sampler, int shots);

    /// <summary>The mean query accuracy (%) of the current parameters over <paramref name="episodes"/> episodes drawn with <paramref name="seed"/>.</summary>
    double Validate(EpisodeSampler sampler, int shots, int episodes, ulong seed);

    /// <summary>Keeps a copy of the current parameters as the selected ones.</summary>
    void SelectCurrent();
}

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
/// Meta-training with meta-validation every config.ValidateEvery episodes, checkpointed (the meta-learner and Matching
/// Networks alike), and the meta-learner's row: meta-training, then the meta-test.
/// </summary>
public static class Train
{
    public const string Paper = "meta-lstm";

    /// <summary>Seeds of the meta-validation and meta-test episodes: the same episodes for every validation and every method.</summary>
    public const ulong ValidationSeed = 1_000_003, TestSeed = 2_000_003;

    /// <summary>The checkpoint's extra with the sum of the query losses since the last validation.</summary>
    private const string LossSum = "loss_sum";

    /// <summary>The checkpoint's name; the meta-learner's runs keep the name they had before other methods meta-trained.</summary>
    public static string RunName(MetaLstmConfig config, int shots, int seed, string method = Methods.MetaLstm) =>
        method == Methods.MetaLstm ? $"{config.Dataset}-{shots}shot-seed{seed}" : $"{config.Dataset}-{shots}shot-{method}-seed{seed}";

    /// <summary>
    /// Meta-trains the LSTM meta-learner for <paramref name="shots"/> (the loop below) and returns the session, with the parameters of the best meta-validation accuracy in <see cref="MetaTraining.Best"/>, and the curve.
    /// </summary>
    public static (MetaTraining Session, List<CurvePoint> Curve, long Episodes) MetaTrain(MetaLstmConfig config, Learner learner,
        (EpisodeSampler Train, EpisodeSampler Validation) samplers, int shots, int seed)
    {
        var session = new MetaTraining(config, learner, seed);
        var (passes, batch) = config.Schedule(shots);
        var (curve, episodes) = MetaTrain(config, session, RunName(config, shots, seed), config.Episodes(shots), samplers, shots,
            $"T = {passes * (int)Math.Ceiling(config.Ways * shots / (double)batch)} steps of batch {batch}, {learner.Parameters} learner coordinates");
        return (session, curve, episodes);
    }

    /// <summary>
    /// Meta-trains <paramref name="session"/> up to <paramref name="episodes"/> episodes (continuing its checkpoint with
    /// --resume), validating every config.ValidateEvery episodes on the same validation episodes and keeping the
    /// parameters of the best (model selection, §4); stops early with --patience. Returns the curve and the episodes run.
    /// A stop between two validations (Ctrl+C) keeps the query losses since the last one in the checkpoint, so a
    /// resumed run writes the curve an uninterrupted one would. <paramref name="started"/> sees the checkpointer before
    /// the first episode (to stop the loop from outside it).
    /// </summary>
    public static (List<CurvePoint> Curve, long Episodes) MetaTrain(MetaLstmConfig config, IMetaTrainable session, string name, long episodes,
        (EpisodeSampler Train, EpisodeSampler Validation) samplers, int shots, string describe, Action<Checkpointer>? started = null)
    {
        var path = Checkpointer.DefaultPath(Paper, config, name);
        var curvePath = Path.ChangeExtension(path, ".curve.csv");
        using var checkpointer = new Checkpointer(session.Checkpoint, path, config.ValidateEvery, config.Resume && File.Exists(path));
        var start = checkpointer.Start();
        started?.Invoke(checkpointer);
        var curve = start > 0 && File.Exists(curvePath) ? Csv.Read<CurvePoint>(curvePath).Where(p => p.Episode <= start).ToList() : [];
        var best = curve.Count > 0 ? curve.Max(p => p.ValidationAccuracy) : double.NegativeInfinity;
        var sinceBest = curve.Count - 1 - curve.FindLastIndex(p => p.ValidationAccuracy == best);
        using var clock = new RunClock(session.Checkpoint, resumed: start > 0, () => session.EpisodeSeconds);
        // The query losses since the last validation, a stop's checkpoint included: the next curve point is their mean.
        var lossSum = start > 0 && session.Checkpoint.Extras.TryGetValue(LossSum, out var saved) ? Convert.ToDouble(saved) : 0;
        var lossFrom = curve.Count > 0 ? curve[^1].Episode : 0;
        Console.WriteLine($"{name}: meta-training episodes {start} → {episodes}, {describe}");
        long done = start;
        for (var e = start; e < episodes; e++)
        {
            lossSum += session.Episode(samplers.Train, shots);
            done = e + 1;
            if (done % config.ValidateEvery == 0 || done == episodes)
            {
                var accuracy = session.Validate(samplers.Validation, shots, config.ValidationEpisodes, ValidationSeed);
                curve.Add(new CurvePoint(config.Dataset, session.Method, shots, done, lossSum / (done - lossFrom), accuracy, clock.Seconds));
                (lossSum, lossFrom) = (0, done);
                if (accuracy > best) (best, sinceBest) = (accuracy, 0);
                else sinceBest++;
                if (sinceBest == 0) session.SelectCurrent();
                Csv.Write(curvePath, curve);
                Console.WriteLine($"{name} episode {done}: query loss {curve[^1].TrainLoss:F3}, meta-validation accuracy {accuracy:F2}% (best {best:F2}%), " +
                    $"{session.EpisodeSeconds / (done - start):F3} s per episode");
            }
            // Current at every episode, for whichever save comes (RunClock adds the run's times to each): a stop (Ctrl+C)
            // saves between validations and exits inside Completed.
            session.Checkpoint.Extras[LossSum] = lossSum;
            if (!checkpointer.Completed(done)) break;
            if (config.Patience > 0 && sinceBest >= config.Patience)
            {
                Console.WriteLine($"{name}: no better meta-validation accuracy in {config.Patience} validations; stopping at episode {done}");
                break;
            }
        }
        checkpointer.Save();
        return (curve, done);
    }

    /// <summary>Seconds per meta-training episode over all the episodes run, across resumes (validations left out).</summary>
    public static double SecondsPerEpisode(IMetaTrainable session, long episodes) =>
        episodes > 0 ? Convert.ToDouble(session.Checkpoint.Extras[RunClock.StepSecondsExtra]) / episodes : double.NaN;

    /// <summary>Which parameters the meta-test uses, for the table.</summary>
    public static string Selected(IReadOnlyList<CurvePoint> curve) =>
        curve.Count > 0 ? $"best meta-validation accuracy at episode {curve.MaxBy(p => p.ValidationAccuracy)!.Episode}" : "last";

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
        var secondsPerEpisode = SecondsPerEpisode(session, episodes);
        var selected = Selected(curve);
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
