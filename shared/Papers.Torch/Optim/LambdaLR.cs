using static Papers.Torch.torch;

namespace Papers.Torch.Modules;

/// <summary>
/// lr_e = lr₀ · λ(e) for each group. The function is not part of the state dict (PyTorch saves only
/// callable objects, never functions): a resumed schedule is constructed with the same λ.
/// </summary>
public sealed class LambdaLR : optim.lr_scheduler.LRScheduler
{
    private readonly Func<int, double> _lrLambda;

    public LambdaLR(optim.Optimizer optimizer, Func<int, double> lr_lambda) : base(optimizer)
    {
        _lrLambda = lr_lambda ?? throw new ArgumentNullException(nameof(lr_lambda));
        step();
    }

    protected override double[] get_lr()
    {
        var factor = _lrLambda(last_epoch);
        return base_lrs.Select(lr => lr * factor).ToArray();
    }
}
