using Papers.Shared.Data;

namespace Papers.Gcn.Tests;

public class PlanetoidTests
{
    [Fact]
    public void LoaderPlacesTestRowsByTestIndexAndPadsMissingOnes()
    {
        var folder = PlanetoidFiles.WriteTiny(Path.Combine(Path.GetTempPath(), $"planetoid-{Guid.NewGuid():N}"));
        try
        {
            var graph = Planetoid.Load("tiny", part => Path.Combine(folder, $"ind.tiny.{part}"), validationSize: 1);
            Assert.Equal(6, graph.Nodes);
            Assert.Equal(2, graph.Classes);
            Assert.Equal([0, 1, 0, 0, -1, 1], graph.Labels);
            Assert.Equal(new float[] { 1, 0, 0, 1, 1, 1, 0, 3, 0, 0, 2, 0 }, graph.Features.ToDense());
            // (0,1), (1,2), (2,2), (3,5) once each after symmetrising and dropping the duplicate.
            Assert.Equal(4, graph.UndirectedEdges);
            Assert.Equal([0, 1], graph.Train);
            Assert.Equal([2], graph.Validation);
            Assert.Equal([3, 5], graph.Test);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [DataFact("planetoid/ind.cora.graph")]
    public void CoraHasThePapersNodesEdgesAndSplit()
    {
        var cora = Planetoid.Load("cora");
        Assert.Equal((2708, 1433, 7), (cora.Nodes, cora.Features.Columns, cora.Classes));
        // 5278 undirected edges with self-loops after de-duplication (the paper's 5429 counts duplicates).
        Assert.Equal(5278, cora.UndirectedEdges);
        Assert.Equal((140, 500, 1000), (cora.Train.Length, cora.Validation.Length, cora.Test.Length));
        Assert.All(cora.Labels, l => Assert.InRange(l, 0, 6));
        Assert.Equal(Enumerable.Repeat(20, 7), cora.Train.GroupBy(i => cora.Labels[i]).Select(g => g.Count()));
    }

    [DataFact("planetoid/ind.citeseer.graph")]
    public void CiteseerIsolatedTestSlotsGetZeroFeaturesAndNoLabel()
    {
        var citeseer = Planetoid.Load("citeseer");
        Assert.Equal((3327, 3703, 6), (citeseer.Nodes, citeseer.Features.Columns, citeseer.Classes));
        Assert.Equal(4676, citeseer.UndirectedEdges);
        Assert.Equal((120, 500, 1000), (citeseer.Train.Length, citeseer.Validation.Length, citeseer.Test.Length));
        var unlabelled = Enumerable.Range(0, citeseer.Nodes).Where(i => citeseer.Labels[i] < 0).ToArray();
        Assert.Equal(15, unlabelled.Length);
        Assert.All(unlabelled, i => Assert.Equal(citeseer.Features.IndPtr[i], citeseer.Features.IndPtr[i + 1]));
        Assert.Empty(unlabelled.Intersect(citeseer.Test));
    }

    /// <summary>The shared data has PubMed without allx (18717×500): the run names that file; where a user supplied it, PubMed loads.</summary>
    [DataFact("planetoid/ind.pubmed.graph")]
    public void PubmedIsReportedAsNeedingAllxUnlessItIsSupplied()
    {
        var (graph, missing) = Experiments.TryLoad("pubmed");
        if (DataFiles.Find("planetoid/ind.pubmed.allx") is null)
        {
            Assert.Null(graph);
            Assert.Equal("planetoid/ind.pubmed.allx", missing);
        }
        else
        {
            Assert.Equal((19717, 500, 3), (graph!.Nodes, graph.Features.Columns, graph.Classes));
            Assert.Null(missing);
        }
    }

    [DataFact("planetoid/ind.cora.graph")]
    public void RandomSplitsKeepTheSizesAndClassBalance()
    {
        var cora = Planetoid.Load("cora");
        var split = Planetoid.RandomSplit(cora, seed: 3);
        Assert.Equal((140, 500, 1000), (split.Train.Length, split.Validation.Length, split.Test.Length));
        Assert.Equal(Enumerable.Repeat(20, 7), split.Train.GroupBy(i => cora.Labels[i]).Select(g => g.Count()));
        Assert.Empty(split.Train.Intersect(split.Validation).Concat(split.Train.Intersect(split.Test)).Concat(split.Validation.Intersect(split.Test)));
        Assert.Equal(split.Test, Planetoid.RandomSplit(cora, seed: 3).Test);
        Assert.NotEqual(split.Test, Planetoid.RandomSplit(cora, seed: 4).Test);
    }
}
