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

    /// <summary>
    /// Two algorithms on Hopper, two seeds each: TRPO's mean max return (1800 and 1800) is below Q-Prop's (2100 and
    /// 1700), so 1800 is the level. Q-Prop seed 0 first reaches it at 10,100 steps, seed 1 never; TRPO seed 0 at
    /// 20,000 steps (1799.9 at 10,000 falls short), seed 1 at 10,000: Q-Prop 10.1 over 1 of 2 seeds, TRPO 15 ± √50 over 2.
    /// </summary>
    [Fact]
    public void CommonLevelIsTheLowerMeanMaxAndCountsTheSeedsThatReachIt()
    {
        QPropIteration Iteration(string algorithm, int seed, int i, long steps, double average) =>
            new("Hopper", algorithm, seed, i, steps, steps / 100, average, 0, double.NaN, 0.01, 0, 0, 0, 0);
        List<QPropIteration> curve =
        [
            Iteration("qprop-c", 0, 0, 5_043, 1500), Iteration("qprop-c", 0, 1, 10_100, 2100), Iteration("qprop-c", 0, 2, 15_020, 1900),
            Iteration("qprop-c", 1, 0, 5_000, 1700), Iteration("qprop-c", 1, 1, 10_000, 1600),
            Iteration("trpo", 0, 0, 5_000, 1000), Iteration("trpo", 0, 1, 10_000, 1799.9), Iteration("trpo", 0, 2, 15_020, 1700),
            Iteration("trpo", 0, 3, 20_000, 1800),
            Iteration("trpo", 1, 0, 5_000, 1000), Iteration("trpo", 1, 1, 10_000, 1800),
        ];
        var runs = curve.GroupBy(i => (i.Algorithm, i.Seed)).Select(g => QPropRun.Summarize(g.ToList(), seconds: 1)).ToList();
        var rows = Tables.CommonLevelRows(runs, curve).ToList();
        Assert.Equal(2, rows.Count);
        var (qprop, trpo) = (rows.Single(r => r.Row == "TR-c-Q-Prop"), rows.Single(r => r.Row == "TRPO"));
        Assert.All(rows, r => Assert.Equal("Hopper episodes (×1000 steps) to 1800", r.Column));
        Assert.Equal((10.1, 1), (qprop.OursMean, qprop.N));
        Assert.Contains("1 of 2 seeds", qprop.Statistic);
        Assert.Equal((15.0, 2), (trpo.OursMean, trpo.N));
        Assert.Equal(Math.Sqrt(50), trpo.OursStd, 12);
    }
}
