using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>
/// Q_w(s, a): rllab's ContinuousMLPQFunction as the authors configure it (hidden 100-100, ReLU; the action joins
/// at the second hidden layer, action_merge_layer = −2; Glorot-uniform hidden weights, output U(±3e-3)).
/// All weights live in one flat parameter w, read through views per layer, so that a critic step's Adam update
/// and Polyak average are a handful of tensor ops instead of a handful per layer (the critic takes one step per
/// sample: its fixed cost per step is what bounds the run time; README, Timings).
/// </summary>
public sealed class QFunction : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly (long Out, long In)[] _layers;
    private readonly long[] _sizes;

    public QFunction(int observationSize, int actionSize, int hidden) : base(nameof(QFunction))
    {
        using var hidden0 = Mlp.Layer(observationSize, hidden, null);
        using var hidden1 = Mlp.Layer(hidden + actionSize, hidden, null);
        using var output = Mlp.Layer(hidden, 1, 3e-3);
        var layers = new[] { hidden0, hidden1, output };
        _layers = layers.Select(l => (l.out_features, l.in_features)).ToArray();
        _sizes = _layers.SelectMany(l => new[] { l.Out * l.In, l.Out }).ToArray();
        var parts = layers.SelectMany(l => new[] { l.weight.detach().reshape(-1), l.bias!.detach() }).ToList();
        Weights = new nn.Parameter(cat(parts));                                    // [P]
        foreach (var part in parts) part.Dispose();
        register_parameter("weights", Weights);
    }

    /// <summary>w: every layer's weight matrix then bias, in order: [P]</summary>
    public nn.Parameter Weights { get; }

    /// <summary>Q_w(s, a): [B]</summary>
    public override Tensor forward(Tensor observations, Tensor actions)
    {
        var p = Weights.split(_sizes);                                             // one view per weight and bias
        var h = Layer(p, 0, observations).relu();                                  // [B, H]
        h = Layer(p, 1, cat([h, actions], 1)).relu();                              // [B, H]
        return Layer(p, 2, h).squeeze(1);                                          // [B]
    }

    private Tensor Layer(Tensor[] p, int i, Tensor input) =>
        nn.functional.linear(input, p[2 * i].view(_layers[i].Out, _layers[i].In), p[2 * i + 1]);
}

/// <summary>
/// The off-policy critic of Algorithm 1 (lines 5-6), trained DDPG-style from the replay buffer: one Adam step on
/// the mean squared TD error per call, y = scale·r + γ(1 − done) Q_w'(s', a'), then Polyak averaging
/// w' ← (1 − τ)w' + τw (rllab++ batch_polopt.do_training; DDPG uses its own target policy for a').
/// </summary>
public sealed class Critic : IDisposable
{
    private readonly double _gamma;
    private readonly double _tau;
    private readonly double _rewardScale;
    private readonly int _batchSize;

    public Critic(int observationSize, int actionSize, int hidden, double learningRate, int batchSize, double gamma, double tau, double rewardScale)
    {
        Q = new QFunction(observationSize, actionSize, hidden);
        Target = new QFunction(observationSize, actionSize, hidden);
        Polyak.Copy(Target, Q);
        Optimizer = optim.Adam(Q.parameters(), learningRate);
        (_gamma, _tau, _rewardScale, _batchSize) = (gamma, tau, rewardScale, batchSize);
    }

    public QFunction Q { get; }
    public QFunction Target { get; }
    public optim.Optimizer Optimizer { get; }

    public int BatchSize => _batchSize;
    public double Gamma => _gamma;
    public double Tau => _tau;
    public double RewardScale => _rewardScale;

    /// <summary>One critic step on a minibatch; returns the TD loss as a (not yet read) scalar tensor.</summary>
    public Tensor Step(TransitionBatch batch, Func<Tensor, Tensor> nextAction)
    {
        Tensor y;
        using (no_grad())
        {
            var next = Target.call(batch.NextObservations, nextAction(batch.NextObservations)); // [B]
            y = batch.Rewards * _rewardScale + (1 - batch.Terminals) * next * _gamma;            // [B]
        }
        var loss = (y - Q.call(batch.Observations, batch.Actions)).square().mean();
        Optimizer.zero_grad();
        loss.backward();
        Optimizer.step();
        Polyak.Update(Target, Q, _tau);
        return loss.detach();
    }

    public void Dispose()
    {
        Q.Dispose();
        Target.Dispose();
    }
}

/// <summary>Target networks: w' ← w, and w' ← (1 − τ)w' + τw.</summary>
public static class Polyak
{
    public static void Copy(nn.Module target, nn.Module source)
    {
        using var _ = no_grad();
        foreach (var (t, s) in target.parameters().Zip(source.parameters())) t.copy_(s);
    }

    public static void Update(nn.Module target, nn.Module source, double tau)
    {
        using var _ = no_grad();
        foreach (var (t, s) in target.parameters().Zip(source.parameters())) t.lerp_(s, tau);
    }
}

/// <summary>A minibatch of transitions (s, a, r, s', done).</summary>
public sealed record TransitionBatch(Tensor Observations, Tensor Actions, Tensor Rewards, Tensor NextObservations, Tensor Terminals);

/// <summary>
/// The replay pool (rllab's SimpleReplayPool, 10⁶ transitions at most): one float32 row per transition,
/// [s, a, r, s', done], in a ring; a module so that the checkpoint carries its rows and fill state.
/// </summary>
public sealed class ReplayBuffer : nn.Module
{
    private readonly Tensor _rows;
    private readonly Tensor _fill;                                                 // [size, next write position]
    private readonly int _s;
    private readonly int _a;

    public ReplayBuffer(int capacity, int observationSize, int actionSize) : base(nameof(ReplayBuffer))
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a replay buffer holds at least one transition");
        (_s, _a, Capacity) = (observationSize, actionSize, capacity);
        _rows = zeros([capacity, Width]);                                          // [N, 2S + A + 2]
        _fill = zeros([2], ScalarType.Int64);
        register_buffer("rows", _rows);
        register_buffer("fill", _fill);
    }

    public int Capacity { get; }
    public int Width => 2 * _s + _a + 2;
    public long Count => _fill[0].ToInt64();

    /// <summary>Appends rows laid out as [s, a, r, s', done], overwriting the oldest once full.</summary>
    public void Add(float[] rows)
    {
        var n = rows.Length / Width;
        if (n * Width != rows.Length) throw new ArgumentException($"rows must come in multiples of {Width} values, not {rows.Length}", nameof(rows));
        var (size, position) = (_fill[0].ToInt64(), _fill[1].ToInt64());
        var offset = 0;
        using var _ = no_grad();
        while (offset < n)
        {
            var chunk = (int)Math.Min(n - offset, Capacity - position);
            using var source = tensor(rows.AsSpan(offset * Width, chunk * Width), [chunk, Width]);
            using var target = _rows.narrow(0, position, chunk);
            target.copy_(source);
            offset += chunk;
            position = (position + chunk) % Capacity;
        }
        size = Math.Min(Capacity, size + n);
        using var fill = tensor(new[] { size, position });
        _fill.copy_(fill);
    }

    /// <summary>Rows drawn uniformly with replacement (SimpleReplayPool.random_batch): [n, 2S + A + 2]</summary>
    public Tensor SampleRows(int n, Generator generator) => _rows.index_select(0, randint(Count, [n], generator: generator));

    /// <summary>A uniform minibatch, with replacement (SimpleReplayPool.random_batch).</summary>
    public TransitionBatch Sample(int batchSize, Generator generator)
    {
        var rows = SampleRows(batchSize, generator);                              // [B, 2S + A + 2]
        return new TransitionBatch(
            rows.narrow(1, 0, _s),
            rows.narrow(1, _s, _a),
            rows.narrow(1, _s + _a, 1).squeeze(1),
            rows.narrow(1, _s + _a + 1, _s),
            rows.narrow(1, 2 * _s + _a + 1, 1).squeeze(1));
    }

    public override string extra_repr() => $"capacity={Capacity}, width={Width}";
}
