using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>
/// The TRPO step (Schulman et al. 2015, Appendix C) as rllab's ConjugateGradientOptimizer takes it: the search
/// direction x ≈ H⁻¹g by conjugate gradient on Hessian-vector products of the mean KL (Pearlmutter's double
/// backward, plus 1e-5·v damping), the step √(2δ / xᵀHx)·x, then backtracking by 0.8 up to 15 times until the
/// loss decreases and KL ≤ δ; if no trial satisfies both, the parameters stay where they were.
/// </summary>
public static class TrustRegion
{
    public const int CgIterations = 10;
    public const double CgResidualTolerance = 1e-10;
    public const double HvpDamping = 1e-5;
    public const double BacktrackRatio = 0.8;
    public const int MaxBacktracks = 15;

    /// <summary>
    /// Solves A x = b for symmetric positive definite A given only v ↦ Av (rllab's krylov.cg; Nocedal &amp; Wright
    /// Algorithm 5.2), at most <paramref name="iterations"/> steps or until rᵀr &lt; tolerance.
    /// </summary>
    public static Tensor ConjugateGradient(Func<Tensor, Tensor> product, Tensor b, int iterations = CgIterations, double tolerance = CgResidualTolerance)
    {
        var p = b.clone();
        var r = b.clone();
        var x = zeros_like(b);
        var rr = r.dot(r).ToDouble();
        for (var i = 0; i < iterations; i++)
        {
            using var scope = NewDisposeScope();
            var z = product(p);
            var alpha = rr / p.dot(z).ToDouble();
            x.add_(p, alpha);
            r.sub_(z, alpha);
            var rrNew = r.dot(r).ToDouble();
            p.mul_(rrNew / rr).add_(r);
            rr = rrNew;
            if (rr < tolerance) break;
        }
        p.Dispose();
        r.Dispose();
        return x;
    }

    /// <summary>One constrained step on <paramref name="parameters"/>; returns (loss, KL) after it.</summary>
    public static (double Loss, double Kl) Step(IReadOnlyList<Tensor> parameters, Func<Tensor> loss, Func<Tensor> meanKl, double maxKl)
    {
        using var scope = NewDisposeScope();
        var lossBefore = loss();
        var g = Flat(autograd.grad([lossBefore], parameters));
        var kl = meanKl();
        var klGrad = Flat(autograd.grad([kl], parameters, create_graph: true));
        Tensor Hvp(Tensor v)
        {
            var hv = Flat(autograd.grad([klGrad.dot(v)], parameters, retain_graph: true));
            return hv.add_(v, HvpDamping);
        }
        var direction = ConjugateGradient(Hvp, g);
        var initial = Math.Sqrt(2 * maxKl / (direction.dot(Hvp(direction)).ToDouble() + 1e-8));
        if (double.IsNaN(initial)) initial = 1;
        var previous = Flat(parameters.Select(p => p.detach()).ToList());
        var before = lossBefore.ToDouble();
        var (lossAfter, klAfter) = (double.NaN, double.NaN);
        using var _ = no_grad();
        for (var n = 0; n < MaxBacktracks; n++)
        {
            SetFlat(parameters, previous - direction * (initial * Math.Pow(BacktrackRatio, n)));
            (lossAfter, klAfter) = (loss().ToDouble(), meanKl().ToDouble());
            if (lossAfter < before && klAfter <= maxKl) break;
        }
        if (double.IsNaN(lossAfter) || double.IsNaN(klAfter) || lossAfter >= before || klAfter >= maxKl)
        {
            SetFlat(parameters, previous);
            (lossAfter, klAfter) = (before, 0);
        }
        return (lossAfter, klAfter);
    }

    /// <summary>Parameters or gradients as one vector: [P]</summary>
    public static Tensor Flat(IReadOnlyList<Tensor?> tensors) => cat(tensors.Select(t => (t ?? throw new InvalidOperationException("a parameter the loss does not depend on")).reshape(-1)).ToList());

    public static void SetFlat(IReadOnlyList<Tensor> parameters, Tensor flat)
    {
        using var _ = no_grad();
        long offset = 0;
        foreach (var p in parameters)
        {
            var n = p.numel();
            using var slice = flat.narrow(0, offset, n).view(p.shape);
            p.copy_(slice);
            offset += n;
        }
    }
}
