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

    /// <summary>One epoch over the edges in a random order; returns the mean loss.</summary>
    public double Epoch((int Child, int Ancestor)[] edges, HashSet<long> linked, int negatives, double learningRate, Random random)
    {
        var order = Enumerable.Range(0, edges.Length).ToArray();
        random.Shuffle(order);
        var d = Dimension;
        var targets = new int[negatives + 1];
        var distances = new double[negatives + 1];
        var gu = new double[d];
        var gv = new double[(negatives + 1) * d];
        var total = 0.0;
        foreach (var e in order)
        {
            var (u, v) = edges[e];
            targets[0] = v;
            for (var k = 1; k <= negatives; k++)
            {
                int candidate;
                do candidate = random.Next(Nodes);
                while (candidate == u || linked.Contains(Key(u, candidate)));
                targets[k] = candidate;
            }
            var pu = Point(u);
            var max = double.NegativeInfinity;
            for (var k = 0; k <= negatives; k++) max = Math.Max(max, -(distances[k] = Distance(pu, Point(targets[k]))));
            var z = 0.0;
            for (var k = 0; k <= negatives; k++) z += Math.Exp(-distances[k] - max);
            total += distances[0] + max + Math.Log(z);
            Array.Clear(gu);
            for (var k = 0; k <= negatives; k++)
            {
                // ∂L/∂d_k = [k = 0] − softmax_k(−d)
                var g = (k == 0 ? 1 : 0) - Math.Exp(-distances[k] - max) / z;
                DistanceGradient(pu, Point(targets[k]), g, gu, gv.AsSpan(k * d, d));
            }
            for (var k = 0; k <= negatives; k++) Update(targets[k], gv.AsSpan(k * d, d), learningRate);
            Update(u, gu, learningRate);
        }
        return total / edges.Length;
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

    private void Update(int node, ReadOnlySpan<double> g, double learningRate)
    {
        var p = Points.AsSpan(node * Dimension, Dimension);
        var scale = (1 - Vec.Dot(p, p));
        scale = learningRate * scale * scale / 4;
        for (var i = 0; i < p.Length; i++) p[i] -= scale * g[i];
        var norm = Vec.Norm(p);
        if (norm > MaxNorm) for (var i = 0; i < p.Length; i++) p[i] *= MaxNorm / norm;
    }

    public static long Key(int u, int v) => (long)u << 32 | (uint)v;
}
