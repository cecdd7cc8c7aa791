using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Gcn;

// N nodes, F input features, H hidden units, C classes, K supports (propagation matrices).

/// <summary>
/// One layer of Eq. 2 generalised to the propagation models of Table 3: Σₖ Sₖ H Wₖ, one weight per support
/// (no support: the dense layer H W of the MLP baseline). No bias, as in tkipf/gcn's default.
/// </summary>
public sealed class GraphConvolution : nn.Module<Tensor, Tensor>
{
    private readonly Tensor[] _supports;
    private readonly nn.Parameter[] _weights;

    public GraphConvolution(long inFeatures, long outFeatures, Tensor[] supports) : base(nameof(GraphConvolution))
    {
        _supports = supports;
        _weights = new nn.Parameter[Math.Max(supports.Length, 1)];
        for (var k = 0; k < _weights.Length; k++)
        {
            // Glorot & Bengio (2010) uniform init, as the paper's §5.2 and tkipf/gcn's inits.glorot.
            _weights[k] = new nn.Parameter(empty([inFeatures, outFeatures]));
            nn.init.xavier_uniform_(_weights[k]);
            register_parameter($"weight_{k}", _weights[k]);
        }
    }

    public IReadOnlyList<nn.Parameter> Weights => _weights;

    /// <summary>h: [N, in], dense or sparse (the first layer takes the sparse feature matrix X).</summary>
    public override Tensor forward(Tensor h)
    {
        if (_supports.Length == 0) return Product(h, _weights[0]);                 // [N, out]
        Tensor? sum = null;
        for (var k = 0; k < _supports.Length; k++)
        {
            var term = sparse.mm(_supports[k], Product(h, _weights[k]));          // [N, out]
            sum = sum is null ? term : sum + term;
        }
        return sum!;
    }

    private static Tensor Product(Tensor h, Tensor w) => h.is_sparse ? sparse.mm(h, w) : h.matmul(w);
}

/// <summary>
/// The two-layer GCN of Eq. 9: Z = softmax(Â ReLU(Â X W⁽⁰⁾) W⁽¹⁾), with dropout on the input of both layers
/// (sparse dropout on X). Returns the logits; the softmax lives in the cross-entropy loss.
/// </summary>
public sealed class Gcn : nn.Module<Tensor, Tensor>
{
    private readonly GraphConvolution _layer1;
    private readonly GraphConvolution _layer2;
    private readonly double _dropout;

    public Gcn(long features, long hidden, long classes, Tensor[] supports, double dropout) : base(nameof(Gcn))
    {
        _layer1 = new GraphConvolution(features, hidden, supports);
        _layer2 = new GraphConvolution(hidden, classes, supports);
        _dropout = dropout;
        register_module("layer1", _layer1);
        register_module("layer2", _layer2);
    }

    /// <summary>The weights the L2 penalty covers: the first layer's, all of them (§5.2).</summary>
    public IReadOnlyList<nn.Parameter> FirstLayerWeights => _layer1.Weights;

    /// <summary>x: sparse [N, F], row-normalised.</summary>
    public override Tensor forward(Tensor x)
    {
        var h = _layer1.call(SparseDropout(x)).relu();                             // [N, H]
        h = nn.functional.dropout(h, _dropout, training);                          // [N, H]
        return _layer2.call(h);                                                    // [N, C]
    }

    /// <summary>
    /// Dropout on the stored entries of a sparse matrix, as tkipf/gcn's sparse_dropout: the mask is
    /// ⌊(1 − p) + U(0, 1)⌋ per non-zero, kept entries are scaled by 1/(1 − p), and the pattern stays coalesced.
    /// </summary>
    private Tensor SparseDropout(Tensor x)
    {
        if (!training || _dropout == 0) return x;
        var keep = 1 - _dropout;
        var values = x.values();
        var mask = (rand_like(values) + keep).floor();
        return sparse_coo_tensor(x.indices(), values * mask / keep, x.shape, is_coalesced: true);
    }
}
