namespace Papers.Hnn;

/// <summary>
/// hyp_rnn.py's update, per batch: every gradient clipped to norm 1 (tf.clip_by_norm over the whole variable), then
/// Euclidean parameters by Adam (lr 1e-3) and hyperbolic ones by Riemannian SGD (§4 and Eq. 15 of Nickel &amp; Kiela 2017):
/// x ← exp_x(−η (1 − c‖x‖²)²/4 ∇ₓL), η = 0.1 for the word rows a batch used and 0.01 for biases and MLR points.
/// </summary>
public sealed class Optimizers(IReadOnlyList<Parameter> parameters, double c, double adamLearningRate, double wordLearningRate, double hyperbolicLearningRate)
{
    public const double ClipNorm = 1.0;
    private const double Beta1 = 0.9, Beta2 = 0.999, AdamEpsilon = 1e-8;   // tf.train.AdamOptimizer defaults

    private readonly PoincareBall _ball = PoincareBall.WithCurvature(c);
    private readonly Dictionary<Parameter, (double[] M, double[] V)> _adam = parameters
        .Where(p => p.Geometry == Geometry.Euclidean).ToDictionary(p => p, p => (new double[p.Value.Length], new double[p.Value.Length]));
    private long _t;

    public void Step()
    {
        _t++;
        // TF's Adam: lr_t = lr √(1 − β₂ᵗ)/(1 − β₁ᵗ); θ ← θ − lr_t m/(√v + ε̂)
        var lrT = adamLearningRate * Math.Sqrt(1 - Math.Pow(Beta2, _t)) / (1 - Math.Pow(Beta1, _t));
        foreach (var p in parameters)
        {
            switch (p.Geometry)
            {
                case Geometry.Euclidean:
                    Clip(p.Grad);
                    var (m, v) = _adam[p];
                    for (var i = 0; i < p.Value.Length; i++)
                    {
                        m[i] = Beta1 * m[i] + (1 - Beta1) * p.Grad[i];
                        v[i] = Beta2 * v[i] + (1 - Beta2) * p.Grad[i] * p.Grad[i];
                        p.Value[i] -= lrT * m[i] / (Math.Sqrt(v[i]) + AdamEpsilon);
                    }
                    break;
                case Geometry.Hyperbolic:
                    Clip(p.Grad);
                    for (var r = 0; r < p.Rows; r++) Rsgd(p.Row(r), p.GradRow(r), hyperbolicLearningRate);
                    break;
                default:
                    // Only the rows the batch touched (the authors' unique indices); rows never used have zero gradient.
                    Clip(p.Grad);
                    for (var r = 0; r < p.Rows; r++)
                        if (p.GradRow(r).ContainsAnyExcept(0.0)) Rsgd(p.Row(r), p.GradRow(r), wordLearningRate);
                    break;
            }
            Array.Clear(p.Grad);
        }
    }

    private static void Clip(double[] g)
    {
        var norm = Vec.Norm(g);
        if (norm <= ClipNorm) return;
        for (var i = 0; i < g.Length; i++) g[i] *= ClipNorm / norm;
    }

    /// <summary>Riemannian SGD with the exponential map (the authors' --hyp_opt rsgd).</summary>
    private void Rsgd(Span<double> x, ReadOnlySpan<double> g, double learningRate)
    {
        var n = x.Length;
        var factor = (1 - _ball.C * Vec.Dot(x, x));
        factor = -learningRate * factor * factor / 4;   // riemannian_gradient_c: (1 − c‖x‖²)²/4
        Span<double> step = stackalloc double[n];
        Span<double> next = stackalloc double[n];
        for (var i = 0; i < n; i++) step[i] = factor * g[i];
        _ball.ExpMap(x, step, next);
        next.CopyTo(x);
    }
}
