namespace Papers.Hnn.Tests;

/// <summary>Table 2's split and score.</summary>
public class WordNetMlrTests
{
    /// <summary>F1 = 2TP / (2TP + FP + FN): 3 true positives, 1 false positive, 2 false negatives → 6/9.</summary>
    [Fact]
    public void F1ScoreMatchesItsDefinition()
    {
        var outcomes = new[] { (true, true), (true, true), (true, true), (false, true), (true, false), (true, false), (false, false) };
        Assert.Equal(100.0 * 6 / 9, WordNetMlr.F1Score(outcomes), 1e-12);
        Assert.Equal(0, WordNetMlr.F1Score([(true, false), (false, false)]));
    }

    [Fact]
    public void SplitKeepsEightyPercentOfEachClassForTraining()
    {
        var inside = Enumerable.Range(0, 1000).Select(i => i % 10 == 0).ToArray();
        var (train, test) = WordNetMlr.Split(inside, new Random(0));
        Assert.Equal(80, train.Count(i => inside[i]));
        Assert.Equal(720, train.Count(i => !inside[i]));
        Assert.Equal(1000, train.Concat(test).Distinct().Count());
    }
}
