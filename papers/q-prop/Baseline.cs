using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>
/// V(s_t) ≈ wᵀφ(s, t): rllab's LinearFeatureBaseline, the value baseline of the authors' launcher. Features per
/// step: φ = [o, o², t/100, (t/100)², (t/100)³, 1] with o = clip(s, −10, 10); refitted after every batch by ridge
/// regression on the discounted returns, (ΦᵀΦ + λI) w = Φᵀ R, λ = 1e-5 (×10 until the solution is finite).
/// A module so that the checkpoint carries w.
/// </summary>
public sealed class LinearFeatureBaseline : nn.Module
{
    private const double RidgeCoefficient = 1e-5;
    private readonly Tensor _weights;

    public LinearFeatureBaseline(int observationSize) : base(nameof(LinearFeatureBaseline))
    {
        Features = 2 * observationSize + 4;
        _weights = zeros([Features], ScalarType.Float64);                          // unfitted: V ≡ 0, as rllab's None
        register_buffer("weights", _weights);
    }

    public int Features { get; }

    /// <summary>V(s_t) for every step of one path.</summary>
    public double[] Predict(Trajectory path)
    {
        var w = _weights.data<double>();
        var values = new double[path.Length];
        var phi = new double[Features];
        for (var t = 0; t < path.Length; t++)
        {
            Featurize(path, t, phi);
            for (var j = 0; j < Features; j++) values[t] += w[j] * phi[j];
        }
        return values;
    }

    /// <summary>Ridge regression of the paths' discounted returns on their features.</summary>
    public void Fit(IReadOnlyList<Trajectory> paths, IReadOnlyList<double[]> returns)
    {
        var n = Features;
        var gram = new double[n * n];
        var rhs = new double[n];
        var phi = new double[n];
        for (var p = 0; p < paths.Count; p++)
        {
            for (var t = 0; t < paths[p].Length; t++)
            {
                Featurize(paths[p], t, phi);
                for (var i = 0; i < n; i++)
                {
                    rhs[i] += phi[i] * returns[p][t];
                    for (var j = 0; j < n; j++) gram[i * n + j] += phi[i] * phi[j];
                }
            }
        }
        var ridge = RidgeCoefficient;
        for (var attempt = 0; attempt < 5; attempt++, ridge *= 10)
        {
            var solution = Cholesky.Solve(gram, rhs, n, ridge);
            if (solution is null || !solution.All(double.IsFinite)) continue;
            using var fitted = tensor(solution);
            _weights.copy_(fitted);
            return;
        }
    }

    private void Featurize(Trajectory path, int t, double[] phi)
    {
        var s = path.ObservationSize;
        var o = path.Observations.AsSpan(t * s, s);
        for (var i = 0; i < s; i++)
        {
            var clipped = Math.Clamp(o[i], -10, 10);
            phi[i] = clipped;
            phi[s + i] = clipped * clipped;
        }
        var time = t / 100.0;
        phi[2 * s] = time;
        phi[2 * s + 1] = time * time;
        phi[2 * s + 2] = time * time * time;
        phi[2 * s + 3] = 1;
    }
}

/// <summary>Solves (A + λI) x = b for symmetric positive semi-definite A by Cholesky; null when not positive definite.</summary>
public static class Cholesky
{
    public static double[]? Solve(double[] a, double[] b, int n, double ridge)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i * n + j] + (i == j ? ridge : 0);
                for (var k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
                if (i == j)
                {
                    if (!(sum > 0)) return null;
                    l[i * n + i] = Math.Sqrt(sum);
                }
                else l[i * n + j] = sum / l[j * n + j];
            }
        }
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i * n + k] * y[k];
            y[i] = sum / l[i * n + i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
            x[i] = sum / l[i * n + i];
        }
        return x;
    }
}
