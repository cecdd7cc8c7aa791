using static Papers.Torch.torch;

namespace Papers.Torch.Modules;

/// <summary>
/// Stochastic gradient descent with momentum, as PyTorch 1.13's torch/optim/sgd.py (single-tensor path):
/// g ← ∇ + λθ;  b ← g on the first step, else μb + (1 − τ)g;  g ← g + μb (Nesterov) or b;  θ ← θ − γg.
/// State per parameter: momentum_buffer (only when momentum is non-zero).
/// </summary>
public sealed class SGD : optim.Optimizer
{
    public SGD(IEnumerable<optim.ParamGroup> parameters, double lr, double momentum = 0, double dampening = 0,
        double weight_decay = 0, bool nesterov = false)
        : base(parameters, new Dictionary<string, double>
        {
            [nameof(lr)] = lr,
            [nameof(momentum)] = momentum,
            [nameof(dampening)] = dampening,
            [nameof(weight_decay)] = weight_decay,
            [nameof(nesterov)] = nesterov ? 1 : 0,
        })
    {
    }

    protected override void CheckGroup(optim.ParamGroup group)
    {
        if (group.nesterov && (group.momentum <= 0 || group.dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
    }

    protected override void Update(optim.ParamGroup group, Tensor parameter, Tensor grad, optim.ParameterState state)
    {
        var momentum = group.momentum;
        var dp = group.weight_decay != 0 ? grad.add(parameter, group.weight_decay) : grad;
        if (momentum != 0)
        {
            if (state.Tensors.TryGetValue("momentum_buffer", out var buf))
                buf.mul_(momentum).add_(dp, 1 - group.dampening);
            else
                state["momentum_buffer"] = buf = dp.clone();   // sgd.py: the first buffer is the gradient itself, undamped
            dp = group.nesterov ? dp.add(buf, momentum) : buf;
        }
        parameter.add_(dp, -group.lr);
    }
}
