using Papers.Shared.Repro;
using Xunit.Abstractions;

namespace Papers.ProdLda.Tests;

/// <summary>Training runs on 20 Newsgroups against the paper: pinned quick runs, and Table 1 at K = 50 itself.</summary>
[Collection("Serial")]
public class TrainingTests(ITestOutputHelper output)
{
    private const int PinnedDocuments = 500;

    /// <summary>
    /// ProdLDA and NVLDA, K = 50, the Quick preset's 5 epochs from seed 0 on one thread: the curve, the first five
    /// topics, their NPMI and the authors' test cost on the first 500 test documents are pinned: a diff is a real change.
    /// </summary>
    [DataTheory("20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat", "20news_prodlda/nvdm_feat/vocab.new")]
    [InlineData(Decoder.ProdLda)]
    [InlineData(Decoder.NvLda)]
    public void QuickRun(Decoder decoder)
    {
        Repro.SetThreads(1);
        var config = ProdLdaConfig.Quick;
        var (train, test) = Corpus.TwentyNewsgroups();
        using var counts = train.ToTensor();
        using var testCounts = test.ToTensor();
        using var firstTest = testCounts.narrow(0, 0, PinnedDocuments);
        var curve = new List<TopicModelEpoch>();
        var trained = Train.Run(config, decoder, 50, counts, seed: 0, curve);
        using var model = trained.Model;
        var npmi = new Npmi(train);
        var top = Train.TopWords(model, config.TopWords);
        var costs = Train.TestCosts(trained, firstTest, config.TestSamples, seed: 0);
        var rows = top.Take(5).Select((words, k) => new PinnedTopic(k, npmi.Topic(words), string.Join(' ', words.Select(w => train.Vocabulary[w]))))
            .Append(new PinnedTopic(-1, top.Average(npmi.Topic), $"mean over {top.Length} topics; mean test cost {costs.Average():R}"));
        var tolerances = new CsvTolerances { Numbers = Tolerance.Abs(1e-5) };
        Snapshot.VerifyCsv(curve.Select(e => e with { Seconds = 0 }), tolerances, variant: $"{decoder}_curve");
        Snapshot.VerifyCsv(rows, tolerances, variant: $"{decoder}_topics");
    }

    /// <summary>The collapsed Gibbs sampler's first 20 sweeps at K = 50 from seed 0 (SplitMix64: the same on any machine).</summary>
    [DataFact("20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat", "20news_prodlda/nvdm_feat/vocab.new")]
    public void GibbsQuickRun()
    {
        var config = ProdLdaConfig.Quick;
        var (train, test) = Corpus.TwentyNewsgroups();
        var lda = GibbsLda.Fit(train, 50, config.GibbsAlphaFor(50), config.GibbsBeta, config.GibbsIterations, seed: 0);
        var npmi = new Npmi(train);
        var top = lda.TopWords(config.TopWords);
        var testSubset = test with { Documents = test.Documents.Take(PinnedDocuments).ToList() };
        var (perplexity, _) = Experiments.Perplexities(lda.TestCosts(testSubset, config.GibbsTestIterations, seed: 1), testSubset);
        var rows = top.Take(5).Select((words, k) => new PinnedTopic(k, npmi.Topic(words), string.Join(' ', words.Select(w => train.Vocabulary[w]))))
            .Append(new PinnedTopic(-1, top.Average(npmi.Topic), $"mean over {top.Length} topics; perplexity {perplexity:R}"));
        Snapshot.VerifyCsv(rows, new CsvTolerances { Numbers = Tolerance.Abs(1e-9) });
    }

    /// <summary>
    /// Table 1, K = 50, at the paper's settings (ProdLDA 200 epochs, NVLDA 300, Gibbs 1000 sweeps): our ProdLDA topics
    /// score within 0.03 of the authors' published topics on the same measure (training-document co-occurrence), and
    /// above NVLDA's and collapsed Gibbs LDA's: the paper's ranking. On the test documents the ranking of ProdLDA and
    /// Gibbs LDA turns round (0.197 ± 0.005 against 0.214 ± 0.003 over three seeds in results/prodlda), and the test pins that
    /// too. About 15 minutes of one core, so opt-in.
    /// </summary>
    [DataFact("20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat", "20news_prodlda/nvdm_feat/vocab.new", "20news_prodlda/authors_topics/AVTIM_50")]
    [Trait("Tier", "Paper")]
    public void Table1ProdLdaMatchesTheAuthorsTopicsAndBeatsTheBaselines()
    {
        Repro.SetThreads(1);
        var config = new ProdLdaConfig();
        var (train, test) = Corpus.TwentyNewsgroups();
        var (npmi, npmiTest) = (new Npmi(train), new Npmi(test));
        var authors = AuthorsTopics.Score(AuthorsTopics.Load(50), train.Vocabulary, npmi, npmiTest).Average(t => t.NpmiTrain);
        using var counts = train.ToTensor();
        int[][] Topics(Decoder decoder)
        {
            var trained = Train.Run(config, decoder, 50, counts, seed: 0);
            using var model = trained.Model;
            return Train.TopWords(model, config.TopWords);
        }
        var (prodLda, nvLda) = (Topics(Decoder.ProdLda), Topics(Decoder.NvLda));
        var gibbs = GibbsLda.Fit(train, 50, config.GibbsAlphaFor(50), config.GibbsBeta, config.GibbsIterations, seed: 0).TopWords(config.TopWords);
        double OnTraining(int[][] topics) => topics.Average(npmi.Topic);
        double OnTest(int[][] topics) => topics.Average(npmiTest.Topic);
        output.WriteLine($"NPMI (training documents): ProdLDA {OnTraining(prodLda):F4}, authors' topics {authors:F4}, NVLDA {OnTraining(nvLda):F4}, Gibbs LDA {OnTraining(gibbs):F4}");
        output.WriteLine($"NPMI (test documents): ProdLDA {OnTest(prodLda):F4}, NVLDA {OnTest(nvLda):F4}, Gibbs LDA {OnTest(gibbs):F4}");
        Assert.InRange(OnTraining(prodLda), authors - 0.03, authors + 0.03);
        Assert.True(OnTraining(prodLda) > OnTraining(nvLda), $"ProdLDA {OnTraining(prodLda):F4} vs NVLDA {OnTraining(nvLda):F4}");
        Assert.True(OnTraining(prodLda) > OnTraining(gibbs), $"ProdLDA {OnTraining(prodLda):F4} vs Gibbs LDA {OnTraining(gibbs):F4}");
        Assert.True(OnTest(gibbs) > OnTest(prodLda), $"test documents: Gibbs LDA {OnTest(gibbs):F4} vs ProdLDA {OnTest(prodLda):F4}");
    }

    private sealed record PinnedTopic(int Topic, double Npmi, string Words);
}
