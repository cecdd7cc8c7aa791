namespace Papers.Hnn;

/// <summary>
/// One recurrent step h' = cell(h, x), with its backward pass. Step writes into <c>tape</c> (<see cref="TapeLength"/> doubles)
/// what its backward pass needs besides (h, x); StepBackward reads it back from the same tape (and may use it as scratch), adds the parameter gradients
/// into the cell's own <see cref="Parameter.Grad"/> buffers and the input gradients into gh and gx. A cell with
/// TapeLength 0 recomputes its step instead.
/// </summary>
public interface IRecurrentCell
{
    IReadOnlyList<Parameter> Parameters { get; }
    int TapeLength { get; }
    void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext, Span<double> tape);
    void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> tape, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx);
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

    /// <summary>Doubles <see cref="Mobius"/> keeps in its tape: Wh, Ux, W ⊗ h, U ⊗ x, their sum, and the two products' factors.</summary>
    public static int MobiusTapeLength(int n) => 5 * n + 2 * LinearFactors.Length;

    /// <summary>Eq. 29 as the authors' one_rnn_transform: (W ⊗_c h ⊕_c U ⊗_c x) ⊕_c b, keeping its intermediates in <paramref name="tape"/>.</summary>
    public void Mobius(PoincareBall ball, ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> output, Span<double> tape)
    {
        var (wMx, uMx, wh, ux, s, wF, uF) = new MobiusTape(tape, output.Length);
        Vec.MatVec(W.Value, h, wMx);
        ball.MobiusLinear(h, wMx, wh).Store(wF);
        Vec.MatVec(U.Value, x, uMx);
        ball.MobiusLinear(x, uMx, ux).Store(uF);
        ball.MobiusAdd(wh, ux, s);
        ball.MobiusAdd(s, B.Value, output);
    }

    public void MobiusBackward(PoincareBall ball, ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> tape, ReadOnlySpan<double> g,
        Span<double> gh, Span<double> gx)
    {
        var n = g.Length;
        var (wMx, uMx, wh, ux, s, wF, uF) = new MobiusTape(tape, n);
        Span<double> gs = stackalloc double[n];
        Span<double> gwh = stackalloc double[n];
        Span<double> gux = stackalloc double[n];
        Span<double> gmx = stackalloc double[n];
        ball.MobiusAddBackward(s, B.Value, g, gs, B.Grad);
        ball.MobiusAddBackward(wh, ux, gs, gwh, gux);
        ball.MobiusLinearBackward(LinearFactors.Load(wF), h, wMx, gwh, gmx, gh);   // W ⊗ h = MobiusMatVec, backward in its order
        Vec.MatVecBackward(W.Value, h, gmx, W.Grad, gh);
        ball.MobiusLinearBackward(LinearFactors.Load(uF), x, uMx, gux, gmx, gx);
        Vec.MatVecBackward(U.Value, x, gmx, U.Grad, gx);
    }
}

/// <summary>The layout of <see cref="Transform.Mobius"/>'s tape.</summary>
internal readonly ref struct MobiusTape
{
    private readonly Span<double> _tape;
    private readonly int _n;

    public MobiusTape(Span<double> tape, int n)
    {
        _tape = tape;
        _n = n;
    }

    public void Deconstruct(out Span<double> wMx, out Span<double> uMx, out Span<double> wh, out Span<double> ux, out Span<double> s,
        out Span<double> wF, out Span<double> uF)
    {
        var n = _n;
        wMx = _tape[..n];
        uMx = _tape.Slice(n, n);
        wh = _tape.Slice(2 * n, n);
        ux = _tape.Slice(3 * n, n);
        s = _tape.Slice(4 * n, n);
        wF = _tape.Slice(5 * n, LinearFactors.Length);
        uF = _tape.Slice(5 * n + LinearFactors.Length, LinearFactors.Length);
    }
}

/// <summary>The authors' EuclRNN: h' = tanh(W h + U x + b) (rnn_impl.py uses tanh in its Euclidean cells).</summary>
public sealed class EuclideanRnn(string name, int n, Random random) : IRecurrentCell
{
    private readonly Transform _t = new(name, n, Geometry.Euclidean, random);
    public IReadOnlyList<Parameter> Parameters => _t.All;
    public int TapeLength => 0;

    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext, Span<double> tape)
    {
        _t.Euclidean(h, x, hNext);
        for (var i = 0; i < hNext.Length; i++) hNext[i] = Math.Tanh(hNext[i]);
    }

    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> tape, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx)
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
    public int TapeLength => Transform.MobiusTapeLength(n);
    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext, Span<double> tape) => _t.Mobius(ball, h, x, hNext, tape);
    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> tape, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx) =>
        _t.MobiusBackward(ball, h, x, tape, gNext, gh, gx);
}

/// <summary>The authors' EuclGRU: z, r = σ(W h + U x + b); h̃ = tanh(W (r ⊙ h) + U x + b); h' = (1 − z) ⊙ h + z ⊙ h̃.</summary>
public sealed class EuclideanGru(string name, int n, Random random) : IRecurrentCell
{
    private readonly Transform _z = new($"{name}.z", n, Geometry.Euclidean, random);
    private readonly Transform _r = new($"{name}.r", n, Geometry.Euclidean, random);
    private readonly Transform _h = new($"{name}.h", n, Geometry.Euclidean, random);
    public IReadOnlyList<Parameter> Parameters => [.. _z.All, .. _r.All, .. _h.All];
    public int TapeLength => 0;

    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext, Span<double> tape)
    {
        var n = h.Length;
        Span<double> z = stackalloc double[n];
        Span<double> r = stackalloc double[n];
        Span<double> rh = stackalloc double[n];
        Span<double> ht = stackalloc double[n];
        Forward(h, x, z, r, rh, ht);
        for (var i = 0; i < n; i++) hNext[i] = (1 - z[i]) * h[i] + z[i] * ht[i];
    }

    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> tape, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx)
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
/// h' = h ⊕ diag(z) ⊗ (−h ⊕ h̃). A step keeps its intermediates (the three transforms' tapes, the gates, h̃, −h ⊕ h̃ and
/// the two pointwise products with their factors) so the backward pass recomputes nothing of the forward.
/// </summary>
public sealed class HyperbolicGru(string name, int n, PoincareBall ball, Random random) : IRecurrentCell
{
    private readonly Transform _z = new($"{name}.z", n, Geometry.Hyperbolic, random);
    private readonly Transform _r = new($"{name}.r", n, Geometry.Hyperbolic, random);
    private readonly Transform _h = new($"{name}.h", n, Geometry.Hyperbolic, random);
    public IReadOnlyList<Parameter> Parameters => [.. _z.All, .. _r.All, .. _h.All];

    // tape layout: z's transform and gate (pre-log₀ point, σ), r's likewise, h's transform, then h̃, r ⊙ h, diag(r) ⊗ h and its
    // factors, −h ⊕ h̃, z ⊙ (−h ⊕ h̃), diag(z) ⊗ (−h ⊕ h̃) and its factors
    private static int GateLength(int n) => Transform.MobiusTapeLength(n) + 2 * n;
    public int TapeLength => 2 * GateLength(n) + Transform.MobiusTapeLength(n) + 6 * n + 2 * LinearFactors.Length;

    public void Step(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> hNext, Span<double> tape)
    {
        var t = new GruTape(tape, n);
        Gate(_z, h, x, t.ZGate);
        Gate(_r, h, x, t.RGate);
        var z = GateValue(t.ZGate);
        var r = GateValue(t.RGate);
        for (var i = 0; i < n; i++) t.RhMx[i] = r[i] * h[i];
        ball.MobiusLinear(h, t.RhMx, t.Rh).Store(t.RhF);   // diag(r) ⊗ h
        _h.Mobius(ball, t.Rh, x, t.HTilde, t.HTransform);
        Span<double> minusH = stackalloc double[n];
        for (var i = 0; i < n; i++) minusH[i] = -h[i];
        ball.MobiusAdd(minusH, t.HTilde, t.Mh);
        for (var i = 0; i < n; i++) t.ZmMx[i] = z[i] * t.Mh[i];
        ball.MobiusLinear(t.Mh, t.ZmMx, t.Zm).Store(t.ZmF);   // diag(z) ⊗ (−h ⊕ h̃)
        ball.MobiusAdd(h, t.Zm, hNext);
    }

    public void StepBackward(ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> tape, ReadOnlySpan<double> gNext, Span<double> gh, Span<double> gx)
    {
        var t = new GruTape(tape, n);
        var z = GateValue(t.ZGate);
        var r = GateValue(t.RGate);
        Span<double> gzm = stackalloc double[n];
        Span<double> gz = stackalloc double[n];
        Span<double> gmh = stackalloc double[n];
        Span<double> gMinusH = stackalloc double[n];
        Span<double> ght = stackalloc double[n];
        Span<double> grh = stackalloc double[n];
        Span<double> gr = stackalloc double[n];
        Span<double> minusH = stackalloc double[n];
        for (var i = 0; i < n; i++) minusH[i] = -h[i];
        ball.MobiusAddBackward(h, t.Zm, gNext, gh, gzm);
        ball.MobiusPointwiseBackward(LinearFactors.Load(t.ZmF), z, t.Mh, t.ZmMx, gzm, gz, gmh);
        ball.MobiusAddBackward(minusH, t.HTilde, gmh, gMinusH, ght);
        Vec.Axpy(-1, gMinusH, gh);
        _h.MobiusBackward(ball, t.Rh, x, t.HTransform, ght, grh, gx);
        ball.MobiusPointwiseBackward(LinearFactors.Load(t.RhF), r, h, t.RhMx, grh, gr, gh);
        GateBackward(_r, h, x, t.RGate, gr, gh, gx);
        GateBackward(_z, h, x, t.ZGate, gz, gh, gx);
    }

    /// <summary>A gate σ(log₀(transform(h, x))): hyperbolic in, Euclidean out (the authors' tf_hyp_non_lin with hyp_output=False).</summary>
    private void Gate(Transform transform, ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> gateTape)
    {
        var s = GatePoint(gateTape);
        var gate = GateValue(gateTape);
        transform.Mobius(ball, h, x, s, gateTape[(2 * n)..]);
        ball.LogZero(s, gate);
        for (var i = 0; i < n; i++) gate[i] = Vec.Sigmoid(gate[i]);
    }

    private void GateBackward(Transform transform, ReadOnlySpan<double> h, ReadOnlySpan<double> x, Span<double> gateTape, ReadOnlySpan<double> gGate,
        Span<double> gh, Span<double> gx)
    {
        var s = GatePoint(gateTape);
        var gate = GateValue(gateTape);
        Span<double> gLog = stackalloc double[n];
        Span<double> gs = stackalloc double[n];
        for (var i = 0; i < n; i++) gLog[i] = gGate[i] * gate[i] * (1 - gate[i]);
        ball.LogZeroBackward(s, gLog, gs);
        transform.MobiusBackward(ball, h, x, gateTape[(2 * n)..], gs, gh, gx);
    }

    private Span<double> GatePoint(Span<double> gateTape) => gateTape[..n];
    private Span<double> GateValue(Span<double> gateTape) => gateTape.Slice(n, n);

    private readonly ref struct GruTape
    {
        public readonly Span<double> ZGate, RGate, HTransform, HTilde, RhMx, Rh, RhF, Mh, ZmMx, Zm, ZmF;

        public GruTape(Span<double> tape, int n)
        {
            var (gate, transform, f) = (GateLength(n), Transform.MobiusTapeLength(n), LinearFactors.Length);
            var o = 0;
            ZGate = tape.Slice(o, gate); o += gate;
            RGate = tape.Slice(o, gate); o += gate;
            HTransform = tape.Slice(o, transform); o += transform;
            HTilde = tape.Slice(o, n); o += n;
            RhMx = tape.Slice(o, n); o += n;
            Rh = tape.Slice(o, n); o += n;
            RhF = tape.Slice(o, f); o += f;
            Mh = tape.Slice(o, n); o += n;
            ZmMx = tape.Slice(o, n); o += n;
            Zm = tape.Slice(o, n); o += n;
            ZmF = tape.Slice(o, f);
        }
    }
}
