using static Papers.Torch.torch;

namespace Papers.CycleGan.Tests;

public class ScheduleTests
{
    [Theory]
    [InlineData(0, 1.0)]                    // the first 100 epochs keep lr₀
    [InlineData(99, 1.0)]
    [InlineData(100, 1.0 - 1.0 / 101)]      // lambda_rule: 1 − max(0, e + 1 − 100) / 101
    [InlineData(149, 1.0 - 50.0 / 101)]
    [InlineData(199, 1.0 - 100.0 / 101)]    // the 200th and last epoch trains at lr₀ / 101
    [InlineData(200, 0.0)]
    public void FactorIsConstantThenFallsLinearlyAsTheAuthorsLambdaRule(int epoch, double expected) =>
        AssertClose.Equal(expected, Schedule.Factor(epoch, 100, 100), 1e-12);

    [Fact]
    public void TheSchedulerSetsTheOptimizersRateEpochByEpoch()
    {
        using var weight = zeros([2]).requires_grad_();
        using var optimizer = optim.Adam([weight], lr: 2e-4, beta1: 0.5);
        var schedule = Schedule.LinearDecay(optimizer, 2, 3);
        var rates = new List<double> { optimizer.param_groups[0].lr };
        for (var epoch = 0; epoch < 5; epoch++)
        {
            schedule.step();
            rates.Add(optimizer.param_groups[0].lr);
        }
        // factors after 0..5 finished epochs with n_const = 2, n_decay = 3: 1, 1 − 0/4, 1 − 1/4, 1 − 2/4, 1 − 3/4, 1 − 4/4
        AssertClose.Equal([2e-4, 2e-4, 1.5e-4, 1e-4, 0.5e-4, 0], rates.ToArray(), 1e-15);
    }

    [Fact]
    public void NegativeEpochsFailLoudly() => Assert.Throws<ArgumentException>(() => Schedule.Factor(-1, 100, 100));
}
