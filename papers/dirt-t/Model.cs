using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

// B images in a batch, C = 3 colour channels, 32×32 pixels, K = 10 classes; h the features the discriminator sees.

/// <summary>
/// How a pass runs, as the authors' <c>phase</c> and <c>internal_update</c> flags: in training, dropout and Gaussian
/// noise are on and batch norm uses the batch's statistics; only passes that <see cref="TrackStatistics"/> move the
/// running statistics (in the authors' graph, the target passes). Evaluation uses the running statistics.
/// </summary>
public readonly record struct Phase(bool Training, bool TrackStatistics)
{
    public static Phase Train => new(true, false);
    public static Phase TrainAndTrack => new(true, true);
    public static Phase Eval => new(false, false);
}

/// <summary>
/// Batch norm as tensorbayes' <c>batch_norm</c>: (x − m) / √(v + 1e-3) · γ + β per channel with the batch's mean and
/// biased variance in training; running ← running + 0.01 (batch − running) when tracking (momentum 0.99).
/// </summary>
public sealed class BatchNorm : nn.Module
{
    public const double Epsilon = 1e-3;
    public const double Momentum = 0.99;

    private readonly nn.Parameter _gamma;
    private readonly nn.Parameter _beta;
    private readonly Tensor _mean;
    private readonly Tensor _variance;

    public BatchNorm(int channels) : base(nameof(BatchNorm))
    {
        _gamma = new nn.Parameter(ones([channels]));
        _beta = new nn.Parameter(zeros([channels]));
        _mean = zeros([channels]);
        _variance = ones([channels]);
        register_parameter("gamma", _gamma);
        register_parameter("beta", _beta);
        register_buffer("mean", _mean);
        register_buffer("var", _variance);
    }

    public Tensor Apply(Tensor x, Phase phase)                                     // x: [B, C, ...]
    {
        if (!phase.Training) return nn.functional.batch_norm(x, _mean, _variance, _gamma, _beta, training: false, eps: Epsilon);
        if (phase.TrackStatistics)
        {
            using var noGrad = no_grad();
            var dims = Enumerable.Range(0, (int)x.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
            using var mean = x.mean(dims);                                         // [C]
            using var variance = x.var(dims, unbiased: false);                     // [C]
            _mean.mul_(Momentum).add_(mean, 1 - Momentum);
            _variance.mul_(Momentum).add_(variance, 1 - Momentum);
        }
        return nn.functional.batch_norm(x, null, null, _gamma, _beta, training: true, eps: Epsilon);
    }
}

/// <summary>
/// A classifier split into an encoder, whose output the feature discriminator sees, and a head (small.py's
/// <c>enc_phase</c> and <c>trim</c>). Every pass says its <see cref="Phase"/>.
/// </summary>
public abstract class Network : nn.Module
{
    protected Network(string name) : base(name) { }

    /// <summary>x → h, the features.</summary>
    public abstract Tensor Encode(Tensor x, Phase phase);

    /// <summary>h → logits [B, K].</summary>
    public abstract Tensor Classify(Tensor h, Phase phase);

    /// <summary>x → logits [B, K].</summary>
    public Tensor forward(Tensor x, Phase phase) => Classify(Encode(x, phase), phase);

    /// <summary>Elements of one example's features: the discriminator's input size.</summary>
    public abstract long FeatureSize();
}

/// <summary>
/// The authors' small network (codebase/models/nns/small.py), 18 layers: optional instance norm on the input;
/// 3 × conv3×3-64 → max-pool 2 → dropout 0.5 → noise σ = 1; the same again; 3 × conv3×3-64 → global average pool →
/// dense K. Every conv and dense has batch norm, then leaky ReLU 0.1 except the last. The layers before the last
/// <c>trim</c> are the encoder (the discriminator's input), the rest the head.
/// </summary>
public sealed class SmallNetwork : Network
{
    public const int Layers = 18;
    public const int Channels = 64;
    public const double LeakySlope = 0.1;
    public const double DropoutRate = 0.5;
    public const double NoiseStd = 1.0;

    /// <summary>tensorbayes' instance_norm epsilon.</summary>
    public const double InstanceNormEpsilon = 1e-3;

    private readonly Func<Tensor, Phase, Tensor>[] _layers;

    public SmallNetwork(bool instanceNorm, int trim, int classes = 10) : base(nameof(SmallNetwork))
    {
        if (trim is < 1 or >= Layers) throw new ArgumentOutOfRangeException(nameof(trim), trim, $"trim splits the {Layers} layers: 1 ≤ trim < {Layers}");
        (InstanceNorm, Trim, Classes) = (instanceNorm, trim, classes);
        var inputs = 3;
        Func<Tensor, Phase, Tensor> Conv(int index)
        {
            var conv = TensorBayesInit.Apply(nn.Conv2d(inputs, Channels, 3, padding: 1));   // SAME padding, stride 1
            var bn = new BatchNorm(Channels);
            register_module($"l{index}_conv", conv);
            register_module($"l{index}_bn", bn);
            inputs = Channels;
            return (x, phase) => nn.functional.leaky_relu(bn.Apply(conv.call(x), phase), LeakySlope);   // [B, 64, H, W]
        }
        Func<Tensor, Phase, Tensor> Pool() => (x, _) => nn.functional.max_pool2d(x, [2]);                // [B, 64, H/2, W/2]
        Func<Tensor, Phase, Tensor> Dropout() => (x, phase) => nn.functional.dropout(x, DropoutRate, phase.Training);
        Func<Tensor, Phase, Tensor> Noise() => (x, phase) => phase.Training ? x + randn_like(x) * NoiseStd : x.alias();
        _layers =
        [
            InputNorm(),
            Conv(1), Conv(2), Conv(3), Pool(), Dropout(), Noise(),
            Conv(7), Conv(8), Conv(9), Pool(), Dropout(), Noise(),
            Conv(13), Conv(14), Conv(15),
            (x, _) => x.mean([2, 3]),                                              // [B, 64]; global average pool
            Dense(17, classes),
        ];
    }

    public bool InstanceNorm { get; }
    public int Trim { get; }
    public int Classes { get; }

    /// <summary>Channels × height × width of the encoder's output for 32×32 inputs: the discriminator's input size.</summary>
    public override long FeatureSize()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Encode(zeros([2, 3, 32, 32]), Phase.Eval).numel() / 2;
    }

    /// <summary>x [B, 3, 32, 32] → h: layers 0 … 17 − trim.</summary>
    public override Tensor Encode(Tensor x, Phase phase) => Run(x, phase, 0, Layers - Trim);

    /// <summary>h → logits [B, K]: the last trim layers.</summary>
    public override Tensor Classify(Tensor h, Phase phase) => Run(h, phase, Layers - Trim, Layers);

    private Tensor Run(Tensor x, Phase phase, int start, int end)
    {
        var h = x;
        for (var i = start; i < end; i++) h = _layers[i](h, phase);
        return h;
    }

    private Func<Tensor, Phase, Tensor> InputNorm()
    {
        if (!InstanceNorm) return (x, _) => x.alias();
        var gamma = new nn.Parameter(ones([3]));
        var beta = new nn.Parameter(zeros([3]));
        register_parameter("l0_gamma", gamma);
        register_parameter("l0_beta", beta);
        return (x, _) => nn.functional.instance_norm(x, weight: gamma, bias: beta, eps: InstanceNormEpsilon);  // [B, 3, 32, 32]
    }

    private Func<Tensor, Phase, Tensor> Dense(int index, int outputs)
    {
        var dense = TensorBayesInit.Apply(nn.Linear(Channels, outputs));
        var bn = new BatchNorm(outputs);
        register_module($"l{index}_dense", dense);
        register_module($"l{index}_bn", bn);
        return (x, phase) => bn.Apply(dense.call(x), phase);                      // [B, K]; batch norm on the logits too, no activation
    }
}

/// <summary>
/// tensorbayes 0.4's weights for conv2d and dense (layers/simple.py): TensorFlow's variance_scaling_initializer() at
/// its defaults (factor 2 over fan_in, a normal truncated at two standard deviations, whose standard deviation
/// √(1.3 · 2 / fan_in) the 1.3 makes up for the cut: about √(2 / fan_in) after it, He et al.'s), and zero biases.
/// </summary>
public static class TensorBayesInit
{
    /// <summary>Standard deviation of the normal before the cut at ±2 of it, for a weight with <paramref name="fanIn"/> inputs.</summary>
    public static double TruncatedStd(long fanIn) => Math.Sqrt(1.3 * 2.0 / fanIn);

    /// <summary>Initialises <paramref name="layer"/>'s weight and bias in place and returns the layer.</summary>
    public static T Apply<T>(T layer) where T : nn.Module
    {
        VarianceScaling(layer.get_parameter("weight"));
        nn.init.zeros_(layer.get_parameter("bias"));
        return layer;
    }

    /// <summary>
    /// Fills <paramref name="weight"/> ([out, in, k...]: fan_in = in·Πk, TensorFlow's for its [k..., in, out]) from
    /// N(0, TruncatedStd²), drawing again every value beyond two standard deviations, as truncated_normal does.
    /// </summary>
    public static Tensor VarianceScaling(Tensor weight)
    {
        var (fanIn, _) = nn.init.calculate_fan_in_and_fan_out(weight);
        var std = TruncatedStd(fanIn);
        using var noGrad = no_grad();
        weight.normal_(0, std);
        while (true)
        {
            using var scope = NewDisposeScope();
            var outside = weight.abs() > 2 * std;
            if (!outside.any().ToBoolean()) return weight;
            weight.copy_(where(outside, randn_like(weight) * std, weight));
        }
    }
}

/// <summary>The feature discriminator of small.py: dense 100 → ReLU → dense 1 (a logit: source vs target).</summary>
public sealed class FeatureDiscriminator : nn.Module<Tensor, Tensor>
{
    public const int Hidden = 100;

    private readonly nn.Module<Tensor, Tensor> _hidden;
    private readonly nn.Module<Tensor, Tensor> _output;

    public FeatureDiscriminator(long features) : base(nameof(FeatureDiscriminator))
    {
        _hidden = nn.Linear(features, Hidden);
        _output = nn.Linear(Hidden, 1);
        foreach (var layer in new nn.Module[] { _hidden, _output }) TensorBayesInit.Apply(layer);   // small.py's dense layers
        register_module("hidden", _hidden);
        register_module("output", _output);
    }

    public override Tensor forward(Tensor h)                                       // h: [B, ...] features
    {
        using var flat = h.flatten(1);                                             // [B, F]
        using var hidden = nn.functional.relu(_hidden.call(flat));                 // [B, 100]
        return _output.call(hidden).squeeze(1);                                    // [B]
    }
}
