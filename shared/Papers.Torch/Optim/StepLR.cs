using static Papers.Torch.torch;

namespace Papers.Torch.Modules;

/// <summary>
/// γ-decay every step_size epochs: lr_e = lr₀ · γ^⌊e / step_size⌋. Computed in PyTorch's chainable form
/// (multiply the current lr by γ at each multiple of step_size), so the lrs match PyTorch's bit for bit.
/// </summary>
public sealed class StepLR : optim.lr_scheduler.LRScheduler
{
    public StepLR(optim.Optimizer optimizer, int step_size, double gamma = 0.1) : base(optimizer)
    {
        if (step_size < 1) throw new ArgumentOutOfRangeException(nameof(step_size), step_size, "step_size must be at least 1 epoch");
        this.step_size = step_size;
        this.gamma = gamma;
        step();
    }

    public int step_size { get; private set; }

    public double gamma { get; private set; }

    protected override double[] get_lr() =>
        optimizer.param_groups.Select(g => last_epoch == 0 || last_epoch % step_size != 0 ? g.lr : g.lr * gamma).ToArray();

    public override optim.StateDict state_dict()
    {
        var result = base.state_dict();
        result.Scalars[nameof(step_size)] = step_size;
        result.Scalars[nameof(gamma)] = gamma;
        return result;
    }

    public override void load_state_dict(optim.StateDict state_dict)
    {
        var stepSize = state_dict.Require(nameof(step_size));
        var savedGamma = state_dict.Require(nameof(gamma));
        base.load_state_dict(state_dict);
        step_size = checked((int)stepSize);
        gamma = savedGamma;
    }
}
