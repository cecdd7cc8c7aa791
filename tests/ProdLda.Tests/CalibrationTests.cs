using Xunit.Abstractions;

namespace Papers.ProdLda.Tests;

/// <summary>The correlations that calibrate our NPMI against the one the authors' script printed.</summary>
public class CalibrationTests(ITestOutputHelper output)
{
    /// <summary>x = (1, 2, 3), y = (1, 3, 2): deviations (−1, 0, 1) and (−1, 1, 0), so r = 1 / √(2 · 2) = 0.5.</summary>
    [Fact]
    public void PearsonMatchesTheHandComputation() =>
        AssertClose.Equal(0.5, Calibration.Pearson([1, 2, 3], [1, 3, 2]), abs: 1e-15);

    [Fact]
    public void TiesShareTheMeanOfTheirRanks() =>
        Assert.Equal([1, 2.5, 2.5, 4, 5], Calibration.Ranks([0.1, 0.4, 0.4, 0.7, 0.9]));

    /// <summary>A monotone but curved relation: Spearman's ρ is exactly 1, Pearson's r below it (0.886275 for eˣ, x = 1..5).</summary>
    [Fact]
    public void SpearmanIsOneForAnyIncreasingRelation()
    {
        double[] x = [1, 2, 3, 4, 5];
        var y = x.Select(Math.Exp).ToArray();
        AssertClose.Equal(1, Calibration.Spearman(x, y), abs: 1e-15);
        AssertClose.Equal(0.886275, Calibration.Pearson(x, y), abs: 1e-6);
        AssertClose.Equal(-1, Calibration.Spearman(x, y.Reverse().ToArray()), abs: 1e-15);
    }

    [Fact]
    public void UnpairedConstantOrTooFewValuesAreRejected()
    {
        Assert.Contains("pairs", Assert.Throws<ArgumentException>(() => Calibration.Pearson([1, 2, 3], [1, 2])).Message);
        Assert.Contains("constant", Assert.Throws<ArgumentException>(() => Calibration.Pearson([1, 2, 3], [2, 2, 2])).Message);
        Assert.Contains("at least 3", Assert.Throws<ArgumentException>(() => Calibration.Spearman([1, 2], [2, 1])).Message);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => Calibration.Pearson([1, double.NaN, 3], [1, 2, 3])).Message);
    }

    /// <summary>
    /// The authors' published topics at K = 50 and 200, scored by our NPMI: the correlation with the NPMI their script
    /// printed per topic is pinned (mean over their three runs). A change of our measure or of the files moves it.
    /// </summary>
    [DataTheory("20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat", "20news_prodlda/nvdm_feat/vocab.new", "20news_prodlda/authors_topics/AVTIM_50", "20news_prodlda/authors_topics/AVTIM_200")]
    [InlineData(50, 0.576557, 0.659202, 0.226939, 0.305106)]
    [InlineData(200, 0.666346, 0.744793, 0.503027, 0.560072)]
    public void OurNpmiRanksTheAuthorsTopicsAsTheirScriptDid(int topics, double pearsonTrain, double spearmanTrain, double pearsonTest, double spearmanTest)
    {
        var (train, test) = Corpus.TwentyNewsgroups();
        var runs = AuthorsTopics.Load(topics);
        var scored = AuthorsTopics.Score(runs, train.Vocabulary, new Npmi(train), new Npmi(test));
        var rows = Calibration.Rows(topics, runs, scored, "training documents", "test documents").ToList();
        foreach (var row in rows) output.WriteLine($"{row.Row}: {row.OursMean:F6} ± {row.OursStd:F6}");
        Assert.All(rows, r => Assert.Equal(3, r.N));
        AssertClose.Equal([pearsonTrain, spearmanTrain, pearsonTest, spearmanTest], rows.Select(r => r.OursMean).ToArray(), abs: 1e-6);
    }
}
