using Papers.Torch;
using static Papers.Torch.torch;
using F = Papers.Torch.torch.nn.functional;

namespace Papers.MetaLstm;

// P learner parameters (coordinates), N ways, C channels, S image side, B images of a batch.

/// <summary>
/// The learner M (§4 "Meta-learner / learner architectures"; model/lstm-classifier.lua): 4 × [3×3 conv 32 (padding 1),
/// batch norm (eps 1e-3), ReLU, 2×2 max-pool], flatten, linear to N classes. It is run as a function of one flat
/// parameter vector θ (the meta-learner's cell state c_t), so the meta-learner can hand it any θ. Batch norm uses the
/// batch's statistics only and keeps none (see README, Deviations: the authors' test mode reads running statistics
/// gathered over the episode's support batches).
/// </summary>
public sealed class Learner
{
    public const int Filters = 32;
    public const int Blocks = 4;
    public const double BatchNormEps = 1e-3;   // lstm-classifier.lua: SpatialBatchNormalization(nOutput, 1e-3)

    private readonly List<(string Name, long[] Shape)> _layout = [];

    public Learner(int channels, int side, int ways)
    {
        (Channels, Side, Ways) = (channels, side, ways);
        var (input, size) = (channels, side);
        for (var b = 0; b < Blocks; b++)
        {
            _layout.Add(($"conv{b}.weight", [Filters, input, 3, 3]));
            _layout.Add(($"conv{b}.bias", [Filters]));
            _layout.Add(($"bn{b}.weight", [Filters]));
            _layout.Add(($"bn{b}.bias", [Filters]));
            (input, size) = (Filters, size / 2);
        }
        if (size < 1) throw new ArgumentException($"{side}×{side} images are too small for {Blocks} max-pools");
        Features = Filters * size * size;                                           // 800 for 84×84, 32 for 28×28
        _layout.Add(("linear.weight", [ways, Features]));
        _layout.Add(("linear.bias", [ways]));
        Parameters = _layout.Sum(l => l.Shape.Aggregate(1L, (a, d) => a * d));      // 32,901 for Mini-ImageNet
    }

    public int Channels { get; }
    public int Side { get; }
    public int Ways { get; }

    /// <summary>Size of the flattened features before the linear layer.</summary>
    public long Features { get; }

    /// <summary>P, the number of learner coordinates the meta-learner updates.</summary>
    public long Parameters { get; }

    public IReadOnlyList<(string Name, long[] Shape)> Layout => _layout;

    /// <summary>
    /// Torch7's default initialisation, which the authors' c_0 starts from (meta-learner-lstm.lua: cI ← the learner's
    /// flattened initial parameters): conv and linear weights and biases U(−1/√fan_in, 1/√fan_in), batch-norm scale
    /// U(0, 1), shift 0.
    /// </summary>
    public Tensor Initial(Generator generator)
    {
        var pieces = _layout.Select(l =>
        {
            var (layer, kind) = (l.Name.Split('.')[0], l.Name.Split('.')[1]);
            var n = l.Shape.Aggregate(1L, (a, d) => a * d);
            if (layer.StartsWith("bn", StringComparison.Ordinal)) return kind == "weight" ? rand([n], generator: generator) : zeros([n]);
            var fanIn = _layout.First(m => m.Name == $"{layer}.weight").Shape.Skip(1).Aggregate(1L, (a, d) => a * d);
            var bound = 1 / Math.Sqrt(fanIn);
            return rand([n], generator: generator) * (2 * bound) - bound;
        }).ToList();
        return cat(pieces);                                                        // [P]
    }

    /// <summary>
    /// The flattened features before the linear layer (the nearest-neighbour baseline's and Matching Networks'
    /// embedding). <paramref name="theta"/> is the whole learner's θ, or only its first <see cref="FeatureParameters"/>
    /// coordinates. With <paramref name="dropout"/> &gt; 0, each block ends with dropout drawn from
    /// <paramref name="generator"/> (model/matching-net-classifier.lua, useDropout).
    /// </summary>
    public Tensor Embed(Tensor theta, Tensor x, double dropout = 0, Generator? generator = null)   // theta: [P] or [features P], x: [B, C, S, S]
    {
        var w = Unflatten(theta);
        var h = x;
        for (var b = 0; b < Blocks; b++)
        {
            h = F.conv2d(h, w[$"conv{b}.weight"], w[$"conv{b}.bias"], padding: [1, 1]);           // [B, 32, s, s]
            h = F.batch_norm(h, null, null, w[$"bn{b}.weight"], w[$"bn{b}.bias"], training: true, eps: BatchNormEps);
            h = F.max_pool2d(h.relu(), [2, 2]);                                                 // [B, 32, s/2, s/2]
            if (dropout > 0) h = F.dropout(h, dropout, training: true, generator);
        }
        return h.flatten(1);                                                                    // [B, features]
    }

    /// <summary>The class scores of <paramref name="x"/> under flat parameters <paramref name="theta"/>.</summary>
    public Tensor Forward(Tensor theta, Tensor x)                                  // theta: [P], x: [B, C, S, S]
    {
        var w = Unflatten(theta);
        if (!w.ContainsKey("linear.weight")) throw new ArgumentException($"class scores need the whole θ [{Parameters}], not only the features' coordinates");
        return F.linear(Embed(theta, x), w["linear.weight"], w["linear.bias"]);                 // [B, N]
    }

    /// <summary>
    /// The coordinates before the linear layer, shared by learners that differ only in their number of classes: a
    /// 64-way pre-trained θ's first <see cref="FeatureParameters"/> coordinates start a 5-way one.
    /// </summary>
    public long FeatureParameters => Parameters - Ways * Features - Ways;

    /// <summary>The mean cross-entropy of <paramref name="x"/>'s scores against <paramref name="y"/> (nn.CrossEntropyCriterion).</summary>
    public Tensor Loss(Tensor theta, Tensor x, Tensor y) => F.cross_entropy(Forward(theta, x), y);

    /// <summary>
    /// The mean loss at θ and its gradient ∇_θ L, with no graph back to θ (§3.2: the meta-learner takes the gradient as
    /// an input, "ignoring second derivatives").
    /// </summary>
    public (Tensor Loss, Tensor Gradient) LossAndGradient(Tensor theta, Tensor x, Tensor y)
    {
        using var grad = enable_grad();                                            // also under an evaluation's no_grad
        using var leaf = theta.detach().requires_grad_();
        var loss = Loss(leaf, x, y);
        var gradient = autograd.grad([loss], [leaf])[0]!;
        return (loss.detach(), gradient);                                                       // [], [P]
    }

    /// <summary>Accuracy (%) of the predictions for <paramref name="x"/> against <paramref name="y"/>.</summary>
    public double Accuracy(Tensor theta, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return 100.0 * Forward(theta, x).argmax(1).eq(y).sum().ToInt64() / y.shape[0];
    }

    // θ's pieces by name; a θ of only the feature coordinates has no linear layer.
    private Dictionary<string, Tensor> Unflatten(Tensor theta)
    {
        if (theta.shape is not [var p] || (p != Parameters && p != FeatureParameters))
            throw new ArgumentException($"θ must be [{Parameters}] (or the features' [{FeatureParameters}]), not [{string.Join(", ", theta.shape)}]");
        var pieces = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var (name, shape) in _layout.Take(p == Parameters ? _layout.Count : _layout.Count - 2))
        {
            var n = shape.Aggregate(1L, (a, d) => a * d);
            pieces[name] = theta.narrow(0, offset, n).view(shape);
            offset += n;
        }
        return pieces;
    }
}
