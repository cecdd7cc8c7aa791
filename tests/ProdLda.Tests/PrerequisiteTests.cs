namespace Papers.ProdLda.Tests;

/// <summary>What a run needs is checked before its first step, so that a run that cannot finish does not start.</summary>
public class PrerequisiteTests
{
    [Fact]
    public void WithoutPlotlyOrChromiumTheQuickRunStopsBeforeItsFirstStepAndWritesNothing() =>
        PaperRun.AssertTheQuickRunNeedsPlotlyAndChromiumBeforeItsFirstStep(typeof(ProdLdaConfig).Assembly);

    [Fact]
    public void TheCorpusAndTheAuthorsTopicsOfEachTopicCountAreRequired()
    {
        Assert.Equal(["20news_prodlda/nvdm_feat/vocab.new", "20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat"],
            Corpus.Prerequisites.Select(p => p.Name));
        Assert.Equal(["20news_prodlda/authors_topics/AVTIM_50", "20news_prodlda/authors_topics/AVTIM_200"],
            AuthorsTopics.Prerequisites([50, 200]).Select(p => p.Name));
    }
}
