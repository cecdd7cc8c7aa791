namespace Papers.Torch.Tests;

/// <summary>Learning-rate sequences of StepLR and LambdaLR, and their resumption from a state dict.</summary>
public class SchedulerTests
{
    private static Tensor Param() => tensor(new double[] { 1 }, requires_grad: true);

    private static double[] Run(optim.lr_scheduler.LRScheduler scheduler, int steps, int group = 0)
    {
        var lrs = new List<double> { scheduler.get_last_lr()[group] };
        for (var i = 0; i < steps; i++)
        {
            scheduler.step();
            lrs.Add(scheduler.get_last_lr()[group]);
        }
        return lrs.ToArray();
    }

    [Fact]
    public void StepLrHalvesEveryTwoEpochsInEveryGroup()
    {
        // lr_e = lr₀ · 0.5^⌊e/2⌋ for e = 0..6
        using var a = Param();
        using var b = Param();
        using var sgd = optim.SGD([new optim.ParamGroup([a], lr: 1), new optim.ParamGroup([b], lr: 0.1)], lr: 1);
        var scheduler = optim.lr_scheduler.StepLR(sgd, step_size: 2, gamma: 0.5);
        Assert.Equal([1, 1, 0.5, 0.5, 0.25, 0.25, 0.125], Run(scheduler, 6));
        Assert.Equal(0.0125, scheduler.get_last_lr()[1]);
        Assert.Equal(0.0125, sgd.param_groups[1].lr);
        Assert.Equal(6, scheduler.last_epoch);
    }

    [Fact]
    public void LambdaLrMultipliesTheInitialLrByTheLambdaOfTheEpoch()
    {
        // lr_e = 0.2 / (e + 1): 0.2, 0.1, 0.2 · (1/3) = 0.06666666666666667, 0.05
        using var p = Param();
        using var adam = optim.Adam([p], lr: 0.2);
        var scheduler = optim.lr_scheduler.LambdaLR(adam, epoch => 1.0 / (epoch + 1));
        Assert.Equal([0.2, 0.1, 0.06666666666666667, 0.05], Run(scheduler, 3));
        Assert.Equal(0.05, adam.param_groups[0].lr);
        Assert.Equal([0.2], scheduler.base_lrs);
    }

    [Fact]
    public void StepLrRejectsANonPositiveStepSize()
    {
        using var p = Param();
        using var sgd = optim.SGD([p], lr: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.lr_scheduler.StepLR(sgd, step_size: 0));
    }

    private static optim.lr_scheduler.LRScheduler Make(string kind, optim.Optimizer optimizer) => kind switch
    {
        "step" => optim.lr_scheduler.StepLR(optimizer, step_size: 3, gamma: 0.5),
        _ => optim.lr_scheduler.LambdaLR(optimizer, epoch => 1.0 / (epoch + 1)),
    };

    [Theory]
    [InlineData("step")]
    [InlineData("lambda")]
    public void ResumedScheduleContinuesTheSequenceThroughFiles(string kind)
    {
        // Straight: epochs 0..8. Resumed: epochs 0..4, both state dicts saved, then a fresh optimizer (built
        // with another lr, which the loaded state must override) and schedule run epochs 4..8.
        using var p = Param();
        using var straight = optim.SGD([p], lr: 1);
        var expected = Run(Make(kind, straight), 8);

        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var optimizerPath = Path.Combine(folder.FullName, "optimizer.safetensors");
            var schedulerPath = Path.Combine(folder.FullName, "scheduler.safetensors");
            using var q = Param();
            using (var first = optim.SGD([q], lr: 1))
            {
                var scheduler = Make(kind, first);
                Assert.Equal(expected[..5], Run(scheduler, 4));
                using var optimizerState = first.state_dict();
                optimizerState.Save(optimizerPath);
                using var schedulerState = scheduler.state_dict();
                schedulerState.Save(schedulerPath);
            }

            using var second = optim.SGD([q], lr: 7);
            var resumed = Make(kind, second);
            using (var state = optim.StateDict.Load(optimizerPath)) second.load_state_dict(state);
            using (var state = optim.StateDict.Load(schedulerPath)) resumed.load_state_dict(state);
            Assert.Equal(4, resumed.last_epoch);
            Assert.Equal([1.0], resumed.base_lrs);
            Assert.Equal(expected[4..], Run(resumed, 4));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void SchedulerRejectsTheStateDictOfAnotherKind()
    {
        using var p = Param();
        using var sgd = optim.SGD([p], lr: 1);
        using var lambdaState = Make("lambda", sgd).state_dict();
        Assert.Contains("step_size", Assert.Throws<ArgumentException>(() => Make("step", sgd).load_state_dict(lambdaState)).Message);
    }
}
