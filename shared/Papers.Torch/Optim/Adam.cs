using static Papers.Torch.torch;

namespace Papers.Torch.Modules;

/// <summary>
/// Adam (Kingma &amp; Ba, arXiv:1412.6980) and AMSGrad (Reddi et al., ICLR 2018), as PyTorch 1.13's
/// torch/optim/adam.py (single-tensor path), with L2 weight decay added to the gradient (not AdamW's decoupled decay):
/// g ← ∇ + λθ;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  v̂ ← max(v̂, v) with AMSGrad;
/// θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// State per parameter: step, exp_avg (m), exp_avg_sq (v), max_exp_avg_sq (v̂, AMSGrad only).
/// </summary>
public sealed class Adam : optim.Optimizer
{
    public Adam(IEnumerable<optim.ParamGroup> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weight_decay = 0, bool amsgrad = false)
        : base(parameters, new Dictionary<string, double>
        {
            [nameof(lr)] = lr,
            [nameof(beta1)] = beta1,
            [nameof(beta2)] = beta2,
            [nameof(eps)] = eps,
            [nameof(weight_decay)] = weight_decay,
            [nameof(amsgrad)] = amsgrad ? 1 : 0,
        })
    {
    }

    protected override void Update(optim.ParamGroup group, Tensor parameter, Tensor grad, optim.ParameterState state)
    {
        var (beta1, beta2, amsgrad) = (group.beta1, group.beta2, group.amsgrad);
        if (state.IsEmpty)
        {
            state.Scalars["step"] = 0;
            state["exp_avg"] = zeros_like(parameter);
            state["exp_avg_sq"] = zeros_like(parameter);
        }
        if (amsgrad && !state.Tensors.ContainsKey("max_exp_avg_sq")) state["max_exp_avg_sq"] = zeros_like(parameter);
        var step = state.Scalars["step"] += 1;
        var expAvg = state["exp_avg"];
        var expAvgSq = state["exp_avg_sq"];
        var biasCorrection1 = 1 - Math.Pow(beta1, step);
        var biasCorrection2 = 1 - Math.Pow(beta2, step);
        var stepSize = group.lr / biasCorrection1;
        var biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        // The common case in one pass over the elements (native/src/optim.cpp), with the numbers of the calls below.
        if (group.weight_decay == 0 && !amsgrad)
        {
            var fused = Native.pt_adam_update(parameter.Handle, grad.Handle, expAvg.Handle, expAvgSq.Handle, beta1, beta2,
                biasCorrection2Sqrt, group.eps, stepSize);
            Native.Check(fused);
            if (fused == 1) return;
        }

        if (group.weight_decay != 0) grad = grad.add(parameter, group.weight_decay);
        expAvg.mul_(beta1).add_(grad, 1 - beta1);
        expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        var secondMoment = expAvgSq;
        if (amsgrad)
        {
            secondMoment = state["max_exp_avg_sq"];
            secondMoment.copy_(secondMoment.maximum(expAvgSq));   // adam.py: torch.maximum(max_exp_avg_sq, exp_avg_sq, out=max_exp_avg_sq)
        }
        var denom = (secondMoment.sqrt() / biasCorrection2Sqrt).add_(group.eps);
        parameter.addcdiv_(expAvg, denom, -stepSize);
    }
}
