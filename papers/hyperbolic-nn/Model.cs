namespace Papers.Hnn;

// n word and hidden dimension (5), V vocabulary (101 ids, 0 = <UNK>), K classes (2).

/// <summary>Table 1's six models: the sentence encoder, and where the FFNN and the MLR live (§4, "Sentence embedding models").</summary>
public enum Variant
{
    EuclideanRnn,
    HyperbolicRnnEuclideanMlr,
    HyperbolicRnn,
    EuclideanGru,
    HyperbolicGruEuclideanMlr,
    HyperbolicGru,
}

public static class Variants
{
    public static bool IsHyperbolic(this Variant v) => v is not (Variant.EuclideanRnn or Variant.EuclideanGru);
    public static bool IsGru(this Variant v) => v is Variant.EuclideanGru or Variant.HyperbolicGruEuclideanMlr or Variant.HyperbolicGru;
    public static bool HasHyperbolicMlr(this Variant v) => v is Variant.HyperbolicRnn or Variant.HyperbolicGru;

    /// <summary>Table 1's row names.</summary>
    public static string Describe(this Variant v) => v switch
    {
        Variant.EuclideanRnn => "Fully Euclidean RNN",
        Variant.HyperbolicRnnEuclideanMlr => "Hyperbolic RNN+FFNN, Eucl MLR",
        Variant.HyperbolicRnn => "Fully Hyperbolic RNN",
        Variant.EuclideanGru => "Fully Euclidean GRU",
        Variant.HyperbolicGruEuclideanMlr => "Hyperbolic GRU+FFNN, Eucl MLR",
        _ => "Fully Hyperbolic GRU",
    };
}

/// <summary>
/// The PREFIX classifier of §4 as hyp_rnn.py builds it: two sentence encoders with their own weights over shared word
/// embeddings, features [h₁, h₂, d²(h₁, h₂)], one FFNN layer W₁ ⊗ h₁ ⊕ W₂ ⊗ h₂ ⊕ b ⊕ (d² ⊗ b_d) (Euclidean: W₁h₁ + W₂h₂ + b + d² b_d),
/// and a K-class MLR, hyperbolic (Eq. 25) or Euclidean after log₀. One sentence pair at a time: dimension 5 leaves
/// nothing for a batch dimension to amortise.
/// </summary>
public sealed class PrefixModel
{
    public const int Classes = 2;

    private readonly PoincareBall _ball;
    private readonly int _n;
    private readonly IRecurrentCell _cell1, _cell2;
    private readonly Parameter _w1, _w2, _b, _bd;
    private readonly Parameter[] _a = new Parameter[Classes], _p = new Parameter[Classes];
    private double[] _h1 = [], _h2 = [];   // [steps + 1, n] hidden states of the current pair, for backward through time
    private double[] _tape1 = [], _tape2 = [];   // [steps, cell.TapeLength] what each step keeps for its backward pass

    public Variant Variant { get; }
    public Parameter Embeddings { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    public PrefixModel(Variant variant, int vocabulary, int n, double c, double wordInitAverageNorm, Random random)
    {
        Variant = variant;
        _n = n;
        _ball = PoincareBall.WithCurvature(c);
        var hyperbolic = variant.IsHyperbolic();
        var bias = hyperbolic ? Geometry.Hyperbolic : Geometry.Euclidean;
        // hyp_rnn.py: uniform in ±(3 avg²/(2n))^(1/3), "to have average norm equal to word_init_avg_norm"; the cube root makes the
        // mean norm 0.0085 for avg = 1e-3 and n = 5 (InitialisationTests), kept as the authors ran it
        Embeddings = new Parameter("embeddings", vocabulary, n, hyperbolic ? Geometry.HyperbolicWords : Geometry.Euclidean)
            .Uniform(random, Math.Cbrt(3 * wordInitAverageNorm * wordInitAverageNorm / (2 * n)));
        _cell1 = MakeCell("rnn1", random);
        _cell2 = MakeCell("rnn2", random);
        _w1 = new Parameter("W_ff_s1", n, n, Geometry.Euclidean).Xavier(random);
        _w2 = new Parameter("W_ff_s2", n, n, Geometry.Euclidean).Xavier(random);
        _b = new Parameter("b_ff", 1, n, bias);
        _bd = new Parameter("b_ff_d", 1, n, bias);
        for (var k = 0; k < Classes; k++)
        {
            _a[k] = new Parameter($"A_mlr{k}", 1, n, Geometry.Euclidean).Xavier(random);
            _p[k] = new Parameter($"P_mlr{k}", 1, n, variant.HasHyperbolicMlr() ? Geometry.Hyperbolic : Geometry.Euclidean);
        }
        Parameters = [Embeddings, .. _cell1.Parameters, .. _cell2.Parameters, _w1, _w2, _b, _bd, .. _a, .. _p];
    }

    private IRecurrentCell MakeCell(string name, Random random) => Variant switch
    {
        Variant.EuclideanRnn => new EuclideanRnn(name, _n, random),
        Variant.EuclideanGru => new EuclideanGru(name, _n, random),
        Variant.HyperbolicRnn or Variant.HyperbolicRnnEuclideanMlr => new HyperbolicRnn(name, _n, _ball, random),
        _ => new HyperbolicGru(name, _n, _ball, random),
    };

    /// <summary>The class logits of one pair; leaves the hidden states in place for <see cref="Backward"/>.</summary>
    public void Forward(int[] sentence1, int[] sentence2, Span<double> logits)
    {
        Encode(_cell1, sentence1, ref _h1, ref _tape1);
        Encode(_cell2, sentence2, ref _h2, ref _tape2);
        Span<double> o = stackalloc double[_n];
        Head(Last(_h1, sentence1.Length), Last(_h2, sentence2.Length), o);
        for (var k = 0; k < Classes; k++)
            logits[k] = Variant.HasHyperbolicMlr() ? HyperbolicMlr.Logit(_ball, _p[k].Value, _a[k].Value, o) : HyperbolicMlr.EuclideanLogit(_p[k].Value, _a[k].Value, o);
    }

    /// <summary>Softmax cross-entropy of the last <see cref="Forward"/>, scaled by <paramref name="scale"/> (1/batch) into the gradients.</summary>
    public double Backward(int[] sentence1, int[] sentence2, ReadOnlySpan<double> logits, int label, double scale)
    {
        var max = Math.Max(logits[0], logits[1]);
        var z = Math.Exp(logits[0] - max) + Math.Exp(logits[1] - max);
        var loss = -(logits[label] - max - Math.Log(z));
        var s1 = Last(_h1, sentence1.Length);
        var s2 = Last(_h2, sentence2.Length);
        Span<double> o = stackalloc double[_n];
        Span<double> go = stackalloc double[_n];
        Span<double> gs1 = stackalloc double[_n];
        Span<double> gs2 = stackalloc double[_n];
        Head(s1, s2, o);
        for (var k = 0; k < Classes; k++)
        {
            var g = scale * (Math.Exp(logits[k] - max) / z - (k == label ? 1 : 0));
            if (Variant.HasHyperbolicMlr()) HyperbolicMlr.LogitBackward(_ball, _p[k].Value, _a[k].Value, o, g, _p[k].Grad, _a[k].Grad, go);
            else HyperbolicMlr.EuclideanLogitBackward(_p[k].Value, _a[k].Value, o, g, _p[k].Grad, _a[k].Grad, go);
        }
        HeadBackward(s1, s2, go, gs1, gs2);
        EncodeBackward(_cell1, sentence1, _h1, _tape1, gs1);
        EncodeBackward(_cell2, sentence2, _h2, _tape2, gs2);
        return loss;
    }

    private ReadOnlySpan<double> Last(double[] h, int steps) => h.AsSpan(steps * _n, _n);

    /// <summary>h₀ = 0, h_t = cell(h_{t−1}, e(w_t)): the final state is the sentence embedding (tf.nn.dynamic_rnn with sequence_length).</summary>
    private void Encode(IRecurrentCell cell, int[] words, ref double[] h, ref double[] tape)
    {
        var k = cell.TapeLength;
        if (h.Length < (words.Length + 1) * _n) h = new double[(words.Length + 1) * _n];
        if (tape.Length < words.Length * k) tape = new double[words.Length * k];
        Array.Clear(h, 0, _n);
        for (var t = 0; t < words.Length; t++)
            cell.Step(h.AsSpan(t * _n, _n), Embeddings.Row(words[t]), h.AsSpan((t + 1) * _n, _n), tape.AsSpan(t * k, k));
    }

    private void EncodeBackward(IRecurrentCell cell, int[] words, double[] h, double[] tape, ReadOnlySpan<double> gLast)
    {
        var k = cell.TapeLength;
        Span<double> g = stackalloc double[_n];
        Span<double> gPrevious = stackalloc double[_n];
        gLast.CopyTo(g);
        for (var t = words.Length - 1; t >= 0; t--)
        {
            gPrevious.Clear();
            cell.StepBackward(h.AsSpan(t * _n, _n), Embeddings.Row(words[t]), tape.AsSpan(t * k, k), g, gPrevious, Embeddings.GradRow(words[t]));
            gPrevious.CopyTo(g);
        }
    }

    /// <summary>The FFNN layer over [s₁, s₂, d²(s₁, s₂)], then log₀ when a hyperbolic FFNN feeds a Euclidean MLR.</summary>
    private void Head(ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, Span<double> o)
    {
        if (!Variant.IsHyperbolic())
        {
            var d2 = EuclideanDistanceSquared(s1, s2);
            Vec.MatVec(_w1.Value, s1, o);
            Span<double> t = stackalloc double[_n];
            Vec.MatVec(_w2.Value, s2, t);
            for (var i = 0; i < _n; i++) o[i] += t[i] + _b.Value[i] + d2 * _bd.Value[i];
            return;
        }
        Span<double> o2 = stackalloc double[_n];
        Span<double> sd = stackalloc double[_n];
        HyperbolicFfnn(s1, s2, o2, sd);
        if (Variant.HasHyperbolicMlr()) _ball.MobiusAdd(o2, sd, o);
        else
        {
            Span<double> y = stackalloc double[_n];
            _ball.MobiusAdd(o2, sd, y);
            _ball.LogZero(y, o);
        }
    }

    /// <summary>o₂ = (W₁ ⊗ s₁ ⊕ W₂ ⊗ s₂) ⊕ b and sd = d²(s₁, s₂) ⊗ b_d; the layer's output is o₂ ⊕ sd.</summary>
    private void HyperbolicFfnn(ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, Span<double> o2, Span<double> sd)
    {
        Span<double> f1 = stackalloc double[_n];
        Span<double> f2 = stackalloc double[_n];
        Span<double> o1 = stackalloc double[_n];
        _ball.MobiusMatVec(_w1.Value, s1, f1);
        _ball.MobiusMatVec(_w2.Value, s2, f2);
        _ball.MobiusAdd(f1, f2, o1);
        _ball.MobiusAdd(o1, _b.Value, o2);
        _ball.MobiusScalar(_ball.DistanceSquared(s1, s2), _bd.Value, sd);
    }

    private void HeadBackward(ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, ReadOnlySpan<double> go, Span<double> gs1, Span<double> gs2)
    {
        if (!Variant.IsHyperbolic())
        {
            var dSq = EuclideanDistanceSquared(s1, s2);
            Vec.MatVecBackward(_w1.Value, s1, go, _w1.Grad, gs1);
            Vec.MatVecBackward(_w2.Value, s2, go, _w2.Grad, gs2);
            Vec.Axpy(1, go, _b.Grad);
            Vec.Axpy(dSq, go, _bd.Grad);
            var gdSq = Vec.Dot(go, _bd.Value);
            for (var i = 0; i < _n; i++)
            {
                gs1[i] += 2 * gdSq * (s1[i] - s2[i]);
                gs2[i] -= 2 * gdSq * (s1[i] - s2[i]);
            }
            return;
        }
        Span<double> f1 = stackalloc double[_n];
        Span<double> f2 = stackalloc double[_n];
        Span<double> o1 = stackalloc double[_n];
        Span<double> o2 = stackalloc double[_n];
        Span<double> sd = stackalloc double[_n];
        Span<double> y = stackalloc double[_n];
        Span<double> gy = stackalloc double[_n];
        Span<double> go2 = stackalloc double[_n];
        Span<double> gsd = stackalloc double[_n];
        Span<double> go1 = stackalloc double[_n];
        Span<double> gf1 = stackalloc double[_n];
        Span<double> gf2 = stackalloc double[_n];
        _ball.MobiusMatVec(_w1.Value, s1, f1);
        _ball.MobiusMatVec(_w2.Value, s2, f2);
        _ball.MobiusAdd(f1, f2, o1);
        HyperbolicFfnn(s1, s2, o2, sd);
        if (Variant.HasHyperbolicMlr()) go.CopyTo(gy);
        else
        {
            _ball.MobiusAdd(o2, sd, y);
            _ball.LogZeroBackward(y, go, gy);
        }
        _ball.MobiusAddBackward(o2, sd, gy, go2, gsd);
        var d2 = _ball.DistanceSquared(s1, s2);
        var gd2 = _ball.MobiusScalarBackward(d2, _bd.Value, gsd, _bd.Grad);
        _ball.MobiusAddBackward(o1, _b.Value, go2, go1, _b.Grad);
        _ball.MobiusAddBackward(f1, f2, go1, gf1, gf2);
        _ball.MobiusMatVecBackward(_w1.Value, s1, gf1, _w1.Grad, gs1);
        _ball.MobiusMatVecBackward(_w2.Value, s2, gf2, _w2.Grad, gs2);
        _ball.DistanceSquaredBackward(s1, s2, gd2, gs1, gs2);
    }

    private static double EuclideanDistanceSquared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }
}
