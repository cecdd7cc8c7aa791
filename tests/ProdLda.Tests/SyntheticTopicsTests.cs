using Papers.Shared.Repro;
using Xunit.Abstractions;

namespace Papers.ProdLda.Tests;

/// <summary>
/// The paper's claims on a corpus with known topics (K = 5, V = 100, 2000 documents): ProdLDA recovers the topics and is
/// more coherent than NVLDA; the collapsed Gibbs sampler recovers them too.
/// </summary>
[Collection("Serial")]
public class SyntheticTopicsTests(ITestOutputHelper output)
{
    private static readonly ProdLdaConfig Config = new() { ProdLdaEpochs = 200, NvLdaEpochs = 200, Hidden = 20 };

    [Fact]
    public void ProdLdaRecoversTheTopicsAndBeatsNvLdaOnNpmi()
    {
        Repro.SetThreads(1);
        var corpus = SyntheticCorpus.Draw(7);
        var npmi = new Npmi(corpus);
        using var counts = corpus.ToTensor();
        var scores = new Dictionary<Decoder, double>();
        var topics = new Dictionary<Decoder, int[][]>();
        foreach (var decoder in new[] { Decoder.ProdLda, Decoder.NvLda })
        {
            var trained = Train.Run(Config, decoder, SyntheticCorpus.Topics, counts, seed: 0);
            using var model = trained.Model;
            var top = Train.TopWords(model, 10);
            (scores[decoder], topics[decoder]) = (top.Average(npmi.Topic), top);
            output.WriteLine($"{decoder}: NPMI {scores[decoder]:F4}; topics {string.Join(" | ", top.Select(t => string.Join(' ', t)))}");
        }
        AssertRecovers(topics[Decoder.ProdLda]);
        Assert.True(scores[Decoder.ProdLda] > scores[Decoder.NvLda], $"ProdLDA {scores[Decoder.ProdLda]:F4} vs NVLDA {scores[Decoder.NvLda]:F4}");
    }

    [Fact]
    public void CollapsedGibbsLdaRecoversTheTopics()
    {
        var corpus = SyntheticCorpus.Draw(7);
        var lda = GibbsLda.Fit(corpus, SyntheticCorpus.Topics, alpha: 0.5, beta: 0.01, iterations: 100, seed: 0);
        AssertRecovers(lda.TopWords(10));
    }

    /// <summary>Each learned topic has at least 9 of its top 10 words in one true topic's block, and every block is found once.</summary>
    private static void AssertRecovers(int[][] top)
    {
        var blocks = top.Select(words => words.GroupBy(SyntheticCorpus.BlockOf).MaxBy(g => g.Count())!).ToList();
        Assert.All(blocks, b => Assert.True(b.Count() >= 9, $"a topic has only {b.Count()} of 10 words in one true topic"));
        Assert.Equal(Enumerable.Range(0, SyntheticCorpus.Topics), blocks.Select(b => b.Key).Order());
    }
}
