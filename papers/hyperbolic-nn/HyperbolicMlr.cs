namespace Papers.Hnn;

/// <summary>
/// Multinomial logistic regression (§3.1). Hyperbolic: the signed distance to the Möbius gyroplane through p_k with
/// normal a_k (Theorem 5, Eq. 25), in the authors' form: logit_k(x) = (2/√c) ‖a_k‖ asinh(√c ⟨−p_k ⊕_c x, a_k/‖a_k‖⟩ λ(−p_k ⊕_c x)).
/// Euclidean: logit_k(x) = ⟨x − p_k, a_k⟩, the same hyperplane form at c → 0 up to the factor 4 of Eq. 22.
/// </summary>
public static class HyperbolicMlr
{
    public static double Logit(PoincareBall ball, ReadOnlySpan<double> p, ReadOnlySpan<double> a, ReadOnlySpan<double> x)
    {
        Span<double> w = stackalloc double[x.Length];
        ball.MinusAdd(p, x, w);
        var aNorm = Math.Max(Vec.Norm(a), PoincareBall.NormFloor);
        var q = ball.SqrtC * Vec.Dot(w, a) / aNorm * ball.Lambda(w);
        return 2 / ball.SqrtC * aNorm * Math.Asinh(q);
    }

    /// <summary>Adds the gradients of g·logit into gp, ga and gx.</summary>
    public static void LogitBackward(PoincareBall ball, ReadOnlySpan<double> p, ReadOnlySpan<double> a, ReadOnlySpan<double> x, double g,
        Span<double> gp, Span<double> ga, Span<double> gx)
    {
        var n = x.Length;
        Span<double> minusP = stackalloc double[n];
        Span<double> w = stackalloc double[n];
        Span<double> gw = stackalloc double[n];
        Span<double> gMinusP = stackalloc double[n];
        for (var i = 0; i < n; i++) minusP[i] = -p[i];
        ball.MobiusAdd(minusP, x, w);
        var aNorm = Math.Max(Vec.Norm(a), PoincareBall.NormFloor);
        var wa = Vec.Dot(w, a);
        var dot = wa / aNorm;
        var lambda = ball.Lambda(w);
        var q = ball.SqrtC * dot * lambda;
        var gaNorm = g * 2 / ball.SqrtC * Math.Asinh(q);
        var gq = g * 2 / ball.SqrtC * aNorm / Math.Sqrt(1 + q * q);
        var gDot = gq * ball.SqrtC * lambda;
        var gLambda = gq * ball.SqrtC * dot;
        for (var i = 0; i < n; i++)
        {
            gw[i] = gDot * a[i] / aNorm + gLambda * ball.C * lambda * lambda * w[i];
            ga[i] += gDot * (w[i] / aNorm - wa * a[i] / (aNorm * aNorm * aNorm)) + gaNorm * a[i] / aNorm;
        }
        ball.MobiusAddBackward(minusP, x, gw, gMinusP, gx);
        Vec.Axpy(-1, gMinusP, gp);
    }

    public static double EuclideanLogit(ReadOnlySpan<double> p, ReadOnlySpan<double> a, ReadOnlySpan<double> x) => Vec.Dot(x, a) - Vec.Dot(p, a);

    public static void EuclideanLogitBackward(ReadOnlySpan<double> p, ReadOnlySpan<double> a, ReadOnlySpan<double> x, double g,
        Span<double> gp, Span<double> ga, Span<double> gx)
    {
        for (var i = 0; i < x.Length; i++)
        {
            gp[i] -= g * a[i];
            ga[i] += g * (x[i] - p[i]);
            gx[i] += g * a[i];
        }
    }
}
