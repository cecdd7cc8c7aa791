namespace Papers.Gcn.Tests;

/// <summary>What a run needs is checked before its first step, so that a run that cannot finish does not start.</summary>
public class PrerequisiteTests
{
    [Fact]
    public void WithoutPlotlyOrChromiumTheQuickRunStopsBeforeItsFirstStepAndWritesNothing() =>
        PaperRun.AssertTheQuickRunNeedsPlotlyAndChromiumBeforeItsFirstStep(typeof(GcnConfig).Assembly);

    /// <summary>PubMed's allx has no copy to fetch: PubMed is reported as needing data, not a reason to stop the run.</summary>
    [Fact]
    public void EveryCataloguedFileOfTheChosenDatasetsIsRequired()
    {
        string[] parts = ["x", "y", "tx", "ty", "allx", "ally", "graph", "test.index"];
        Assert.Equal(
            [.. parts.Select(p => $"planetoid/ind.cora.{p}"), .. parts.Where(p => p != "allx").Select(p => $"planetoid/ind.pubmed.{p}")],
            Planetoid.Prerequisites(["cora", "pubmed"]).Select(p => p.Name));
    }
}
