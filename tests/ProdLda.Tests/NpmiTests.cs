using Papers.Shared.Data;

namespace Papers.ProdLda.Tests;

/// <summary>NPMI from document co-occurrence, on a corpus small enough to count by hand.</summary>
public class NpmiTests
{
    // Four documents over a, b, c, d: {a, b}, {a, b, c}, {a}, {c, d}.
    private static readonly Npmi FourDocuments = new(new Corpus("hand", ["a", "b", "c", "d"],
    [
        new BagOfWordsDocument(1, [0, 1], [1, 2]),
        new BagOfWordsDocument(1, [0, 1, 2], [3, 1, 1]),
        new BagOfWordsDocument(1, [0], [1]),
        new BagOfWordsDocument(1, [2, 3], [1, 1]),
    ]));

    /// <summary>
    /// P(a) = 3/4, P(b) = P(c) = 1/2, P(d) = 1/4. a,b: log((1/2)/(3/8)) / log 2 = log₂(4/3); a,c: log((1/4)/(3/8)) / log 4;
    /// b,c: P(b,c) = P(b)P(c), so 0; c,d: log((1/4)/(1/8)) / log 4 = ½; a,d never together: −1. Counts do not matter, only presence.
    /// </summary>
    [Theory]
    [InlineData(0, 1, 0.41503749927884381)]
    [InlineData(0, 2, -0.29248125036057809)]
    [InlineData(1, 2, 0.0)]
    [InlineData(2, 3, 0.5)]
    [InlineData(0, 3, -1.0)]
    public void PairScoresMatchTheHandComputation(int wi, int wj, double expected)
    {
        Assert.Equal(expected, FourDocuments.Pair(wi, wj), 12);
        Assert.Equal(expected, FourDocuments.Pair(wj, wi), 12);
    }

    [Fact]
    public void TopicScoreIsTheMeanOverPairs() =>
        Assert.Equal((0.41503749927884381 - 0.29248125036057809 + 0.0) / 3, FourDocuments.Topic([0, 1, 2]), 12);

    [Fact]
    public void ATopicWithARepeatedWordIsRejected() =>
        Assert.Throws<ArgumentException>(() => FourDocuments.Topic([0, 1, 0]));
}
