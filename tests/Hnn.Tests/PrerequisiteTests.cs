namespace Papers.Hnn.Tests;

/// <summary>What a run needs is checked before its first step, so that a run that cannot finish does not start.</summary>
public class PrerequisiteTests
{
    [Fact]
    public void WithoutPlotlyOrChromiumTheQuickRunStopsBeforeItsFirstStepAndWritesNothing() =>
        PaperRun.AssertTheQuickRunNeedsPlotlyAndChromiumBeforeItsFirstStep(typeof(HnnConfig).Assembly);

    [Fact]
    public void PrefixSplitsAreRequiredForTable1AndWordNetForTable2()
    {
        string[] prefix10 = ["hyperbolic/prefix_10_dataset/dev", "hyperbolic/prefix_10_dataset/test"];
        string[] wordNet = ["/usr/share/wordnet/data.noun", "/usr/share/wordnet/index.noun"];
        Assert.Equal(prefix10, Experiments.Prerequisites(new HnnConfig { Tables = [1], Noise = [10] }).Select(p => p.Name));
        Assert.Equal(wordNet, Experiments.Prerequisites(new HnnConfig { Tables = [2] }).Select(p => p.Name));
        Assert.Equal([.. prefix10, .. wordNet], Experiments.Prerequisites(new HnnConfig { Tables = [1, 2], Noise = [10] }).Select(p => p.Name));
    }
}
