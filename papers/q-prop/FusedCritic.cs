using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>
/// Q-Prop's critic training (Algorithm 1, line 6: one critic step per sampled step) as managed kernels: the same
/// steps as <see cref="Critic.Step"/> (minibatch from the replay pool, TD target through μ_θ(s') and the target
/// critic, mean squared TD error, Adam, Polyak averaging) without a libtorch call per operation: the libtorch path
/// makes dozens of native calls per step, this one a handful per 250 steps. The arithmetic stays: a step of the
/// 100-100 critic on 64 transitions is about 3.6M multiply-adds with μ(s'), which bounds its speed (README, Timings).
///
/// The policy does not change while the critic trains, so the minibatches of a chunk of steps are drawn at once
/// (one randint, the same draws as one randint per step) and μ_θ(s') for all of them comes from one libtorch call.
/// The weights, the target's and Adam's moments are read from the critic's tensors before and written back after,
/// so checkpoints, Ā and the policy step see exactly what the libtorch path leaves.
///
/// Every output element of a matrix product is a sum over its inputs in order, with fused multiply-adds, and the
/// elementwise steps use plain IEEE operations, so results do not depend on the CPU. They differ from libtorch's
/// only in rounding (its GEMMs sum in another order): a test checks the two paths against each other.
/// </summary>
public sealed unsafe class FusedCritic
{
    private const int Chunk = 250;                                                 // critic steps per batch of draws
    private readonly int _s, _a, _h, _b, _p;
    private readonly int _w0, _b0, _w1, _b1, _w2, _b2;                             // offsets in the flat parameter
    private readonly float[] _w, _target, _m, _v, _grad;                           // [P] each, weights transposed per layer
    private readonly float[] _sT, _x1, _x1T, _h1, _tx1, _th1, _dz, _dh0, _w1Plain, _q, _tq, _dq, _y;

    public FusedCritic(int observationSize, int actionSize, int hidden, int batchSize)
    {
        (_s, _a, _h, _b) = (observationSize, actionSize, hidden, batchSize);
        _w0 = 0; _b0 = _s * _h; _w1 = _b0 + _h; _b1 = _w1 + (_h + _a) * _h; _w2 = _b1 + _h; _b2 = _w2 + _h; _p = _b2 + 1;
        (_w, _target, _m, _v, _grad) = (new float[_p], new float[_p], new float[_p], new float[_p], new float[_p]);
        _sT = new float[_s * _b];
        (_x1, _x1T, _tx1) = (new float[_b * (_h + _a)], new float[(_h + _a) * _b], new float[_b * (_h + _a)]);
        (_h1, _th1, _dz, _dh0) = (new float[_b * _h], new float[_b * _h], new float[_b * _h], new float[_b * _h]);
        _w1Plain = new float[_h * (_h + _a)];
        (_q, _tq, _dq, _y) = (new float[_b], new float[_b], new float[_b], new float[_b]);
    }

    /// <summary>
    /// <paramref name="steps"/> critic steps of <paramref name="critic"/> on minibatches of <paramref name="buffer"/>,
    /// drawn with <paramref name="generator"/>; the next actions are <paramref name="nextAction"/>(s'). Returns the
    /// mean TD loss over the steps.
    /// </summary>
    public double Train(Critic critic, ReplayBuffer buffer, Func<Tensor, Tensor> nextAction, long steps, Generator generator)
    {
        if (critic.BatchSize != _b) throw new ArgumentException($"the critic's minibatch is {critic.BatchSize}, this kernel's {_b}", nameof(critic));
        var group = critic.Optimizer.param_groups[0];
        if (group.weight_decay != 0 || group.amsgrad) throw new ArgumentException("the fused critic implements Adam without weight decay or AMSGrad");
        var adamStep = Load(critic);
        var width = buffer.Width;
        var total = 0.0;
        for (long done = 0; done < steps;)
        {
            var n = (int)Math.Min(Chunk, steps - done);
            float[] rows, next;
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var sampled = buffer.SampleRows(n * _b, generator);                // [n·B, W]
                rows = sampled.data<float>();
                next = nextAction(sampled.narrow(1, _s + _a + 1, _s)).contiguous().data<float>(); // μ(s'): [n·B, A]
            }
            fixed (float* r = rows, mu = next)
                for (var i = 0; i < n; i++)
                    total += Step(r + (long)i * _b * width, width, mu + (long)i * _b * _a, ++adamStep, group, critic);
            done += n;
        }
        Store(critic, adamStep);
        return total / steps;
    }

    /// <summary>One step on B rows [s, a, r, s', done] with μ(s'); returns the loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Step(float* rows, int width, float* mu, long adamStep, optim.ParamGroup group, Critic critic)
    {
        var (s, a, h, b, x1w) = (_s, _a, _h, _b, _h + _a);
        fixed (float* w = _w, tw = _target, m = _m, v = _v, g = _grad, sT = _sT, x1 = _x1, x1T = _x1T, h1 = _h1,
               tx1 = _tx1, th1 = _th1, dz = _dz, dh0 = _dh0, w1 = _w1Plain, q = _q, tq = _tq, dq = _dq, y = _y)
        {
            // y = scale·r + γ(1 − done) Q_w'(s', μ(s'))
            Forward(tw, rows + s + a + 1, width, mu, a, tx1, th1, tq);
            var (scale, gamma) = ((float)critic.RewardScale, (float)critic.Gamma);
            for (var i = 0; i < b; i++)
            {
                var row = rows + (long)i * width;
                y[i] = row[s + a] * scale + (1f - row[2 * s + a + 1]) * tq[i] * gamma;
            }

            // loss = mean((y − Q_w(s, a))²) and its gradient ∂/∂q = −2(y − q)/B
            Forward(w, rows, width, rows + s, width, x1, h1, q);
            var loss = 0.0;
            var inverse = 1f / b;
            for (var i = 0; i < b; i++)
            {
                var d = y[i] - q[i];
                loss += d * d;
                dq[i] = -(2f * d * inverse);
            }

            // backward: output layer, second hidden layer (the input [h0, a]), first hidden layer
            new Span<float>(g, _p).Clear();
            Gemm(1, h, b, dq, 1, h1, h, g + _w2, h);                                // ∂W2ᵀ = h1ᵀ·dq
            for (var i = 0; i < b; i++) g[_b2] += dq[i];
            for (var i = 0; i < b; i++) ScaleWherePositive(h1 + i * h, w + _w2, dq[i], dz + i * h, h); // ∂z1
            Transpose(x1, b, x1w, x1T);
            Gemm(x1w, h, b, x1T, b, dz, h, g + _w1, h);                            // ∂W1ᵀ = x1ᵀ·∂z1
            ColumnSums(dz, b, h, g + _b1);
            Transpose(w + _w1, x1w, h, w1);                                        // W1: [H, H + A]
            new Span<float>(dh0, b * h).Clear();
            Gemm(b, h, h, dz, h, w1, x1w, dh0, h);                                 // ∂h0 = ∂z1·W1[:, :H]
            for (var i = 0; i < b; i++) ScaleWherePositive(x1 + i * x1w, dh0 + i * h, 1f, dh0 + i * h, h); // ∂z0
            for (var i = 0; i < b; i++)
                for (var j = 0; j < s; j++)
                    sT[j * b + i] = rows[(long)i * width + j];
            Gemm(s, h, b, sT, b, dh0, h, g + _w0, h);                              // ∂W0ᵀ = sᵀ·∂z0
            ColumnSums(dh0, b, h, g + _b0);

            Adam(w, g, m, v, adamStep, group);
            Polyak(tw, w, (float)critic.Tau);
            return loss / b;
        }
    }

    /// <summary>Q(s, a) for B rows: the first hidden layer is written into x1's first H columns, a into its last A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(float* p, float* observations, int observationStride, float* actions, int actionStride, float* x1, float* h1, float* q)
    {
        var (s, a, h, b, x1w) = (_s, _a, _h, _b, _h + _a);
        for (var i = 0; i < b; i++)
        {
            new ReadOnlySpan<float>(p + _b0, h).CopyTo(new Span<float>(x1 + i * x1w, h));
            new ReadOnlySpan<float>(actions + (long)i * actionStride, a).CopyTo(new Span<float>(x1 + i * x1w + h, a));
            new ReadOnlySpan<float>(p + _b1, h).CopyTo(new Span<float>(h1 + i * h, h));
            q[i] = p[_b2];
        }
        Gemm(b, h, s, observations, observationStride, p + _w0, h, x1, x1w);
        for (var i = 0; i < b; i++) Relu(x1 + i * x1w, h);
        Gemm(b, h, x1w, x1, x1w, p + _w1, h, h1, h);
        Relu(h1, b * h);
        Gemm(b, 1, h, h1, h, p + _w2, 1, q, 1);
    }

    /// <summary>Adam as <see cref="Papers.Torch.Modules.Adam"/> (PyTorch 1.13), elementwise on the flat parameter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Adam(float* w, float* g, float* m, float* v, long step, optim.ParamGroup group)
    {
        var (beta1, beta2) = ((float)group.beta1, (float)group.beta2);
        var (oneMinusBeta1, oneMinusBeta2) = ((float)(1 - group.beta1), (float)(1 - group.beta2));
        var stepSize = (float)-(group.lr / (1 - Math.Pow(group.beta1, step)));
        var correction2 = (float)Math.Sqrt(1 - Math.Pow(group.beta2, step));
        var eps = (float)group.eps;
        var lanes = Vector<float>.Count;
        var i = 0;
        for (; i + lanes <= _p; i += lanes)
        {
            var gi = Load(g + i);
            var mi = Load(m + i) * beta1 + gi * oneMinusBeta1;
            var vi = Load(v + i) * beta2 + new Vector<float>(oneMinusBeta2) * gi * gi;
            Store(mi, m + i);
            Store(vi, v + i);
            Store(Load(w + i) + new Vector<float>(stepSize) * (mi / (Vector.SquareRoot(vi) / correction2 + new Vector<float>(eps))), w + i);
        }
        for (; i < _p; i++)
        {
            m[i] = m[i] * beta1 + g[i] * oneMinusBeta1;
            v[i] = v[i] * beta2 + oneMinusBeta2 * g[i] * g[i];
            w[i] += stepSize * (m[i] / (MathF.Sqrt(v[i]) / correction2 + eps));
        }
    }

    /// <summary>w' ← w' + τ(w − w'): libtorch's lerp_(w, τ) for τ &lt; 0.5.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Polyak(float* target, float* w, float tau)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        for (; i + lanes <= _p; i += lanes) Store(Load(target + i) + new Vector<float>(tau) * (Load(w + i) - Load(target + i)), target + i);
        for (; i < _p; i++) target[i] += tau * (w[i] - target[i]);
    }

    /// <summary>
    /// C[M, N] += A[M, K]·B[K, N], row-major with leading dimensions; each C element accumulates over k in order with
    /// fused multiply-adds, which IEEE 754 rounds exactly, so the result is the same on every CPU (where AVX-512 or
    /// FMA is missing, .NET computes the same values in software, slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gemm(int rows, int columns, int inner, float* a, int lda, float* bm, int ldb, float* c, int ldc)
    {
        const int lanes = 16;
        var j = 0;
        for (; j + 2 * lanes <= columns; j += 2 * lanes)
        {
            var i = 0;
            for (; i + 4 <= rows; i += 4)
            {
                float* c0 = c + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
                Vector512<float> s00 = Vector512.Load(c0), s01 = Vector512.Load(c0 + lanes), s10 = Vector512.Load(c1), s11 = Vector512.Load(c1 + lanes);
                Vector512<float> s20 = Vector512.Load(c2), s21 = Vector512.Load(c2 + lanes), s30 = Vector512.Load(c3), s31 = Vector512.Load(c3 + lanes);
                float* a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
                for (var k = 0; k < inner; k++)
                {
                    var bk = bm + (long)k * ldb + j;
                    Vector512<float> b0 = Vector512.Load(bk), b1 = Vector512.Load(bk + lanes);
                    var x = Vector512.Create(a0[k]); s00 = Vector512.FusedMultiplyAdd(x, b0, s00); s01 = Vector512.FusedMultiplyAdd(x, b1, s01);
                    x = Vector512.Create(a1[k]); s10 = Vector512.FusedMultiplyAdd(x, b0, s10); s11 = Vector512.FusedMultiplyAdd(x, b1, s11);
                    x = Vector512.Create(a2[k]); s20 = Vector512.FusedMultiplyAdd(x, b0, s20); s21 = Vector512.FusedMultiplyAdd(x, b1, s21);
                    x = Vector512.Create(a3[k]); s30 = Vector512.FusedMultiplyAdd(x, b0, s30); s31 = Vector512.FusedMultiplyAdd(x, b1, s31);
                }
                s00.Store(c0); s01.Store(c0 + lanes); s10.Store(c1); s11.Store(c1 + lanes);
                s20.Store(c2); s21.Store(c2 + lanes); s30.Store(c3); s31.Store(c3 + lanes);
            }
            for (; i < rows; i++) Columns(i, j, j + 2 * lanes, inner, a, lda, bm, ldb, c, ldc);
        }
        var r = 0;
        for (; r + 4 <= rows; r += 4)
            for (var jj = j; jj < columns; jj++) FourRows(r, jj, inner, a, lda, bm, ldb, c, ldc);
        for (; r < rows; r++) Columns(r, j, columns, inner, a, lda, bm, ldb, c, ldc);
    }

    /// <summary>C[i..i+4, j] += A[i..i+4, :]·B[:, j]: four independent sums, so the adds do not wait on each other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRows(int i, int j, int inner, float* a, int lda, float* bm, int ldb, float* c, int ldc)
    {
        float* c0 = c + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        float* a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        float s0 = *c0, s1 = *c1, s2 = *c2, s3 = *c3;
        for (var k = 0; k < inner; k++)
        {
            var b = bm[(long)k * ldb + j];
            s0 = MathF.FusedMultiplyAdd(a0[k], b, s0);
            s1 = MathF.FusedMultiplyAdd(a1[k], b, s1);
            s2 = MathF.FusedMultiplyAdd(a2[k], b, s2);
            s3 = MathF.FusedMultiplyAdd(a3[k], b, s3);
        }
        (*c0, *c1, *c2, *c3) = (s0, s1, s2, s3);
    }

    /// <summary>C[i, from..to) += A[i, :]·B[:, from..to), one vector (then one element) at a time, as <see cref="Gemm"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns(int i, int from, int to, int inner, float* a, int lda, float* bm, int ldb, float* c, int ldc)
    {
        const int lanes = 16;
        var ai = a + i * lda;
        var j = from;
        for (; j + lanes <= to; j += lanes)
        {
            var sum = Vector512.Load(c + i * ldc + j);
            for (var k = 0; k < inner; k++) sum = Vector512.FusedMultiplyAdd(Vector512.Create(ai[k]), Vector512.Load(bm + (long)k * ldb + j), sum);
            sum.Store(c + i * ldc + j);
        }
        for (; j < to; j++)
        {
            var sum = c[i * ldc + j];
            for (var k = 0; k < inner; k++) sum = MathF.FusedMultiplyAdd(ai[k], bm[(long)k * ldb + j], sum);
            c[i * ldc + j] = sum;
        }
    }

    private static Vector<float> Load(float* p) => *(Vector<float>*)p;
    private static void Store(Vector<float> x, float* p) => *(Vector<float>*)p = x;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Relu(float* x, int n)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        for (; i + lanes <= n; i += lanes)
        {
            var v = Load(x + i);
            Store(Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), Vector<float>.Zero, v), x + i);
        }
        for (; i < n; i++) if (x[i] < 0) x[i] = 0f;
    }

    /// <summary>result[j] = scale·x[j] where gate[j] &gt; 0, else 0: ReLU's backward, without branches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleWherePositive(float* gate, float* x, float scale, float* result, int n)
    {
        var lanes = Vector<float>.Count;
        var s = new Vector<float>(scale);
        var j = 0;
        for (; j + lanes <= n; j += lanes)
            Store(Vector.ConditionalSelect(Vector.GreaterThan(Load(gate + j), Vector<float>.Zero), s * Load(x + j), Vector<float>.Zero), result + j);
        for (; j < n; j++) result[j] = gate[j] > 0 ? scale * x[j] : 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* x, int rows, int columns, float* result)
    {
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                result[j * rows + i] = x[i * columns + j];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnSums(float* x, int rows, int columns, float* sums)
    {
        var lanes = Vector<float>.Count;
        for (var i = 0; i < rows; i++)
        {
            var row = x + i * columns;
            var j = 0;
            for (; j + lanes <= columns; j += lanes) Store(Load(sums + j) + Load(row + j), sums + j);
            for (; j < columns; j++) sums[j] += row[j];
        }
    }

    /// <summary>Copies the weights, the target's and Adam's state out of the critic's tensors; returns Adam's step count.</summary>
    private long Load(Critic critic)
    {
        FromTorch(critic.Q.Weights, _w);
        FromTorch(critic.Target.Weights, _target);
        using var state = critic.Optimizer.state_dict();
        if (state.Tensors.TryGetValue("state.0.exp_avg", out var m))
        {
            FromTorch(m, _m);
            FromTorch(state.Tensors["state.0.exp_avg_sq"], _v);
            return (long)state.Scalars["state.0.step"];
        }
        Array.Clear(_m);
        Array.Clear(_v);
        return 0;
    }

    /// <summary>Writes the weights, the target's and Adam's state back into the critic's tensors.</summary>
    private void Store(Critic critic, long adamStep)
    {
        using (no_grad())
        {
            using var w = ToTorch(_w);
            critic.Q.Weights.copy_(w);
            using var target = ToTorch(_target);
            critic.Target.Weights.copy_(target);
        }
        using var state = critic.Optimizer.state_dict();
        foreach (var old in state.Tensors.Values) old.Dispose();
        state.Tensors["state.0.exp_avg"] = ToTorch(_m);
        state.Tensors["state.0.exp_avg_sq"] = ToTorch(_v);
        state.Scalars["state.0.step"] = adamStep;
        critic.Optimizer.load_state_dict(state);
    }

    /// <summary>The flat parameter in libtorch's layout (weights [out, in]) into ours (each weight [in, out]).</summary>
    private void FromTorch(Tensor flat, float[] into)
    {
        var x = flat.data<float>();
        Permute(x, into, toTorch: false);
    }

    private Tensor ToTorch(float[] from)
    {
        var x = new float[_p];
        Permute(from, x, toTorch: true);
        return tensor(x);
    }

    private void Permute(float[] from, float[] to, bool toTorch)
    {
        Array.Copy(from, to, _p);
        fixed (float* f = from, t = to)
        {
            if (toTorch)
            {
                Transpose(f + _w0, _s, _h, t + _w0);
                Transpose(f + _w1, _h + _a, _h, t + _w1);
            }
            else
            {
                Transpose(f + _w0, _h, _s, t + _w0);
                Transpose(f + _w1, _h, _h + _a, t + _w1);
            }
        }
    }
}
