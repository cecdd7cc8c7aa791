using Papers.Torch;
using static Papers.Torch.torch;
using F = Papers.Torch.torch.nn.functional;

namespace Papers.MetaLstm;

/// <summary>The meta-learner's state after an inner step t: layer 1's (h, c), layer 2's gate pre-activations and θ_t = c_t.</summary>
public sealed record MetaState(Tensor H, Tensor C, Tensor ForgetGate, Tensor InputGate, Tensor Theta)
{
    public MetaState Detached() => new(H.detach(), C.detach(), ForgetGate.detach(), InputGate.detach(), Theta.detach());
}

/// <summary>
/// The LSTM meta-learner (§3.2, Figure 1; model/lstm/meta-learner-lstm.lua, lstm-helper.lua), coordinate-wise: the
/// same small network runs on each of the learner's P coordinates as a batch row.
/// Layer 1: a standard LSTM of 20 units over the preprocessed loss and gradient (4 inputs).
/// Layer 2, Eq. 2 with Eqs. 3–4: c_t = f_t ⊙ c_{t−1} − i_t ⊙ ∇_t, where
///   i_t = σ(W_I · [h_t, θ_{t−1}, i_{t−1}] + b_I),  f_t = σ(W_F · [h_t, θ_{t−1}, f_{t−1}] + b_F),
/// and, as in the authors' code, i_{t−1} and f_{t−1} are the previous pre-activations. c_0 is learned: it is the
/// learner's initial θ. ∇_t and L_t are inputs, with no graph back to θ (§3.2: second derivatives ignored).
/// </summary>
public sealed class MetaLearner : nn.Module
{
    /// <summary>p of the preprocessing (Andrychowicz et al. 2016, §3.2 here): lstm-helper.lua P = 10.</summary>
    public const double P = 10;

    /// <summary>Layer 1 inputs: the loss's two preprocessed values and the gradient's (meta-learner-lstm.lua inputFeatures = 4).</summary>
    public const int Inputs = 4;

    private readonly nn.Parameter _wIh;    // layer 1: [4H, 4], gates i, f, g, o (libtorch's order)
    private readonly nn.Parameter _wHh;    // [4H, H]
    private readonly nn.Parameter _b;      // [4H], one bias as RecurrentLSTMNetwork.lua's p.b
    private readonly nn.Parameter _wF;     // layer 2: W_F [H + 2, 1] over [h, θ_{t−1}, f_{t−1}]
    private readonly nn.Parameter _wI;     // W_I [H + 2, 1] over [h, θ_{t−1}, i_{t−1}]
    private readonly nn.Parameter _bF;     // [1]
    private readonly nn.Parameter _bI;     // [1]
    private readonly nn.Parameter _c0;     // [P], the learner's initial parameters

    /// <summary>
    /// meta-learner-lstm.lua's initialisation: every weight U(−0.01, 0.01), then b_F ~ U(4, 5) and b_I ~ U(−5, −4) so that
    /// training starts close to gradient descent with a small rate (f ≈ 0.99, i ≈ 0.01), and c_0 = <paramref name="theta0"/>.
    /// </summary>
    public MetaLearner(int hidden, Tensor theta0, Generator generator) : base(nameof(MetaLearner))
    {
        Hidden = hidden;
        Tensor Uniform(long[] shape, double a, double b) => rand(shape, generator: generator) * (b - a) + a;
        _wIh = new nn.Parameter(Uniform([4 * hidden, Inputs], -0.01, 0.01));
        _wHh = new nn.Parameter(Uniform([4 * hidden, hidden], -0.01, 0.01));
        _b = new nn.Parameter(Uniform([4 * hidden], -0.01, 0.01));
        _wF = new nn.Parameter(Uniform([hidden + 2, 1], -0.01, 0.01));
        _wI = new nn.Parameter(Uniform([hidden + 2, 1], -0.01, 0.01));
        _bF = new nn.Parameter(Uniform([1], 4, 5));
        _bI = new nn.Parameter(Uniform([1], -5, -4));
        _c0 = new nn.Parameter(theta0.clone());                                  // a copy: Adam updates it in place
        RegisterComponents();
    }

    public int Hidden { get; }

    public Tensor C0 => _c0;

    /// <summary>The state before the first step: zero LSTM state and gates, θ_0 = c_0.</summary>
    public MetaState Initial()
    {
        var p = _c0.shape[0];
        return new MetaState(zeros([p, Hidden], dtype: _c0.dtype), zeros([p, Hidden], dtype: _c0.dtype),
            zeros([p, 1], dtype: _c0.dtype), zeros([p, 1], dtype: _c0.dtype), _c0);
    }

    /// <summary>
    /// True (the default) runs <see cref="Step"/> as one native pass over the coordinates, forward and backward, where
    /// the tensor library covers the tensors (<c>meta_lstm_step</c>: float32 on the CPU); false runs
    /// <see cref="Composite"/>, the same equations as separate ops, about fifty passes over [P, 80] and [P, 20] tensors
    /// a step. The two agree to float rounding, not bit for bit (README, Where we differ).
    /// </summary>
    public bool Fused { get; set; } = true;

    /// <summary>
    /// One inner step (Algorithm 1, line 8): from the learner's loss L_t and gradient ∇_t at θ_{t−1}, the next state,
    /// with the input and forget gate values σ(i_t), σ(f_t) for Figure 2.
    /// </summary>
    public (MetaState State, Tensor InputGate, Tensor ForgetGate) Step(MetaState state, Tensor loss, Tensor gradient)
    {
        var p = state.Theta.shape[0];
        if (gradient.shape is not [var g] || g != p) throw new ArgumentException($"∇ must be [{p}], not [{string.Join(", ", gradient.shape)}]");
        var x = cat([Preprocess(loss.reshape([1])).expand([p, 2]), Preprocess(gradient)], 1);   // [P, 4]
        var (h, c, f, i, next) = (Fused ? F.meta_lstm_step(x, (state.H, state.C), state.Theta, state.ForgetGate, state.InputGate,
            gradient, _wIh, _wHh, _b, _wF, _wI, _bF, _bI) : null) ?? Composite(x, state, gradient);
        return (new MetaState(h, c, f, i, next), i.sigmoid().squeeze(1), f.sigmoid().squeeze(1));
    }

    /// <summary>
    /// <see cref="Step"/>'s equations as separate ops, from the preprocessed inputs <paramref name="x"/> [P, 4]:
    /// layer 1's LSTM cell, then the gate pre-activations f_t, i_t and the next θ (the reference the fused pass is
    /// tested against, and the step wherever that pass does not run).
    /// </summary>
    public (Tensor H, Tensor C, Tensor F, Tensor I, Tensor Theta) Composite(Tensor x, MetaState state, Tensor gradient)
    {
        var (h, c) = F.lstm_cell(x, (state.H, state.C), _wIh, _wHh, _b, null);                    // [P, H]
        var theta = state.Theta.unsqueeze(1);                                                       // [P, 1]
        var f = cat([h, theta, state.ForgetGate], 1).matmul(_wF) + _bF;                             // [P, 1], Eq. 4
        var i = cat([h, theta, state.InputGate], 1).matmul(_wI) + _bI;                              // [P, 1], Eq. 3
        var next = f.sigmoid() * theta - i.sigmoid() * gradient.unsqueeze(1);                      // [P, 1], Eq. 2
        return (h, c, f, i, next.squeeze(1));
    }

    /// <summary>
    /// The preprocessing of Andrychowicz et al. (2016, §3.2 here): x ↦ (log|x| / p, sign x) where |x| &gt; e^−p, else
    /// (−1, e^p x); the boundary case falls to the second branch as in lstm-helper.lua (cond1: |x| &gt; e^−p).
    /// </summary>
    public static Tensor Preprocess(Tensor x)                                      // x: [n] → [n, 2]
    {
        using var scope = NewDisposeScope();
        var magnitude = x.abs();
        var large = magnitude.gt(Math.Exp(-P));
        var first = where(large, magnitude.clamp_min(Math.Exp(-P)).log() / P, full_like(x, -1.0));
        var second = where(large, x.sign(), x * Math.Exp(P));
        return stack([first, second], 1).MoveToOuterDisposeScope();
    }
}
