using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Gcn;

/// <summary>The propagation models of Table 3, each a sum over supports S_k of S_k X Θ_k.</summary>
public enum PropagationModel
{
    /// <summary>Σₖ₌₀³ Tₖ(L̃) X Θₖ (Eq. 5, K = 3).</summary>
    ChebyshevK3,

    /// <summary>Σₖ₌₀² Tₖ(L̃) X Θₖ (Eq. 5, K = 2).</summary>
    ChebyshevK2,

    /// <summary>X Θ₀ + D^-½ A D^-½ X Θ₁ (Eq. 6 before tying Θ₀ = −Θ₁).</summary>
    FirstOrder,

    /// <summary>(I_N + D^-½ A D^-½) X Θ (Eq. 7).</summary>
    SingleParameter,

    /// <summary>D̃^-½ Ã D̃^-½ X Θ with Ã = A + I_N (Eq. 8): the GCN of Tables 2 and 3.</summary>
    RenormalizationTrick,

    /// <summary>D^-½ A D^-½ X Θ.</summary>
    FirstOrderTermOnly,

    /// <summary>X Θ: no propagation.</summary>
    Mlp,
}

/// <summary>
/// How a layer combines its per-weight projections Yₖ = H Wₖ ([N, out] each) into its output: Σₖ Sₖ Yₖ over the
/// model's support matrices, or Σₖ Tₖ(L̃) Yₖ for the Chebyshev filter.
/// </summary>
public sealed class Propagator : IDisposable
{
    private readonly Tensor[] _supports;
    private readonly Tensor? _scaledLaplacian;

    private Propagator(int weights, Tensor[] supports, Tensor? scaledLaplacian)
    {
        Weights = weights;
        _supports = supports;
        _scaledLaplacian = scaledLaplacian;
    }

    /// <summary>Σₖ Sₖ Yₖ, one weight per support; no support at all is the MLP's H W.</summary>
    public static Propagator Sum(params Tensor[] supports) => new(Math.Max(supports.Length, 1), supports, null);

    /// <summary>Σₖ₌₀ᴷ Tₖ(L̃) Yₖ (Eq. 5), K + 1 weights.</summary>
    public static Propagator Chebyshev(Tensor scaledLaplacian, int k) => new(k + 1, [], scaledLaplacian);

    /// <summary>The same propagation with its matrices on <paramref name="device"/> (this one keeps its own).</summary>
    public Propagator To(Device device) =>
        new(Weights, _supports.Select(s => s.to(device)).ToArray(), _scaledLaplacian?.to(device));

    /// <summary>The number of weight matrices Θₖ a layer needs.</summary>
    public int Weights { get; }

    public Tensor Combine(Tensor[] y)                                                  // y: K × [N, out]
    {
        if (_scaledLaplacian is { } lTilde) return Clenshaw(lTilde, y);
        if (_supports.Length == 0) return y[0];
        var sum = sparse.spmm(_supports[0], y[0]);
        for (var k = 1; k < _supports.Length; k++) sum = sum + sparse.spmm(_supports[k], y[k]);
        return sum;                                                                     // [N, out]
    }

    /// <summary>
    /// Σₖ Tₖ(L̃) Yₖ by Clenshaw's recurrence, bₖ = Yₖ + 2L̃bₖ₊₁ − bₖ₊₂ and result Y₀ + L̃b₁ − b₂: the same sum as
    /// the precomputed polynomials tkipf/gcn multiplies by, in K products with the sparse L̃ instead of K + 1
    /// products with the much denser Tₖ(L̃).
    /// </summary>
    private static Tensor Clenshaw(Tensor lTilde, Tensor[] y)
    {
        var k = y.Length - 1;
        Tensor? next = null, afterNext = null;                                          // bₖ₊₁, bₖ₊₂
        for (var i = k; i >= 1; i--)
        {
            var b = y[i];
            if (next is not null) b = b + sparse.spmm(lTilde, next) * 2;
            if (afterNext is not null) b = b - afterNext;
            (afterNext, next) = (next, b);
        }
        var result = y[0];
        if (next is not null) result = result + sparse.spmm(lTilde, next);
        if (afterNext is not null) result = result - afterNext;
        return result;                                                                  // [N, out]
    }

    public void Dispose()
    {
        foreach (var s in _supports) s.Dispose();
        _scaledLaplacian?.Dispose();
    }
}

/// <summary>The sparse matrices of each propagation model, float32, [N, N].</summary>
public static class Propagation
{
    public static string Describe(PropagationModel model) => model switch
    {
        PropagationModel.ChebyshevK3 => "Chebyshev filter (Eq. 5), K = 3",
        PropagationModel.ChebyshevK2 => "Chebyshev filter (Eq. 5), K = 2",
        PropagationModel.FirstOrder => "1st-order model (Eq. 6)",
        PropagationModel.SingleParameter => "Single parameter (Eq. 7)",
        PropagationModel.RenormalizationTrick => "Renormalization trick (Eq. 8)",
        PropagationModel.FirstOrderTermOnly => "1st-order term only",
        PropagationModel.Mlp => "Multi-layer perceptron",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    public static Propagator For(Graph graph, PropagationModel model) => model switch
    {
        PropagationModel.ChebyshevK3 => Propagator.Chebyshev(ScaledLaplacian(graph), 3),
        PropagationModel.ChebyshevK2 => Propagator.Chebyshev(ScaledLaplacian(graph), 2),
        PropagationModel.FirstOrder => Propagator.Sum(Identity(graph.Nodes), Normalized(graph, selfLoops: false)),
        PropagationModel.SingleParameter => Propagator.Sum(Identity(graph.Nodes).add(Normalized(graph, selfLoops: false)).coalesce()),
        PropagationModel.RenormalizationTrick => Propagator.Sum(Normalized(graph, selfLoops: true)),
        PropagationModel.FirstOrderTermOnly => Propagator.Sum(Normalized(graph, selfLoops: false)),
        PropagationModel.Mlp => Propagator.Sum(),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>
    /// D^-½ A D^-½, or with <paramref name="selfLoops"/> the renormalised Â = D̃^-½ (A + I_N) D̃^-½ (Eq. 8),
    /// D̃ᵢᵢ = Σⱼ Ãᵢⱼ. Isolated nodes get 0 rather than 1/0, as tkipf/gcn's normalize_adj does.
    /// </summary>
    public static Tensor Normalized(Graph graph, bool selfLoops)
    {
        var n = graph.Nodes;
        var entries = new Dictionary<(int, int), double>();
        foreach (var e in graph.Edges) entries[e] = 1;
        if (selfLoops)
            for (var i = 0; i < n; i++) entries[(i, i)] = entries.GetValueOrDefault((i, i)) + 1;
        var degree = new double[n];
        foreach (var ((i, _), a) in entries) degree[i] += a;
        var invSqrt = degree.Select(d => d > 0 ? 1 / Math.Sqrt(d) : 0).ToArray();
        var keys = entries.Keys.Order().ToArray();
        var values = keys.Select(k => (float)(invSqrt[k.Item1] * entries[k] * invSqrt[k.Item2])).ToArray();
        return Sparse(keys, values, n, n);
    }

    /// <summary>
    /// L̃ = (2/λ_max) L − I_N with L = I_N − D^-½ A D^-½ (Eq. 5's rescaled Laplacian; λ_max as tkipf/gcn takes it,
    /// the largest eigenvalue of L), sparse float32. The eigenvalue comes from a dense float64 eigensolver:
    /// O(N²) memory, fine for Cora and Citeseer.
    /// </summary>
    public static Tensor ScaledLaplacian(Graph graph)
    {
        using var scope = NewDisposeScope();
        var n = graph.Nodes;
        var normalized = Normalized(graph, selfLoops: false);
        var identity = Identity(n);
        var laplacian = identity.to_dense().to(float64) - normalized.to_dense().to(float64);
        var lambdaMax = linalg.eigvalsh(laplacian).max().ToDouble();
        // L̃ = (2/λ)(I − N) − I = (2/λ − 1) I − (2/λ) N
        return (identity * (2 / lambdaMax - 1) - normalized * (2 / lambdaMax)).coalesce().MoveToOuterDisposeScope();
    }

    public static Tensor Identity(int n)
    {
        var keys = Enumerable.Range(0, n).Select(i => (i, i)).ToArray();
        return Sparse(keys, Enumerable.Repeat(1f, n).ToArray(), n, n);
    }

    /// <summary>A coalesced sparse COO float32 tensor [rows, columns] with the given entries.</summary>
    public static Tensor Sparse((int Row, int Column)[] keys, float[] values, int rows, int columns)
    {
        var index = new long[2 * keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            index[i] = keys[i].Row;
            index[keys.Length + i] = keys[i].Column;
        }
        using var indices = tensor(index, [2, keys.Length]);
        using var v = tensor(values);
        return sparse_coo_tensor(indices, v, [rows, columns]).coalesce();
    }
}
