using System.Diagnostics;
using Papers.Shared.Checkpoints;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm;

/// <summary>
/// Meta-training of the LSTM meta-learner (Algorithm 1; model/lstm/train-lstm.lua): per episode, T inner steps on the
/// support set driven by the meta-learner, the learner's loss on the query set at θ_T, and one Adam step on the
/// meta-learner's parameters with the gradient's norm clipped.
/// </summary>
public sealed class MetaTraining : IMetaTrainable
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

    public string Method => Methods.MetaLstm;

    public double EpisodeSeconds { get; private set; }

    public double Validate(EpisodeSampler sampler, int shots, int episodes, ulong seed)
    {
        var (passes, batch) = _config.Schedule(shots);
        return Evaluate(Model, Learner, sampler, passes, batch, episodes, seed).Average();
    }

    public void SelectCurrent() => CopyParameters(Model, Best);

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
        => sampler.Accuracies(episodes, seed, episode =>
        {
            var theta = Adapt(model, learner, episode, passes, batch, train: false, gates).Theta;
            var labels = learner.Forward(theta, episode.Query).argmax(1);           // [N·Q]
            predicted?.Invoke(episode, labels);
            return labels;
        });

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
