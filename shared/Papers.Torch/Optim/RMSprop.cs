using static Papers.Torch.torch;

namespace Papers.Torch.Modules;

/// <summary>
/// RMSprop (Hinton's lecture 6e; centered form after Graves, arXiv:1308.0850), as PyTorch 1.13's
/// torch/optim/rmsprop.py (single-tensor path):
/// g ← ∇ + λθ;  v ← αv + (1 − α)g²;  centered: ḡ ← αḡ + (1 − α)g, v' = v − ḡ², else v' = v;
/// momentum: b ← μb + g / (√v' + ε), θ ← θ − γb;  otherwise θ ← θ − γ g / (√v' + ε).
/// State per parameter: step, square_avg (v), momentum_buffer (b, with momentum), grad_avg (ḡ, centered).
/// </summary>
public sealed class RMSprop : optim.Optimizer
{
    public RMSprop(IEnumerable<optim.ParamGroup> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weight_decay = 0, double momentum = 0, bool centered = false)
        : base(parameters, new Dictionary<string, double>
        {
            [nameof(lr)] = lr,
            [nameof(alpha)] = alpha,
            [nameof(eps)] = eps,
            [nameof(weight_decay)] = weight_decay,
            [nameof(momentum)] = momentum,
            [nameof(centered)] = centered ? 1 : 0,
        })
    {
    }

    protected override void Update(optim.ParamGroup group, Tensor parameter, Tensor grad, optim.ParameterState state)
    {
        var (alpha, momentum, centered) = (group.alpha, group.momentum, group.centered);
        if (state.IsEmpty)
        {
            state.Scalars["step"] = 0;
            state["square_avg"] = zeros_like(parameter);
        }
        if (momentum > 0 && !state.Tensors.ContainsKey("momentum_buffer")) state["momentum_buffer"] = zeros_like(parameter);
        if (centered && !state.Tensors.ContainsKey("grad_avg")) state["grad_avg"] = zeros_like(parameter);
        state.Scalars["step"] += 1;
        var squareAvg = state["square_avg"];

        if (group.weight_decay != 0) grad = grad.add(parameter, group.weight_decay);
        squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
        Tensor avg;
        if (centered)
        {
            var gradAvg = state["grad_avg"];
            gradAvg.mul_(alpha).add_(grad, 1 - alpha);
            avg = squareAvg.addcmul(gradAvg, gradAvg, -1).sqrt_();
        }
        else
        {
            avg = squareAvg.sqrt();
        }
        avg.add_(group.eps);
        if (momentum > 0)
        {
            var buf = state["momentum_buffer"];
            buf.mul_(momentum).addcdiv_(grad, avg);
            parameter.add_(buf, -group.lr);
        }
        else
        {
            parameter.addcdiv_(grad, avg, -group.lr);
        }
    }
}
