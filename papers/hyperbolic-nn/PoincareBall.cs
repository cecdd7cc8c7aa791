namespace Papers.Hnn;

/// <summary>
/// The Poincaré ball 𝔻ⁿ_c = {x : c‖x‖² &lt; 1} and its gyrovector operations (§2 and §3 of Ganea, Bécigneul and
/// Hofmann 2018, arXiv:1805.09112v2), each with its vector-Jacobian product. Forward passes write their result into
/// <c>output</c>; backward passes recompute what they need from the same inputs (dimension 5 makes that cheaper than
/// storing it) and add the input gradients into the spans given (an empty span skips that input). float64 throughout,
/// as in the authors' code (dalab/hyperbolic_nn, util.py).
/// </summary>
public readonly struct PoincareBall
{
    /// <summary>Results are clipped back to norm (1 − ε)/√c: the authors' PROJ_EPS (--proj_eps 1e-5) for float64.</summary>
    public const double ProjectionEpsilonFloat64 = 1e-5;

    /// <summary>Norms are floored here before dividing by them; the authors perturb by the same EPS = 1e-15 instead.</summary>
    public const double NormFloor = 1e-15;

    /// <summary>artanh's argument is capped at 1 − 1e-15 (the authors' tf_atanh), so points on the boundary stay finite.</summary>
    public const double AtanhCap = 1 - 1e-15;

    /// <summary>tanh's argument is clipped to ±15 (the authors' MAX_TANH_ARG); beyond it tanh is 1 in float64 anyway.</summary>
    public const double MaxTanhArgument = 15;

    public double C { get; }
    public double SqrtC { get; }

    /// <summary>The largest norm a point keeps after projection: (1 − ε)/√c.</summary>
    public double MaxNorm { get; }

    private PoincareBall(double c)
    {
        if (!(c > 0) || double.IsInfinity(c)) throw new ArgumentOutOfRangeException(nameof(c), c, "curvature c must be positive and finite");
        C = c;
        SqrtC = Math.Sqrt(c);
        MaxNorm = (1 - ProjectionEpsilonFloat64) / SqrtC;
    }

    public static PoincareBall WithCurvature(double c) => new(c);

    // ---- scalar functions with the authors' clipping, and their derivatives ----
    private static double Tanh(double x) => Math.Tanh(Math.Clamp(x, -MaxTanhArgument, MaxTanhArgument));
    private static double TanhGrad(double x) => Math.Abs(x) > MaxTanhArgument ? 0 : 1 - Math.Tanh(x) * Math.Tanh(x);
    private static double Atanh(double x) => Math.Atanh(Math.Min(x, AtanhCap));
    private static double AtanhGrad(double x) => x > AtanhCap ? 0 : 1 / (1 - x * x);

    /// <summary>Conformal factor λ_x = 2 / (1 − c‖x‖²) (§2).</summary>
    public double Lambda(ReadOnlySpan<double> x) => 2 / (1 - C * Vec.Dot(x, x));

    /// <summary>Clip x to norm (1 − ε)/√c in place (the authors' tf_project_hyp_vecs).</summary>
    public void Project(Span<double> x)
    {
        var n = Vec.Norm(x);
        if (n <= MaxNorm) return;
        var s = MaxNorm / n;
        for (var i = 0; i < x.Length; i++) x[i] *= s;
    }

    /// <summary>The gradient through <see cref="Project"/> at the unprojected point, in place.</summary>
    private void ProjectBackward(ReadOnlySpan<double> pre, Span<double> g)
    {
        var n = Vec.Norm(pre);
        if (n <= MaxNorm) return;
        var radial = Vec.Dot(g, pre) / (n * n);
        var s = MaxNorm / n;
        for (var i = 0; i < g.Length; i++) g[i] = s * (g[i] - radial * pre[i]);
    }

    // ---- Möbius addition, Eq. 3: x ⊕_c y = ((1 + 2c⟨x,y⟩ + c‖y‖²) x + (1 − c‖x‖²) y) / (1 + 2c⟨x,y⟩ + c²‖x‖²‖y‖²) ----
    public void MobiusAdd(ReadOnlySpan<double> u, ReadOnlySpan<double> v, Span<double> output)
    {
        var (a, b, d) = AddCoefficients(u, v);
        for (var i = 0; i < u.Length; i++) output[i] = (a * u[i] + b * v[i]) / d;
        Project(output);
    }

    public void MobiusAddBackward(ReadOnlySpan<double> u, ReadOnlySpan<double> v, ReadOnlySpan<double> g, Span<double> gu, Span<double> gv)
    {
        var n = u.Length;
        var (a, b, d) = AddCoefficients(u, v);
        Span<double> pre = stackalloc double[n];
        Span<double> gp = stackalloc double[n];
        for (var i = 0; i < n; i++) pre[i] = (a * u[i] + b * v[i]) / d;
        g.CopyTo(gp);
        ProjectBackward(pre, gp);
        var (uu, vv, c) = (Vec.Dot(u, u), Vec.Dot(v, v), C);
        var ga = Vec.Dot(gp, u) / d;
        var gb = Vec.Dot(gp, v) / d;
        var gd = -Vec.Dot(gp, pre) / d;
        for (var i = 0; i < n; i++)
        {
            if (!gu.IsEmpty) gu[i] += a / d * gp[i] + ga * 2 * c * v[i] - gb * 2 * c * u[i] + gd * (2 * c * v[i] + 2 * c * c * vv * u[i]);
            if (!gv.IsEmpty) gv[i] += b / d * gp[i] + ga * (2 * c * u[i] + 2 * c * v[i]) + gd * (2 * c * u[i] + 2 * c * c * uu * v[i]);
        }
    }

    private (double A, double B, double D) AddCoefficients(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var (uv, uu, vv, c) = (Vec.Dot(u, v), Vec.Dot(u, u), Vec.Dot(v, v), C);
        return (1 + 2 * c * uv + c * vv, 1 - c * uu, 1 + 2 * c * uv + c * c * uu * vv);
    }

    // ---- Möbius matrix-vector multiplication, Eq. 27: M ⊗_c x = (1/√c) tanh(‖Mx‖/‖x‖ artanh(√c‖x‖)) Mx/‖Mx‖ ----
    /// <summary>M ⊗_c x for M stored row-major as [output.Length, x.Length].</summary>
    public void MobiusMatVec(ReadOnlySpan<double> m, ReadOnlySpan<double> x, Span<double> output)
    {
        Span<double> mx = stackalloc double[output.Length];
        Vec.MatVec(m, x, mx);
        MobiusLinear(x, mx, output);
    }

    public void MobiusMatVecBackward(ReadOnlySpan<double> m, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> gm, Span<double> gx)
    {
        Span<double> mx = stackalloc double[g.Length];
        Span<double> gmx = stackalloc double[g.Length];
        Vec.MatVec(m, x, mx);
        MobiusLinearBackward(x, mx, g, gmx, gx);
        Vec.MatVecBackward(m, x, gmx, gm, gx);
    }

    /// <summary>diag(u) ⊗_c x: Möbius multiplication by a diagonal matrix (the GRU's gates, Eq. 31-33).</summary>
    public void MobiusPointwise(ReadOnlySpan<double> u, ReadOnlySpan<double> x, Span<double> output)
    {
        Span<double> ux = stackalloc double[x.Length];
        for (var i = 0; i < x.Length; i++) ux[i] = u[i] * x[i];
        MobiusLinear(x, ux, output);
    }

    public void MobiusPointwiseBackward(ReadOnlySpan<double> u, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> gu, Span<double> gx)
    {
        Span<double> ux = stackalloc double[x.Length];
        for (var i = 0; i < x.Length; i++) ux[i] = u[i] * x[i];
        MobiusPointwiseBackward(LinearFactor(Vec.Norm(x), Vec.Norm(ux)), u, x, ux, g, gu, gx);
    }

    /// <summary>The backward pass of diag(u) ⊗_c x from its forward's <paramref name="f"/> and ux = u ⊙ x (see <see cref="MobiusLinear"/>).</summary>
    public void MobiusPointwiseBackward(in LinearFactors f, ReadOnlySpan<double> u, ReadOnlySpan<double> x, ReadOnlySpan<double> ux, ReadOnlySpan<double> g,
        Span<double> gu, Span<double> gx)
    {
        var n = x.Length;
        Span<double> gux = stackalloc double[n];
        MobiusLinearBackward(f, x, ux, g, gux, gx);
        for (var i = 0; i < n; i++)
        {
            if (!gu.IsEmpty) gu[i] += gux[i] * x[i];
            if (!gx.IsEmpty) gx[i] += gux[i] * u[i];
        }
    }

    /// <summary>
    /// The common part of Eq. 27 given x and its Euclidean image mx (Mx, or u ⊙ x): k·mx with k = tanh(s)/(√c‖mx‖),
    /// s = ‖mx‖/‖x‖ artanh(√c‖x‖). Returns what the backward pass needs, so a caller that keeps x and mx need not recompute them.
    /// </summary>
    public LinearFactors MobiusLinear(ReadOnlySpan<double> x, ReadOnlySpan<double> mx, Span<double> output)
    {
        var f = LinearFactor(Vec.Norm(x), Vec.Norm(mx));
        for (var i = 0; i < mx.Length; i++) output[i] = f.K * mx[i];
        Project(output);
        return f;
    }

    /// <summary>Writes (not adds) the gradient of mx into gmx, and adds x's into gx.</summary>
    private void MobiusLinearBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> mx, ReadOnlySpan<double> g, Span<double> gmx, Span<double> gx) =>
        MobiusLinearBackward(LinearFactor(Vec.Norm(x), Vec.Norm(mx)), x, mx, g, gmx, gx);

    /// <summary>The backward pass of <see cref="MobiusLinear"/> from its factors: writes (not adds) the gradient of mx into gmx, adds x's into gx.</summary>
    public void MobiusLinearBackward(in LinearFactors f, ReadOnlySpan<double> x, ReadOnlySpan<double> mx, ReadOnlySpan<double> g, Span<double> gmx, Span<double> gx)
    {
        g.CopyTo(gmx);
        // the projection is the identity below MaxNorm; k‖mx‖ is the output's norm up to rounding, so only near the boundary is it recomputed exactly
        if (f.K * f.MNorm > MaxNorm * (1 - 1e-12))
        {
            Span<double> pre = stackalloc double[mx.Length];
            for (var i = 0; i < mx.Length; i++) pre[i] = f.K * mx[i];
            ProjectBackward(pre, gmx);
        }
        var gk = Vec.Dot(gmx, mx);
        for (var i = 0; i < mx.Length; i++) gmx[i] *= f.K;
        if (f.MNorm > NormFloor) Vec.Axpy(gk * f.DkDm / f.MNorm, mx, gmx);
        if (!gx.IsEmpty && f.XNorm > NormFloor) Vec.Axpy(gk * f.DkDx / f.XNorm, x, gx);
    }

    private LinearFactors LinearFactor(double xNorm, double mNorm)
    {
        var (xn, mn) = (Math.Max(xNorm, NormFloor), Math.Max(mNorm, NormFloor));
        var t = Atanh(SqrtC * xn);
        var s = mn / xn * t;
        var th = Tanh(s);
        var ths = Math.Abs(s) > MaxTanhArgument ? 0 : 1 - th * th;   // TanhGrad(s) without a second tanh
        var k = th / (SqrtC * mn);
        var dkdm = ths * (t / xn) / (SqrtC * mn) - th / (SqrtC * mn * mn);
        var dsdx = mn * (SqrtC * AtanhGrad(SqrtC * xn) / xn - t / (xn * xn));
        return new LinearFactors(xNorm, mNorm, k, dkdm, ths * dsdx / (SqrtC * mn));
    }

    // ---- exp and log maps at 0, Lemma 2: exp₀(v) = tanh(√c‖v‖) v/(√c‖v‖), log₀(y) = artanh(√c‖y‖) y/(√c‖y‖) ----
    public void ExpZero(ReadOnlySpan<double> v, Span<double> output)
    {
        var k = ExpZeroFactor(Vec.Norm(v)).K;
        for (var i = 0; i < v.Length; i++) output[i] = k * v[i];
        Project(output);
    }

    public void ExpZeroBackward(ReadOnlySpan<double> v, ReadOnlySpan<double> g, Span<double> gv)
    {
        var vNorm = Vec.Norm(v);
        var (k, dk) = ExpZeroFactor(vNorm);
        Span<double> pre = stackalloc double[v.Length];
        Span<double> gp = stackalloc double[v.Length];
        for (var i = 0; i < v.Length; i++) pre[i] = k * v[i];
        g.CopyTo(gp);
        ProjectBackward(pre, gp);
        RadialBackward(v, vNorm, k, dk, gp, gv);
    }

    private (double K, double Dk) ExpZeroFactor(double vNorm)
    {
        var n = Math.Max(vNorm, NormFloor);
        var th = Tanh(SqrtC * n);
        return (th / (SqrtC * n), TanhGrad(SqrtC * n) / n - th / (SqrtC * n * n));
    }

    public void LogZero(ReadOnlySpan<double> y, Span<double> output)
    {
        var k = LogZeroFactor(Vec.Norm(y)).K;
        for (var i = 0; i < y.Length; i++) output[i] = k * y[i];
    }

    public void LogZeroBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gy)
    {
        var yNorm = Vec.Norm(y);
        var (k, dk) = LogZeroFactor(yNorm);
        RadialBackward(y, yNorm, k, dk, g, gy);
    }

    private (double K, double Dk) LogZeroFactor(double yNorm)
    {
        var n = Math.Max(yNorm, NormFloor);
        var at = Atanh(SqrtC * n);
        return (at / (SqrtC * n), AtanhGrad(SqrtC * n) / n - at / (SqrtC * n * n));
    }

    /// <summary>The gradient of k(‖v‖)·v: k g + ⟨g, v⟩ k'(‖v‖) v/‖v‖, added into gv.</summary>
    private static void RadialBackward(ReadOnlySpan<double> v, double vNorm, double k, double dk, ReadOnlySpan<double> g, Span<double> gv)
    {
        Vec.Axpy(k, g, gv);
        if (vNorm > NormFloor) Vec.Axpy(Vec.Dot(g, v) * dk / vNorm, v, gv);
    }

    // ---- exp and log maps at x, Lemma 2 ----
    /// <summary>exp_x(v) = x ⊕_c (tanh(√c λ_x ‖v‖/2) v/(√c‖v‖)).</summary>
    public void ExpMap(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> output)
    {
        var n = Math.Max(Vec.Norm(v), NormFloor);
        var k = Tanh(SqrtC * Lambda(x) * n / 2) / (SqrtC * n);
        Span<double> step = stackalloc double[v.Length];
        for (var i = 0; i < v.Length; i++) step[i] = k * v[i];
        MobiusAdd(x, step, output);
    }

    /// <summary>log_x(y) = (2/(√c λ_x)) artanh(√c‖−x ⊕_c y‖) (−x ⊕_c y)/‖−x ⊕_c y‖.</summary>
    public void LogMap(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> output)
    {
        MinusAdd(x, y, output);
        var n = Math.Max(Vec.Norm(output), NormFloor);
        var k = 2 / (SqrtC * Lambda(x)) * Atanh(SqrtC * n) / n;
        for (var i = 0; i < x.Length; i++) output[i] *= k;
    }

    // ---- Möbius scalar multiplication, Eq. 4: r ⊗_c x = (1/√c) tanh(r artanh(√c‖x‖)) x/‖x‖ ----
    public void MobiusScalar(double r, ReadOnlySpan<double> x, Span<double> output)
    {
        var k = ScalarFactor(r, Vec.Norm(x)).K;
        for (var i = 0; i < x.Length; i++) output[i] = k * x[i];
        Project(output);
    }

    /// <summary>Returns the gradient of r; adds x's into gx.</summary>
    public double MobiusScalarBackward(double r, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> gx)
    {
        var xNorm = Vec.Norm(x);
        var (k, dkdr, dkdx) = ScalarFactor(r, xNorm);
        Span<double> pre = stackalloc double[x.Length];
        Span<double> gp = stackalloc double[x.Length];
        for (var i = 0; i < x.Length; i++) pre[i] = k * x[i];
        g.CopyTo(gp);
        ProjectBackward(pre, gp);
        var gk = Vec.Dot(gp, x);
        RadialBackward(x, xNorm, k, dkdx, gp, gx);
        return gk * dkdr;
    }

    private (double K, double DkDr, double DkDx) ScalarFactor(double r, double xNorm)
    {
        var n = Math.Max(xNorm, NormFloor);
        var t = Atanh(SqrtC * n);
        var th = Tanh(r * t);
        var ths = TanhGrad(r * t);
        var k = th / (SqrtC * n);
        return (k, ths * t / (SqrtC * n), ths * r * AtanhGrad(SqrtC * n) / n - th / (SqrtC * n * n));
    }

    // ---- distance, Eq. 8: d_c(x, y) = (2/√c) artanh(√c‖−x ⊕_c y‖) ----
    public double Distance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Span<double> w = stackalloc double[x.Length];
        MinusAdd(x, y, w);
        return 2 / SqrtC * Atanh(SqrtC * Math.Max(Vec.Norm(w), NormFloor));
    }

    /// <summary>d_c(x, y)², the feature the authors feed to the FFNN (tf_poinc_dist_sq).</summary>
    public double DistanceSquared(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var d = Distance(x, y);
        return d * d;
    }

    public void DistanceSquaredBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double g, Span<double> gx, Span<double> gy)
    {
        var n = x.Length;
        Span<double> minusX = stackalloc double[n];
        Span<double> w = stackalloc double[n];
        Span<double> gw = stackalloc double[n];
        Span<double> gMinusX = stackalloc double[n];
        for (var i = 0; i < n; i++) minusX[i] = -x[i];
        MobiusAdd(minusX, y, w);
        var wNorm = Vec.Norm(w);
        var wn = Math.Max(wNorm, NormFloor);
        var d = 2 / SqrtC * Atanh(SqrtC * wn);
        var gwn = 2 * d * g * 2 * AtanhGrad(SqrtC * wn);
        if (wNorm > NormFloor) Vec.Axpy(gwn / wNorm, w, gw);
        MobiusAddBackward(minusX, y, gw, gx.IsEmpty ? Span<double>.Empty : gMinusX, gy);
        if (!gx.IsEmpty) Vec.Axpy(-1, gMinusX, gx);
    }

    /// <summary>−x ⊕_c y, the gyro-difference used by the distance and the MLR.</summary>
    public void MinusAdd(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> output)
    {
        Span<double> minusX = stackalloc double[x.Length];
        for (var i = 0; i < x.Length; i++) minusX[i] = -x[i];
        MobiusAdd(minusX, y, output);
    }
}

/// <summary>
/// What the backward pass of a Möbius linear map (M ⊗_c x, diag(u) ⊗_c x) needs from its forward: ‖x‖, ‖mx‖, the factor k
/// of Eq. 27 and its derivatives in ‖mx‖ and ‖x‖. Stored in <see cref="Length"/> doubles of a recurrent cell's tape.
/// </summary>
public readonly record struct LinearFactors(double XNorm, double MNorm, double K, double DkDm, double DkDx)
{
    public const int Length = 5;

    public void Store(Span<double> s) => (s[0], s[1], s[2], s[3], s[4]) = (XNorm, MNorm, K, DkDm, DkDx);

    public static LinearFactors Load(ReadOnlySpan<double> s) => new(s[0], s[1], s[2], s[3], s[4]);
}
