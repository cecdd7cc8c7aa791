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

/// <summary>The sparse support matrices S_k of each propagation model, float32, [N, N].</summary>
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

    public static Tensor[] Supports(Graph graph, PropagationModel model) => model switch
    {
        PropagationModel.ChebyshevK3 => Chebyshev(graph, 3),
        PropagationModel.ChebyshevK2 => Chebyshev(graph, 2),
        PropagationModel.FirstOrder => [Identity(graph.Nodes), Normalized(graph, selfLoops: false)],
        PropagationModel.SingleParameter => [Identity(graph.Nodes).add(Normalized(graph, selfLoops: false)).coalesce()],
        PropagationModel.RenormalizationTrick => [Normalized(graph, selfLoops: true)],
        PropagationModel.FirstOrderTermOnly => [Normalized(graph, selfLoops: false)],
        PropagationModel.Mlp => [],
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
        return Sparse(keys, values, n);
    }

    /// <summary>
    /// T₀(L̃) … T_K(L̃) with L̃ = (2/λ_max) L − I_N, L = I_N − D^-½ A D^-½, and Tₖ = 2L̃Tₖ₋₁ − Tₖ₋₂ (Eq. 5;
    /// Hammond et al., 2011). Computed densely in float64: O(N²) memory, fine for Cora and Citeseer.
    /// </summary>
    public static Tensor[] Chebyshev(Graph graph, int k)
    {
        using var scope = NewDisposeScope();
        var n = graph.Nodes;
        var identity = eye(n, dtype: float64);
        var laplacian = identity - Normalized(graph, selfLoops: false).to_dense().to(float64);
        var lambdaMax = linalg.eigvalsh(laplacian).max().ToDouble();
        var scaled = laplacian * (2 / lambdaMax) - identity;
        var terms = new List<Tensor> { identity, scaled };
        for (var i = 2; i <= k; i++) terms.Add(scaled.matmul(terms[i - 1]) * 2 - terms[i - 2]);
        return terms.Select(t => t.to(float32).to_sparse().coalesce().MoveToOuterDisposeScope()).ToArray();
    }

    private static Tensor Identity(int n)
    {
        var keys = Enumerable.Range(0, n).Select(i => (i, i)).ToArray();
        return Sparse(keys, Enumerable.Repeat(1f, n).ToArray(), n);
    }

    private static Tensor Sparse((int Row, int Column)[] keys, float[] values, int n)
    {
        var index = new long[2 * keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            index[i] = keys[i].Row;
            index[keys.Length + i] = keys[i].Column;
        }
        using var indices = tensor(index, [2, keys.Length]);
        using var v = tensor(values);
        return sparse_coo_tensor(indices, v, [n, n]).coalesce();
    }
}
