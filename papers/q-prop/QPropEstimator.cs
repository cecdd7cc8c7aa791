using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>How η, the weight of the control variate, is chosen (§3.3-3.4, Algorithm 1).</summary>
public enum EtaRule
{
    /// <summary>η = 1: standard Q-Prop (Eq. 7).</summary>
    Standard,
    /// <summary>
    /// ηᵢ = 1 if Âᵢ·Āᵢ &gt; 0, else 0: conservative Q-Prop, Table 1's Q-Prop. Algorithm 1 sets η per state from the
    /// single-sample estimate of cov(Â, Ā); rllab++'s sampler (base.py, qprop_eta_option 'adapt1') does the same.
    /// </summary>
    Conservative,
    /// <summary>ηᵢ = sign(Âᵢ·Āᵢ): aggressive Q-Prop (§3.4; rllab++ 'adapt2').</summary>
    Aggressive,
    /// <summary>One η for the batch, 1 if the batch covariance cov(Â, Ā) &gt; 0, else 0: a variant (not the paper's rule).</summary>
    ConservativeBatch,
}

/// <summary>
/// The Q-Prop estimator (§3.1-3.2, Eq. 7): with the first-order Taylor expansion of Q_w around μ_θ(s) as a control
/// variate, Ā(s, a) = ∇ₐQ_w(s, a)|ₐ₌μ_θ(s) · (a − μ_θ(s)),
///   ∇_θ J(θ) ≈ E[∇_θ log π_θ(a|s) (Â(s, a) − η Ā(s, a))] + η E[∇ₐQ_w(s, a)|ₐ₌μ_θ(s) ∇_θ μ_θ(s)].
/// The second term is the gradient of η Q_w(s, μ_θ(s)) through μ_θ; the surrogate below has this gradient, as the
/// authors' npo.py writes it (−mean(ratio·signal) − mean(η·Q_w(s, μ_θ(s)))).
/// </summary>
public static class QPropEstimator
{
    /// <summary>∇ₐQ_w(s, a) at a = μ (μ is taken as data): [B, A]</summary>
    public static Tensor ActionGradient(Func<Tensor, Tensor, Tensor> q, Tensor observations, Tensor mean)
    {
        using var _ = enable_grad();
        var a = mean.detach().requires_grad_();
        var value = q(observations, a).sum();
        return autograd.grad([value], [a])[0]!.detach();
    }

    /// <summary>Ā = ∇ₐQ_w(s, μ) · (a − μ): [B]</summary>
    public static Tensor ControlVariate(Tensor actionGradient, Tensor actions, Tensor mean) =>
        ((actions - mean) * actionGradient).sum(1);

    /// <summary>
    /// η per sample for the rule. Â is the raw GAE advantage (before centring) and Ā the control variate, as in
    /// rllab++'s process_samples; the per-sample rules read the single-sample covariance estimate Âᵢ·Āᵢ.
    /// </summary>
    public static double[] Eta(EtaRule rule, double[] advantages, double[] controlVariate)
    {
        if (advantages.Length != controlVariate.Length) throw new ArgumentException($"{advantages.Length} advantages but {controlVariate.Length} control-variate values");
        var n = advantages.Length;
        return rule switch
        {
            EtaRule.Standard => Enumerable.Repeat(1.0, n).ToArray(),
            EtaRule.Conservative => advantages.Select((a, i) => a * controlVariate[i] > 0 ? 1.0 : 0.0).ToArray(),
            EtaRule.Aggressive => advantages.Select((a, i) => (double)Math.Sign(a * controlVariate[i])).ToArray(),
            EtaRule.ConservativeBatch => Enumerable.Repeat(Covariance(advantages, controlVariate) > 0 ? 1.0 : 0.0, n).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
    }

    /// <summary>cov(x, y) = mean((x − x̄)(y − ȳ)).</summary>
    public static double Covariance(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        return x.Zip(y, (a, b) => (a - mx) * (b - my)).Average();
    }

    /// <summary>The learning signal Â − ηĀ before normalisation (rllab++ process_samples).</summary>
    public static double[] LearningSignal(double[] advantages, double[] controlVariate, double[] eta) =>
        advantages.Select((a, i) => a - eta[i] * controlVariate[i]).ToArray();

    /// <summary>
    /// (x − mean) / (std + 1e-8): rllab's center_advantages, applied to the learning signal (TRPO's Â, or
    /// Q-Prop's Â − ηĀ) and never to the analytic term.
    /// </summary>
    public static double[] Center(double[] x)
    {
        var mean = x.Average();
        var std = Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
        return x.Select(v => (v - mean) / (std + 1e-8)).ToArray();
    }

    /// <summary>
    /// The loss whose gradient is minus the estimator: −mean(w · signal) − mean(η · Q_w(s, μ_θ(s))), where w is the
    /// likelihood ratio π_θ/π_old for TRPO (its gradient at θ_old is ∇ log π) or log π_θ itself for VPG; with
    /// <paramref name="qAtMean"/> null it is the plain likelihood-ratio surrogate.
    /// </summary>
    public static Tensor Surrogate(Tensor weight, Tensor signal, Tensor? qAtMean, Tensor? eta)
    {
        var loss = -(weight * signal).mean();
        return qAtMean is null ? loss : loss - (qAtMean * eta!).mean();
    }
}
