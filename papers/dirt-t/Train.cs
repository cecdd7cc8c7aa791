using System.Diagnostics;
using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Shared.Results;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

/// <summary>The three rows of Table 1.</summary>
public static class Methods
{
    public const string SourceOnly = "source-only";
    public const string Vada = "vada";
    public const string DirtT = "dirt-t";

    public static readonly string[] All = [SourceOnly, Vada, DirtT];

    public static void Validate(IReadOnlyList<string> methods)
    {
        if (methods.Count == 0) throw new ArgumentException($"--methods: name at least one of {string.Join(", ", All)}");
        foreach (var m in methods)
            if (!All.Contains(m)) throw new ArgumentException($"--methods: unknown method '{m}' (known: {string.Join(", ", All)})");
        if (methods.Contains(DirtT) && !methods.Contains(Vada))
            throw new ArgumentException("--methods: dirt-t starts from vada's final weights: list vada too");
    }
}

/// <summary>A point of a curve: the EMA model's target test accuracy (%) after <paramref name="Iteration"/> iterations.</summary>
public sealed record CurvePoint(string Method, int InstanceNorm, int Seed, long Iteration, double TargetAccuracy, double Seconds);

/// <summary>
/// One trained cell: a row of runs.csv. TargetAccuracy is the EMA weights' (the paper's protocol); LiveAccuracy the
/// trained weights' themselves after the last iteration, with the same batch-norm statistics: the EMA (decay 0.998, a
/// time constant of 500 iterations) still holds a share of the early weights at budgets far below the paper's, and the
/// statistics it is evaluated with are the live weights'. Seconds is the wall time with evaluations;
/// SecondsPerIteration counts training steps only.
/// </summary>
public sealed record MethodRun(string Source, string Target, string Method, int InstanceNorm, int Seed, long Iterations,
    double TargetAccuracy, double LiveAccuracy, double Seconds, double SecondsPerIteration);

/// <summary>
/// One training run of the small network (train.py's loop, dirtt.py's losses): the classifier, its EMA, the
/// discriminator, the teacher and both optimisers, checkpointed together. Source-only, VADA and DIRT-T differ only
/// in which loss terms are on: source-only has λ_d = λ_s = λ_t = 0; DIRT-T replaces the source batch with a
/// target batch labelled by the teacher, weighted by β, and keeps only the target terms.
/// </summary>
public sealed class Session : IDisposable
{
    /// <summary>Images per evaluation batch (utils.py compute_value: bs = 200).</summary>
    public const int EvaluationBatch = 200;

    private readonly DirtTConfig _config;
    private readonly Network _model;
    private readonly Network _averaged;
    private readonly Network _teacher;
    private readonly FeatureDiscriminator _discriminator;
    private readonly Ema _ema;
    private readonly optim.Optimizer _optimizer;
    private readonly optim.Optimizer _discriminatorOptimizer;
    private readonly Generator _order;
    private readonly Device _device;

    /// <summary>
    /// Builds the classifier and its EMA and teacher copies with <paramref name="build"/>, from <paramref name="seed"/>
    /// (the default generator draws the weights, dropout and noise; an explicit one the batches).
    /// </summary>
    public Session(DirtTConfig config, Func<Network> build, int seed)
    {
        _config = config;
        Repro.Seed(seed);
        _device = device(config.Device);
        _model = build();
        _discriminator = new FeatureDiscriminator(_model.FeatureSize()).to(_device);
        _model = _model.to(_device);
        _averaged = build().to(_device);
        _teacher = build().to(_device);
        _ema = new Ema(_model, config.EmaDecay);
        _optimizer = optim.Adam(_model.parameters(), lr: config.LearningRate, beta1: config.Beta1);
        _discriminatorOptimizer = optim.Adam(_discriminator.parameters(), lr: config.LearningRate, beta1: config.Beta1);
        _order = new Generator((ulong)seed);
        Checkpoint = new Checkpoint().Add("model", _model).Add("ema", _ema).Add("teacher", _teacher).Add("discriminator", _discriminator)
            .Add("optimizer", _optimizer).Add("discriminator_optimizer", _discriminatorOptimizer).Add("order", _order);
    }

    /// <summary>Everything a resumed run needs back.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>The classifier being trained.</summary>
    public Network Model => _model;

    /// <summary>The feature discriminator D.</summary>
    public FeatureDiscriminator Discriminator => _discriminator;

    /// <summary>Seconds spent in training steps by <see cref="Run"/> in this process, evaluations left out.</summary>
    public double StepSeconds { get; private set; }

    /// <summary>
    /// Trains <paramref name="method"/> from <paramref name="start"/> to <paramref name="iterations"/>, evaluating the EMA
    /// model on <paramref name="targetTest"/> every config.EvaluateEvery iterations and at the end.
    /// </summary>
    public void Run(string method, IDomainData source, IDomainData target, IDomainData targetTest, long start, long iterations,
        Checkpointer checkpointer, Action<long, double> evaluated)
    {
        if (method == Methods.DirtT && start == 0) RefreshTeacher();                // train.py: update_teacher before the first DIRT-T step
        for (var step = start; step < iterations; step++)
        {
            var clock = Stopwatch.StartNew();
            using (var scope = NewDisposeScope()) Step(method, source, target);
            StepSeconds += clock.Elapsed.TotalSeconds;
            if (method == Methods.DirtT && (step + 1) % _config.TeacherInterval == 0) RefreshTeacher();
            if ((step + 1) % _config.EvaluateEvery == 0 || step + 1 == iterations) evaluated(step + 1, TargetAccuracy(targetTest));
            if (!checkpointer.Completed(step + 1)) break;
        }
    }

    /// <summary>
    /// One iteration: a discriminator step (VADA with λ_d &gt; 0), then the classifier's step and the EMA update; returns
    /// the classifier's loss.
    /// </summary>
    public double Step(string method, IDomainData source, IDomainData target)
    {
        var c = _config;
        var adversarial = method == Methods.Vada && c.DomainWeight > 0;
        if (adversarial) DiscriminatorStep(source, target);
        Phase train = Phase.Train, track = Phase.TrainAndTrack;
        Tensor? ys = null;
        var xs = method == Methods.DirtT ? Input(target, Sample(target)) : Input(source, Sample(source, out ys));   // [B, 3, 32, 32]
        var xt = Input(target, Sample(target));                                    // [B, 3, 32, 32]
        var hs = _model.Encode(xs, train);
        var ht = _model.Encode(xt, track);                                         // the target pass moves the BN statistics
        var ps = _model.Classify(hs, train);                                       // [B, K]
        var pt = _model.Classify(ht, track);                                       // [B, K]
        Tensor loss;
        if (method == Methods.DirtT)
        {
            Tensor teacher;
            using (no_grad()) teacher = _teacher.forward(xs, Phase.Eval).softmax(1);   // [B, K]; the teacher's soft labels
            loss = Losses.SoftCrossEntropy(teacher, ps) * c.TeacherWeight;         // DIRT-T's β term
        }
        else loss = Losses.CrossEntropy(ps, ys!);                                  // L_y
        Tensor Classifier(Tensor x) => _model.forward(x, train);
        if (adversarial) loss += Losses.DomainConfusion(_discriminator.call(hs), _discriminator.call(ht)) * c.DomainWeight;   // λ_d L_d
        if (method == Methods.Vada && c.SourceWeight > 0) loss += Losses.Vat(Classifier, xs, ps, c.Radius, c.Xi) * c.SourceWeight;   // λ_s L_v on the source
        if (method != Methods.SourceOnly && c.TargetWeight > 0)
            loss += (Losses.ConditionalEntropy(pt) + Losses.Vat(Classifier, xt, pt, c.Radius, c.Xi)) * c.TargetWeight;   // λ_t (L_c + L_v) on the target
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        _ema.Update();
        return loss.ToDouble();
    }

    /// <summary>Target test accuracy (%) of the EMA weights with the live batch-norm statistics (dirtt.py's ema_p).</summary>
    public double TargetAccuracy(IDomainData test)
    {
        _ema.CopyTo(_averaged, _model);
        return Accuracy(_averaged, test, _device);
    }

    /// <summary>Target test accuracy (%) of the trained weights themselves (not their EMA), with the same statistics.</summary>
    public double LiveAccuracy(IDomainData test) => Accuracy(_model, test, _device);

    /// <summary>The EMA model's class probabilities in evaluation mode, [N, K] on the CPU, in batches of <see cref="EvaluationBatch"/>.</summary>
    public Tensor Predict(Tensor x)
    {
        using var noGrad = no_grad();
        _ema.CopyTo(_averaged, _model);
        var parts = new List<Tensor>();
        for (long first = 0; first < x.shape[0]; first += EvaluationBatch)
            parts.Add(_averaged.forward(x.narrow(0, first, Math.Min(EvaluationBatch, x.shape[0] - first)).to(_device), Phase.Eval).softmax(1).cpu());
        return cat(parts, 0);
    }

    /// <summary>Accuracy (%) of <paramref name="network"/> (on <paramref name="on"/>) in evaluation mode on every image of <paramref name="test"/>.</summary>
    public static double Accuracy(Network network, IDomainData test, Device on)
    {
        using var noGrad = no_grad();
        var correct = 0L;
        for (long first = 0; first < test.Count; first += EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            var rows = arange(first, Math.Min(first + EvaluationBatch, test.Count), dtype: ScalarType.Int64);
            var predicted = network.forward(test.Batch(rows).to(on), Phase.Eval).argmax(1).cpu();
            correct += predicted.eq(test.Labels.index_select(0, rows)).sum().ToInt64();
        }
        return 100.0 * correct / test.Count;
    }

    /// <summary>dirtt.py's update_teacher: the teacher becomes the EMA model (its averaged weights, the live statistics).</summary>
    public void RefreshTeacher() => _ema.CopyTo(_teacher, _model);

    // The discriminator's step on L_d on its own batches (train.py draws a fresh pair before each of the two steps).
    private void DiscriminatorStep(IDomainData source, IDomainData target)
    {
        using var scope = NewDisposeScope();
        Tensor hs, ht;
        using (no_grad())
        {
            hs = _model.Encode(Input(source, Sample(source)), Phase.Train);
            ht = _model.Encode(Input(target, Sample(target)), Phase.TrainAndTrack);   // dirtt.py's trg_e updates the statistics here too
        }
        _discriminatorOptimizer.zero_grad();
        Losses.Discriminator(_discriminator.call(hs), _discriminator.call(ht)).backward();
        _discriminatorOptimizer.step();
    }

    // A batch without replacement (datasets.py next_batch: np.random.choice(n, bs, replace=False)).
    private Tensor Sample(IDomainData digits) => randperm(digits.Count, generator: _order).narrow(0, 0, _config.BatchSize);

    private Tensor Sample(IDomainData digits, out Tensor labels)
    {
        var rows = Sample(digits);
        labels = digits.Labels.index_select(0, rows).to(_device);
        return rows;
    }

    // The data stay on the CPU; each batch moves to --device.
    private Tensor Input(IDomainData data, Tensor rows) => data.Batch(rows).to(_device);

    public void Dispose()
    {
        foreach (var module in new nn.Module[] { _model, _averaged, _teacher, _discriminator, _ema }) module.Dispose();
        _optimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _order.Dispose();
    }
}

/// <summary>The cells of Table 1 for one seed and one input normalisation, each checkpointed under its own name.</summary>
public static class Train
{
    /// <summary>The paper's folder name, which names its artifacts folder.</summary>
    public const string Paper = "dirt-t";

    public static string CellName(string method, int instanceNorm, int seed) => $"{method}-inorm{instanceNorm}-seed{seed}";

    /// <summary>
    /// The class probabilities, [N, K], of a trained cell's EMA model on <paramref name="x"/>, read from the cell's
    /// checkpoint (the state <see cref="Cell(DirtTConfig, string, int, int, Func{Network}, IDomainData, ValueTuple{IDomainData, IDomainData}, List{CurvePoint})"/> left).
    /// </summary>
    public static Tensor Predict(DirtTConfig config, string method, int instanceNorm, int seed, Func<Network> build, Tensor x)
    {
        var path = Checkpointer.DefaultPath(Paper, config, CellName(method, instanceNorm, seed));
        if (!File.Exists(path)) throw new FileNotFoundException($"no checkpoint of {CellName(method, instanceNorm, seed)} at {path}: train the cell first", path);
        using var session = new Session(config, build, seed);
        session.Checkpoint.Load(path);
        return session.Predict(x);
    }

    /// <summary>
    /// Trains <paramref name="method"/> (DIRT-T from VADA's final checkpoint) and returns its row; with --resume a
    /// checkpointed cell continues where it stopped, and a finished one is read back.
    /// </summary>
    public static MethodRun Cell(DirtTConfig config, string method, int instanceNorm, int seed,
        IDomainData source, (IDomainData Train, IDomainData Test) target, List<CurvePoint> curve) =>
        Cell(config, method, instanceNorm, seed, () => new SmallNetwork(instanceNorm == 1, config.Trim), source, target, curve);

    /// <summary>
    /// The same for any <see cref="Network"/> (the two-moons check trains a small MLP). The curve's accuracies are on
    /// target.Test, which the search replaces with labelled target training images; <paramref name="evaluatedOn"/> names
    /// them in the log.
    /// </summary>
    public static MethodRun Cell(DirtTConfig config, string method, int instanceNorm, int seed, Func<Network> build,
        IDomainData source, (IDomainData Train, IDomainData Test) target, List<CurvePoint> curve, string evaluatedOn = "target test")
    {
        using var session = new Session(config, build, seed);
        var name = CellName(method, instanceNorm, seed);
        var path = Checkpointer.DefaultPath(Paper, config, name);
        var curvePath = Path.ChangeExtension(path, ".curve.csv");
        var resume = config.Resume && File.Exists(path);
        var iterations = method == Methods.DirtT ? config.DirtIterations : config.Iterations;
        if (method == Methods.DirtT && !resume)
        {
            var vada = Checkpointer.DefaultPath(Paper, config, CellName(Methods.Vada, instanceNorm, seed));
            if (!File.Exists(vada)) throw new InvalidOperationException($"DIRT-T starts from VADA's final checkpoint, and there is none at {vada}: train vada first");
            var done = session.Checkpoint.Load(vada);
            if (done != config.Iterations) throw new InvalidOperationException($"{vada} holds VADA after {done} iterations, not {config.Iterations}: finish it with --resume");
            session.Checkpoint.Step = 0;
        }
        using var checkpointer = new Checkpointer(session.Checkpoint, path, config.CheckpointEvery, resume);
        var start = checkpointer.Start();
        var points = resume && File.Exists(curvePath) ? Csv.Read<CurvePoint>(curvePath).Where(p => p.Iteration <= start).ToList() : [];
        using var clock = new RunClock(session.Checkpoint, resume, () => session.StepSeconds);
        Console.WriteLine($"{name}: iterations {start} → {iterations}");
        session.Run(method, source, target.Train, target.Test, start, iterations, checkpointer, (step, accuracy) =>
        {
            points.Add(new CurvePoint(method, instanceNorm, seed, step, accuracy, clock.Seconds));
            Csv.Write(curvePath, points);
            Console.WriteLine($"{name} iteration {step}: {evaluatedOn} accuracy {accuracy:F2}% ({session.StepSeconds / (step - start):F2} s per training iteration)");
        });
        checkpointer.Save();
        curve.AddRange(points);
        var last = points.Count > 0 ? points[^1] : throw new InvalidOperationException($"{name}: no evaluation recorded; delete {path} and run again");
        return new MethodRun(config.Source, config.Target, method, instanceNorm, seed, last.Iteration, last.TargetAccuracy,
            session.LiveAccuracy(target.Test), clock.Seconds,
            clock.StepSeconds / last.Iteration);
    }
}
