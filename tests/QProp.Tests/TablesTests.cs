namespace Papers.QProp.Tests;

/// <summary>Table 1's units: "episodes" are steps / horizon (the launcher's conversion), not episodes that ended.</summary>
public class TablesTests
{
    /// <summary>
    /// A Hopper run whose second batch (10,100 steps in 130 short episodes) first averages above 2000: 10.1 episodes
    /// in the paper's unit, not 130.
    /// </summary>
    [Fact]
    public void EpisodesToThresholdCountsHorizonsOfSteps()
    {
        QPropIteration Iteration(int i, long steps, long episodes, double average) =>
            new("Hopper", "trpo", 0, i, steps, episodes, average, 0, double.NaN, 0.01, 0, 0, 0, 0);
        var run = QPropRun.Summarize([Iteration(0, 5_043, 60, 1500), Iteration(1, 10_100, 130, 2100), Iteration(2, 15_020, 170, 1900)], seconds: 1);
        Assert.Equal(10.1, run.EpisodesToThreshold!.Value, 12);
        Assert.Equal(2100, run.MaxAverageReturn);
        Assert.Equal(15.02, Tables.PaperEpisodes(run.Steps), 12);
    }
}
