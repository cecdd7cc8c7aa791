using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>
/// §7.1: "the same learning rate for the first 100 epochs and linearly decay the rate to zero over the next 100",
/// as the authors' lambda_rule (models/networks.py get_scheduler, epoch_count = 1): after e finished epochs the
/// rate is lr₀ · (1 − max(0, e + 1 − n_const) / (n_decay + 1)), stepped once per epoch. Here an epoch is a
/// number of iterations fixed by the config (the authors' epoch is max(|A|, |B|) iterations of batch 1).
/// </summary>
public static class Schedule
{
    /// <summary>The factor on lr₀ after <paramref name="epoch"/> finished epochs.</summary>
    public static double Factor(int epoch, int constantEpochs, int decayEpochs)
    {
        if (epoch < 0 || constantEpochs < 0 || decayEpochs < 0) throw new ArgumentException($"epochs are ≥ 0, not {epoch}, {constantEpochs}, {decayEpochs}");
        return 1.0 - Math.Max(0, epoch + 1 - constantEpochs) / (double)(decayEpochs + 1);
    }

    /// <summary>A LambdaLR over <paramref name="optimizer"/> with <see cref="Factor"/>; step it after each epoch.</summary>
    public static optim.lr_scheduler.LRScheduler LinearDecay(optim.Optimizer optimizer, int constantEpochs, int decayEpochs) =>
        optim.lr_scheduler.LambdaLR(optimizer, epoch => Factor(epoch, constantEpochs, decayEpochs));
}
