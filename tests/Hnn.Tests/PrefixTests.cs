namespace Papers.Hnn.Tests;

/// <summary>The authors' PREFIX files, and our generator's statistics against their dev set (10k pairs each).</summary>
public class PrefixTests
{
    [DataTheory("hyperbolic/prefix_10_dataset/dev", "hyperbolic/prefix_30_dataset/dev", "hyperbolic/prefix_50_dataset/dev")]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(50)]
    public void AuthorsDevSetHasTheDocumentedShape(int z)
    {
        var dev = Prefix.Load(Prefix.Folder(z), "dev");
        Assert.Equal(10_000, dev.Count);
        Assert.Equal(5000, dev.Count(p => p.Label == 1));
        Assert.All(dev, p =>
        {
            Assert.InRange(p.Sentence2.Length, 1, Prefix.MaxSentenceLength);
            Assert.InRange(p.Sentence1.Length, p.Sentence2.Length, Prefix.MaxSentenceLength);
            Assert.All(p.Sentence1.Concat(p.Sentence2), w => Assert.InRange(w, 1, Prefix.Vocabulary - 1));
        });
    }

    /// <summary>
    /// Mean lengths, the share of positive pairs whose sentence 2 is an exact prefix, and the share of prefix positions
    /// changed, each within 3 standard errors of the authors' dev set (10k pairs).
    /// </summary>
    [DataTheory("hyperbolic/prefix_10_dataset/dev", "hyperbolic/prefix_30_dataset/dev", "hyperbolic/prefix_50_dataset/dev")]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(50)]
    public void GeneratorMatchesTheAuthorsDevStatistics(int z)
    {
        var dev = Statistics(Prefix.Load(Prefix.Folder(z), "dev"));
        var ours = Statistics(Prefix.Generate(z, 10_000, seed: 1));
        Assert.Equal(dev.Length2, ours.Length2, 3 * 5.77 / Math.Sqrt(10_000) * Math.Sqrt(2));   // σ of U{1..20} is 5.77
        Assert.Equal(dev.Length1, ours.Length1, 3 * 5 / Math.Sqrt(10_000) * Math.Sqrt(2));
        Assert.Equal(dev.ExactPrefix, ours.ExactPrefix, 3 * 0.5 / Math.Sqrt(5000) * Math.Sqrt(2));
        Assert.Equal(dev.ChangedShare, ours.ChangedShare, 0.01);
        Assert.Equal(0.0, ours.NegativeExactPrefix, 0.01);
    }

    private sealed record Stats(double Length1, double Length2, double ExactPrefix, double ChangedShare, double NegativeExactPrefix);

    private static Stats Statistics(IReadOnlyList<SentencePair> pairs)
    {
        var positives = pairs.Where(p => p.Label == 1).ToList();
        var negatives = pairs.Where(p => p.Label == 0).ToList();
        static int Changed(SentencePair p) => p.Sentence2.Where((w, i) => p.Sentence1[i] != w).Count();
        return new Stats(
            pairs.Average(p => p.Sentence1.Length),
            pairs.Average(p => p.Sentence2.Length),
            positives.Average(p => Changed(p) == 0 ? 1.0 : 0.0),
            (double)positives.Sum(Changed) / positives.Sum(p => p.Sentence2.Length),
            negatives.Average(p => Changed(p) == 0 ? 1.0 : 0.0));
    }

    [Fact]
    public void GeneratorIsDeterministicPerSeedAndAlternatesLabels()
    {
        var a = Prefix.Generate(30, 100, seed: 5);
        var b = Prefix.Generate(30, 100, seed: 5);
        Assert.Equal(a.Select(p => string.Join(',', p.Sentence1) + '|' + string.Join(',', p.Sentence2)), b.Select(p => string.Join(',', p.Sentence1) + '|' + string.Join(',', p.Sentence2)));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i % 2), a.Select(p => p.Label));
        Assert.All(a.Chunk(2), pair => Assert.Same(pair[0].Sentence1, pair[1].Sentence1));
    }
}
