namespace Papers.QProp.Tests;

/// <summary>What a run needs is checked before its first step, so that a run that cannot finish does not start.</summary>
public class PrerequisiteTests
{
    [Fact]
    public void WithoutPlotlyOrChromiumTheQuickRunStopsBeforeItsFirstStepAndWritesNothing() =>
        PaperRun.AssertTheQuickRunNeedsPlotlyAndChromiumBeforeItsFirstStep(typeof(QPropConfig).Assembly);

    [Fact]
    public void TheModelOfEachChosenTaskIsRequired() =>
        Assert.Equal(["mujoco/gym-v1/half_cheetah.xml", "mujoco/gym-v1/swimmer.xml"], Environments.Prerequisites(["HalfCheetah", "Swimmer"]).Select(p => p.Name));
}
