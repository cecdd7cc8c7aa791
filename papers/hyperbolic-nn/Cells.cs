namespace Papers.Hnn;

/// <summary>
/// One recurrent step h' = cell(h, x), with its backward pass. Backward recomputes the step from (h, x), adds the
/// parameter gradients into the cell's own <see cref="Parameter.Grad"/> buffers and the input gradients into gh and gx.
/// </summary>
public interface IRecurrentCell
{
    IReadOnlyList<Parameter> Parameters { get; }
    void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext);
    void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx);
}

/// <summary>The weights of one affine map W h + U x + b, or its Möbius version (W ⊗ h ⊕ U ⊗ x) ⊕ b (Eq. 29).</summary>
public sealed class Transform(string name, int n, Geometry biasGeometry, Random random)
{
    public Parameter W { get; } = new Parameter($"{name}.W", n, n, Geometry.Euclidean).Xavier(random);
    public Parameter U { get; } = new Parameter($"{name}.U", n, n, Geometry.Euclidean).Xavier(random);
    public Parameter B { get; } = new($"{name}.b", 1, n, biasGeometry);   // zeros, as the authors' constant_initializer(0.0)
    public Parameter[] All => [W, U, B];

    public void Euclidean(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> output)
    {
        Span<double> ux = stackalloc double[output.Length];
        Vec.MatVec(W.Value, h, output);
        Vec.MatVec(U.Value, x, ux);
        for (var i = 0; i < output.Length; i++) output[i] += ux[i] + B.Value[i];
    }

    public void EuclideanBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> gh, Span<double> gx)
    {
        Vec.MatVecBackward(W.Value, h, g, W.Grad, gh);
        Vec.MatVecBackward(U.Value, x, g, U.Grad, gx);
        Vec.Axpy(1, g, B.Grad);
    }

    /// <summary>Eq. 29 as the authors' one_rnn_transform: (W ⊗_c h ⊕_c U ⊗_c x) ⊕_c b.</summary>
    public void Mobius(PoincareBall ball, ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> output)
    {
        var n = output.Length;
        Span<double> wh = stackalloc double[n];
        Span<double> ux = stackalloc double[n];
        Span<double> s = stackalloc double[n];
        ball.MobiusMatVec(W.Value, h, wh);
        ball.MobiusMatVec(U.Value, x, ux);
        ball.MobiusAdd(wh, ux, s);
        ball.MobiusAdd(s, B.Value, output);
    }

    public void MobiusBackward(PoincareBall ball, ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> gh, Span<double> gx)
    {
        var n = g.Length;
        Span<double> wh = stackalloc double[n];
        Span<double> ux = stackalloc double[n];
        Span<double> s = stackalloc double[n];
        Span<double> gs = stackalloc double[n];
        Span<double> gwh = stackalloc double[n];
        Span<double> gux = stackalloc double[n];
        ball.MobiusMatVec(W.Value, h, wh);
        ball.MobiusMatVec(U.Value, x, ux);
        ball.MobiusAdd(wh, ux, s);
        ball.MobiusAddBackward(s, B.Value, g, gs, B.Grad);
        ball.MobiusAddBackward(wh, ux, gs, gwh, gux);
        ball.MobiusMatVecBackward(W.Value, h, gwh, W.Grad, gh);
        ball.MobiusMatVecBackward(U.Value, x, gux, U.Grad, gx);
    }
}

/// <summary>The authors' EuclRNN: h' = tanh(W h + U x + b) (rnn_impl.py uses tanh in its Euclidean cells).</summary>
public sealed class EuclideanRnn(string name, int n, Random random) : IRecurrentCell
{
    private readonly Transform _t = new(name, n, Geometry.Euclidean, random);
    public IReadOnlyList<Parameter> Parameters => _t.All;

    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext)
    {
        _t.Euclidean(h, x, hNext);
        for (var i = 0; i < hNext.Length; i++) hNext[i] = Math.Tanh(hNext[i]);
    }

    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx)
    {
        Span<double> a = stackalloc double[gNext.Length];
        _t.Euclidean(h, x, a);
        for (var i = 0; i < a.Length; i++) a[i] = gNext[i] * (1 - Math.Tanh(a[i]) * Math.Tanh(a[i]));
        _t.EuclideanBackward(h, x, a, gh, gx);
    }
}

/// <summary>Hyperbolic RNN, Eq. 29 with φ = id (the paper's PREFIX setting): h' = (W ⊗_c h ⊕_c U ⊗_c x) ⊕_c b.</summary>
public sealed class HyperbolicRnn(string name, int n, PoincareBall ball, Random random) : IRecurrentCell
{
    private readonly Transform _t = new(name, n, Geometry.Hyperbolic, random);
    public IReadOnlyList<Parameter> Parameters => _t.All;
    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext) => _t.Mobius(ball, h, x, hNext);
    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx) =>
        _t.MobiusBackward(ball, h, x, gNext, gh, gx);
}

/// <summary>The authors' EuclGRU: z, r = σ(W h + U x + b); h̃ = tanh(W (r ⊙ h) + U x + b); h' = (1 − z) ⊙ h + z ⊙ h̃.</summary>
public sealed class EuclideanGru(string name, int n, Random random) : IRecurrentCell
{
    private readonly Transform _z = new($"{name}.z", n, Geometry.Euclidean, random);
    private readonly Transform _r = new($"{name}.r", n, Geometry.Euclidean, random);
    private readonly Transform _h = new($"{name}.h", n, Geometry.Euclidean, random);
    public IReadOnlyList<Parameter> Parameters => [.. _z.All, .. _r.All, .. _h.All];

    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext)
    {
        var n = h.Length;
        Span<double> z = stackalloc double[n];
        Span<double> r = stackalloc double[n];
        Span<double> rh = stackalloc double[n];
        Span<double> ht = stackalloc double[n];
        Forward(h, x, z, r, rh, ht);
        for (var i = 0; i < n; i++) hNext[i] = (1 - z[i]) * h[i] + z[i] * ht[i];
    }

    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx)
    {
        var n = h.Length;
        Span<double> z = stackalloc double[n];
        Span<double> r = stackalloc double[n];
        Span<double> rh = stackalloc double[n];
        Span<double> ht = stackalloc double[n];
        Span<double> ga = stackalloc double[n];
        Span<double> grh = stackalloc double[n];
        Forward(h, x, z, r, rh, ht);
        for (var i = 0; i < n; i++)
        {
            gh[i] += gNext[i] * (1 - z[i]);
            ga[i] = gNext[i] * z[i] * (1 - ht[i] * ht[i]);
        }
        _h.EuclideanBackward(rh, x, ga, grh, gx);
        for (var i = 0; i < n; i++)
        {
            gh[i] += grh[i] * r[i];
            ga[i] = grh[i] * h[i] * r[i] * (1 - r[i]);
        }
        _r.EuclideanBackward(h, x, ga, gh, gx);
        for (var i = 0; i < n; i++) ga[i] = gNext[i] * (ht[i] - h[i]) * z[i] * (1 - z[i]);
        _z.EuclideanBackward(h, x, ga, gh, gx);
    }

    private void Forward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> z, Span<double> r, Span<double> rh, Span<double> ht)
    {
        _z.Euclidean(h, x, z);
        _r.Euclidean(h, x, r);
        for (var i = 0; i < h.Length; i++)
        {
            z[i] = Vec.Sigmoid(z[i]);
            r[i] = Vec.Sigmoid(r[i]);
            rh[i] = r[i] * h[i];
        }
        _h.Euclidean(rh, x, ht);
        for (var i = 0; i < h.Length; i++) ht[i] = Math.Tanh(ht[i]);
    }
}

/// <summary>
/// Hyperbolic GRU, Eq. 31-33 of arXiv:1805.09112v2 with φ = id, as the authors' HypGRU computes it:
/// z = σ(log₀((W^z ⊗ h ⊕ U^z ⊗ x) ⊕ b^z)), r likewise; h̃ = (W ⊗ (diag(r) ⊗ h) ⊕ U ⊗ x) ⊕ b;
/// h' = h ⊕ diag(z) ⊗ (−h ⊕ h̃).
/// </summary>
public sealed class HyperbolicGru(string name, int n, PoincareBall ball, Random random) : IRecurrentCell
{
    private readonly Transform _z = new($"{name}.z", n, Geometry.Hyperbolic, random);
    private readonly Transform _r = new($"{name}.r", n, Geometry.Hyperbolic, random);
    private readonly Transform _h = new($"{name}.h", n, Geometry.Hyperbolic, random);
    public IReadOnlyList<Parameter> Parameters => [.. _z.All, .. _r.All, .. _h.All];

    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext)
    {
        var n = h.Length;
        Span<double> z = stackalloc double[n];
        Span<double> r = stackalloc double[n];
        Span<double> rh = stackalloc double[n];
        Span<double> ht = stackalloc double[n];
        Span<double> minusH = stackalloc double[n];
        Span<double> mh = stackalloc double[n];
        Span<double> zm = stackalloc double[n];
        Forward(h, x, z, r, rh, ht, minusH, mh);
        ball.MobiusPointwise(z, mh, zm);
        ball.MobiusAdd(h, zm, hNext);
    }

    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx)
    {
        var n = h.Length;
        Span<double> z = stackalloc double[n];
        Span<double> r = stackalloc double[n];
        Span<double> rh = stackalloc double[n];
        Span<double> ht = stackalloc double[n];
        Span<double> minusH = stackalloc double[n];
        Span<double> mh = stackalloc double[n];
        Span<double> zm = stackalloc double[n];
        Span<double> gzm = stackalloc double[n];
        Span<double> gz = stackalloc double[n];
        Span<double> gmh = stackalloc double[n];
        Span<double> gMinusH = stackalloc double[n];
        Span<double> ght = stackalloc double[n];
        Span<double> grh = stackalloc double[n];
        Span<double> gr = stackalloc double[n];
        Forward(h, x, z, r, rh, ht, minusH, mh);
        ball.MobiusPointwise(z, mh, zm);
        ball.MobiusAddBackward(h, zm, gNext, gh, gzm);
        ball.MobiusPointwiseBackward(z, mh, gzm, gz, gmh);
        ball.MobiusAddBackward(minusH, ht, gmh, gMinusH, ght);
        Vec.Axpy(-1, gMinusH, gh);
        _h.MobiusBackward(ball, rh, x, ght, grh, gx);
        ball.MobiusPointwiseBackward(r, h, grh, gr, gh);
        GateBackward(_r, h, x, r, gr, gh, gx);
        GateBackward(_z, h, x, z, gz, gh, gx);
    }

    private void Forward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> z, Span<double> r, Span<double> rh, Span<double> ht,
        Span<double> minusH, Span<double> mh)
    {
        Gate(_z, h, x, z);
        Gate(_r, h, x, r);
        ball.MobiusPointwise(r, h, rh);
        _h.Mobius(ball, rh, x, ht);
        for (var i = 0; i < h.Length; i++) minusH[i] = -h[i];
        ball.MobiusAdd(minusH, ht, mh);
    }

    /// <summary>A gate σ(log₀(transform(h, x))): hyperbolic in, Euclidean out (the authors' tf_hyp_non_lin with hyp_output=False).</summary>
    private void Gate(Transform t, ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> gate)
    {
        Span<double> s = stackalloc double[gate.Length];
        t.Mobius(ball, h, x, s);
        ball.LogZero(s, gate);
        for (var i = 0; i < gate.Length; i++) gate[i] = Vec.Sigmoid(gate[i]);
    }

    private void GateBackward(Transform t, ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> gate, ReadOnlySpan<double> gGate,
        Span<double> gh, Span<double> gx)
    {
        var n = gate.Length;
        Span<double> s = stackalloc double[n];
        Span<double> gLog = stackalloc double[n];
        Span<double> gs = stackalloc double[n];
        t.Mobius(ball, h, x, s);
        for (var i = 0; i < n; i++) gLog[i] = gGate[i] * gate[i] * (1 - gate[i]);
        ball.LogZeroBackward(s, gLog, gs);
        t.MobiusBackward(ball, h, x, gs, gh, gx);
    }
}
