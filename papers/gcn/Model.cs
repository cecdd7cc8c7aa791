using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Gcn;

// N nodes, F input features, H hidden units, C classes, K weights per layer (one per propagation term).

/// <summary>
/// One layer of Eq. 2 generalised to the propagation models of Table 3: Σₖ Sₖ H Wₖ, one weight per term
/// (a single term without propagation is the dense layer H W of the MLP baseline). No bias, as in tkipf/gcn.
/// </summary>
public sealed class GraphConvolution : nn.Module<Tensor, Tensor>
{
    private readonly Propagator _propagator;
    private readonly nn.Parameter[] _weights;
    private readonly long _outFeatures;

    public GraphConvolution(long inFeatures, long outFeatures, Propagator propagator) : base(nameof(GraphConvolution))
    {
        _propagator = propagator;
        _outFeatures = outFeatures;
        _weights = new nn.Parameter[propagator.Weights];
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
        // One product with [W₀ | W₁ | …] costs about what one with W₀ does, since a sparse product's cost is per non-zero.
        var weights = _weights.Length == 1 ? _weights[0] : cat(_weights, 1);        // [in, K·out]
        var projections = Product(h, weights).split(_outFeatures, 1);              // K × [N, out]
        return _propagator.Combine(projections);                                   // [N, out]
    }

    private static Tensor Product(Tensor h, Tensor w) => h.is_sparse ? sparse.spmm(h, w) : h.matmul(w);
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

    public Gcn(long features, long hidden, long classes, Propagator propagator, double dropout) : base(nameof(Gcn))
    {
        _layer1 = new GraphConvolution(features, hidden, propagator);
        _layer2 = new GraphConvolution(hidden, classes, propagator);
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
