namespace Papers.ProdLda.Tests;

/// <summary>The 20 Newsgroups corpus as run.py builds it, and the authors' published topics.</summary>
public class CorpusTests
{
    /// <summary>Facts of the data README: 11258 training and 7487 test documents after dropping the empty ones, V = 1995.</summary>
    [DataFact("20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat", "20news_prodlda/nvdm_feat/vocab.new")]
    public void TwentyNewsgroupsHasTheAuthorsDocumentAndTokenCounts()
    {
        var (train, test) = Corpus.TwentyNewsgroups();
        Assert.Equal(1995, train.V);
        Assert.Equal(11258, train.Count);
        Assert.Equal(991_493, train.Tokens);
        Assert.Equal(7487, test.Count);
        Assert.Equal(629_312, test.Tokens);
        Assert.Equal(["_eos_", "write", "one", "use", "get"], train.Vocabulary.Take(5));
        Assert.All(train.Documents, d => Assert.True(d.Length > 0));
    }

    /// <summary>
    /// AVTIM_50 holds three runs of 50 topics whose printed averages are 0.2506, 0.2311 and 0.2506; scored by our NPMI
    /// over the training documents they give 0.332, 0.295 and 0.327 (the data README's values, computed independently).
    /// </summary>
    [DataFact("20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat", "20news_prodlda/nvdm_feat/vocab.new", "20news_prodlda/authors_topics/AVTIM_50", "20news_prodlda/authors_topics/AVTIM_200")]
    public void AuthorsTopicsParseAndScoreAsTheDataReadmeStates()
    {
        var runs = AuthorsTopics.Load(50);
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(50, r.Words.Length));
        Assert.All(runs, r => Assert.All(r.Words, w => Assert.Equal(10, w.Length)));
        AssertClose.Equal([0.250585946611, 0.231101832556, 0.250596966953], runs.Select(r => r.TheirAverage).ToArray(), abs: 1e-12);
        Assert.Equal(["jesus", "christ", "verse", "scripture", "god", "resurrection", "prophecy", "christian", "prophet", "heaven"], runs[0].Words[1]);

        var (train, _) = Corpus.TwentyNewsgroups();
        var npmi = new Npmi(train);
        var vocabulary = train.Vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
        var scores = runs.Select(r => r.Words.Average(words => npmi.Topic(AuthorsTopics.Ids(words, vocabulary)))).ToArray();
        AssertClose.Equal([0.332, 0.295, 0.327], scores, abs: 5e-4);
        Assert.Equal(3, AuthorsTopics.Load(200).Count);
    }

    [Fact]
    public void AuthorsFileWithoutAClosingAverageIsRejected() =>
        Assert.Throws<InvalidDataException>(() => AuthorsTopics.Parse(["[0.24] entry winner"], 1));
}
