namespace Papers.Hnn;

/// <summary>
/// Poincaré embeddings of a transitive closure (Nickel &amp; Kiela 2017, §3-4): for each edge (u, v), the loss
/// −log(e^{−d(u,v)} / Σ_{v' ∈ {v} ∪ N(u)} e^{−d(u,v')}) over <c>negatives</c> nodes v' not linked to u, minimised by Riemannian
/// SGD θ ← proj(θ − η (1 − ‖θ‖²)²/4 ∇_E) with the closed-form Euclidean gradient of their Eq. 4. Curvature 1.
/// </summary>
public sealed class PoincareEmbedding
{
    /// <summary>Points stay at norm ≤ 1 − 1e-5, the same clip as the MLR's ball.</summary>
    private const double MaxNorm = 1 - PoincareBall.ProjectionEpsilonFloat64;

    public int Dimension { get; }
    public double[] Points { get; }
    public int Nodes { get; }

    public PoincareEmbedding(int nodes, int dimension, Random random)
    {
        (Nodes, Dimension) = (nodes, dimension);
        Points = new double[nodes * dimension];
        for (var i = 0; i < Points.Length; i++) Points[i] = (2 * random.NextDouble() - 1) * 1e-3;   // U(−0.001, 0.001), §4
    }

    public ReadOnlySpan<double> Point(int node) => Points.AsSpan(node * Dimension, Dimension);

    /// <summary>d(u, v) = arcosh(1 + 2‖u − v‖²/((1 − ‖u‖²)(1 − ‖v‖²))), Eq. 1.</summary>
    public static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var (alpha, beta) = (1 - Vec.Dot(u, u), 1 - Vec.Dot(v, v));
        var diff = 0.0;
        for (var i = 0; i < u.Length; i++) diff += (u[i] - v[i]) * (u[i] - v[i]);
        return Acosh(1 + 2 * diff / (alpha * beta));
    }

    private static double Acosh(double x) => Math.Log(x + Math.Sqrt(Math.Max(x * x - 1, 0)));

    /// <summary>
    /// One epoch over the edges in an order <paramref name="random"/> shuffles, one RSGD update per edge (the edge's
    /// two nodes and its negatives); returns the mean loss. Negatives are drawn uniformly from the nodes other than u
    /// that <paramref name="linked"/> does not link to u.
    /// </summary>
    public double Epoch(ReadOnlySpan<(int Child, int Ancestor)> edges, Neighbours linked, int negatives, double learningRate, Random random)
    {
        ArgumentNullException.ThrowIfNull(linked);
        if (linked.Nodes != Nodes) throw new ArgumentException($"the closure has {linked.Nodes} nodes, the embedding {Nodes}", nameof(linked));
        var order = Enumerable.Range(0, edges.Length).ToArray();
        random.Shuffle(order);
        var buffers = new EdgeBuffers(Dimension, negatives);
        var total = 0.0;
        foreach (var e in order) total += Update(edges[e].Child, edges[e].Ancestor, linked, buffers, learningRate, random);
        return total / edges.Length;
    }

    /// <summary>Scratch space of one edge's update, allocated once per epoch.</summary>
    private sealed class EdgeBuffers(int dimension, int negatives)
    {
        public readonly int[] Targets = new int[negatives + 1];
        public readonly double[] Distances = new double[negatives + 1];
        public readonly double[] Weights = new double[negatives + 1];
        public readonly double[] Gu = new double[dimension];
        public readonly double[] Gv = new double[(negatives + 1) * dimension];
    }

    /// <summary>The loss of edge (u, v) against fresh negatives, and one RSGD step on every point it touches.</summary>
    private double Update(int u, int v, Neighbours linked, EdgeBuffers b, double learningRate, Random random)
    {
        var (d, count) = (Dimension, b.Targets.Length);
        b.Targets[0] = v;
        for (var k = 1; k < count; k++)
        {
            int candidate;
            do candidate = random.Next(Nodes);
            while (candidate == u || linked.Linked(u, candidate));
            b.Targets[k] = candidate;
        }
        var pu = Point(u);
        var max = double.NegativeInfinity;
        for (var k = 0; k < count; k++) max = Math.Max(max, -(b.Distances[k] = Distance(pu, Point(b.Targets[k]))));
        var z = 0.0;
        for (var k = 0; k < count; k++) z += b.Weights[k] = Math.Exp(-b.Distances[k] - max);
        Array.Clear(b.Gu);
        for (var k = 0; k < count; k++)
        {
            // ∂L/∂d_k = [k = 0] − softmax_k(−d)
            var g = (k == 0 ? 1 : 0) - b.Weights[k] / z;
            DistanceGradient(pu, Point(b.Targets[k]), g, b.Gu, b.Gv.AsSpan(k * d, d));
        }
        for (var k = 0; k < count; k++) Step(b.Targets[k], b.Gv.AsSpan(k * d, d), learningRate);
        Step(u, b.Gu, learningRate);
        return b.Distances[0] + max + Math.Log(z);
    }

    /// <summary>Eq. 4: ∂d/∂u = 4/(β√(γ² − 1)) ((‖v‖² − 2⟨u,v⟩ + 1)/α² u − v/α), and ∂d/∂v by symmetry; gu += g ∂d/∂u, gv = g ∂d/∂v.</summary>
    public static void DistanceGradient(ReadOnlySpan<double> u, ReadOnlySpan<double> v, double g, Span<double> gu, Span<double> gv)
    {
        var (uu, vv, uv) = (Vec.Dot(u, u), Vec.Dot(v, v), Vec.Dot(u, v));
        var (alpha, beta) = (1 - uu, 1 - vv);
        var gamma = 1 + 2 * (uu - 2 * uv + vv) / (alpha * beta);
        var root = Math.Sqrt(Math.Max(gamma * gamma - 1, 1e-30));
        var (cu, cv) = (4 / (beta * root), 4 / (alpha * root));
        for (var i = 0; i < u.Length; i++)
        {
            gu[i] += g * cu * ((vv - 2 * uv + 1) / (alpha * alpha) * u[i] - v[i] / alpha);
            gv[i] = g * cv * ((uu - 2 * uv + 1) / (beta * beta) * v[i] - u[i] / beta);
        }
    }

    private void Step(int node, ReadOnlySpan<double> g, double learningRate)
    {
        var p = Points.AsSpan(node * Dimension, Dimension);
        var scale = (1 - Vec.Dot(p, p));
        scale = learningRate * scale * scale / 4;
        for (var i = 0; i < p.Length; i++) p[i] -= scale * g[i];
        var norm = Vec.Norm(p);
        if (norm > MaxNorm) for (var i = 0; i < p.Length; i++) p[i] *= MaxNorm / norm;
    }
}

/// <summary>
/// A symmetric relation over nodes 0..n−1 as sorted neighbour lists (compressed rows): <see cref="Linked"/> is a
/// binary search in u's list, which keeps the negative sampling of a 743,086-edge closure out of a hash table's cache
/// misses.
/// </summary>
public sealed class Neighbours
{
    private readonly int[] _start;
    private readonly int[] _neighbours;

    public int Nodes { get; }

    /// <summary>Links u and v both ways for every pair.</summary>
    public Neighbours(int nodes, IReadOnlyCollection<(int U, int V)> pairs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        Nodes = nodes;
        _start = new int[nodes + 1];
        foreach (var (u, v) in pairs)
        {
            if ((uint)u >= (uint)nodes || (uint)v >= (uint)nodes)
                throw new ArgumentOutOfRangeException(nameof(pairs), $"pair ({u}, {v}) names a node outside 0..{nodes - 1}");
            _start[u + 1]++;
            _start[v + 1]++;
        }
        for (var i = 0; i < nodes; i++) _start[i + 1] += _start[i];
        _neighbours = new int[_start[nodes]];
        var next = _start[..nodes];
        foreach (var (u, v) in pairs)
        {
            _neighbours[next[u]++] = v;
            _neighbours[next[v]++] = u;
        }
        for (var i = 0; i < nodes; i++) Array.Sort(_neighbours, _start[i], _start[i + 1] - _start[i]);
    }

    public bool Linked(int u, int v) => Array.BinarySearch(_neighbours, _start[u], _start[u + 1] - _start[u], v) >= 0;
}
