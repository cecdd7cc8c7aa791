using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

/// <summary>The pickles of the catalogued datasets, checked against the facts the data README records.</summary>
public class PickleRealDataTests
{
    [DataTheory("planetoid/ind.cora.allx", "planetoid/ind.citeseer.allx")]
    [InlineData("cora", 140, 1000, 1708, 1433, 7)]
    [InlineData("citeseer", 120, 1000, 2312, 3703, 6)]
    public void PlanetoidFeaturesAndOneHotLabelsHaveTheRecordedShapes(string ds, int train, int test, int all, int features, int classes)
    {
        string Part(string part) => DataFiles.Get($"planetoid/ind.{ds}.{part}");
        var x = Pickle.LoadCsr(Part("x"));
        var tx = Pickle.LoadCsr(Part("tx"));
        var allx = Pickle.LoadCsr(Part("allx"));
        Assert.Equal((train, features), (x.Rows, x.Columns));
        Assert.Equal((test, features), (tx.Rows, tx.Columns));
        Assert.Equal((all, features), (allx.Rows, allx.Columns));
        // Binary bag-of-words features, and x = allx[:len(y)].
        Assert.All(allx.Data, v => Assert.Equal(1f, v));
        Assert.Equal(allx.IndPtr[..(train + 1)], x.IndPtr);
        Assert.Equal(allx.Indices[..x.Nnz], x.Indices);

        foreach (var (part, rows) in new[] { ("y", train), ("ty", test), ("ally", all) })
        {
            var y = Pickle.LoadNdArray(Part(part));
            Assert.Equal("int32", y.DType);
            Assert.Equal([(long)rows, classes], y.Shape);
            Assert.All(y.As<int>().Chunk(classes), row => Assert.Equal(1, row.Sum()));
        }
    }

    [DataFact("planetoid/ind.cora.x", "planetoid/ind.pubmed.tx")]
    public void CoraFeaturesHave2647NonZerosAndPubMedTestFeaturesAreTfIdf()
    {
        Assert.Equal(2647, Pickle.LoadCsr(DataFiles.Get("planetoid/ind.cora.x")).Nnz);
        var tx = Pickle.LoadCsr(DataFiles.Get("planetoid/ind.pubmed.tx"));
        Assert.Equal((1000, 500, 50140), (tx.Rows, tx.Columns, tx.Nnz));
        // The README rounds the TF-IDF range to "0.002 to 1.26".
        Assert.Equal(0.002, Math.Round(tx.Data.Min(), 3));
        Assert.Equal(1.26, Math.Round(tx.Data.Max(), 2));
    }

    [DataTheory("planetoid/ind.cora.graph", "planetoid/ind.citeseer.graph", "planetoid/ind.pubmed.graph")]
    [InlineData("cora", 2708, 5278)]
    [InlineData("citeseer", 3327, 4676)]
    [InlineData("pubmed", 19717, 44327)]
    public void PlanetoidGraphsHaveTheRecordedNodesAndUndirectedEdges(string ds, int nodes, int edges)
    {
        var graph = Pickle.LoadGraph(DataFiles.Get($"planetoid/ind.{ds}.graph"));

        Assert.Equal(Enumerable.Range(0, nodes).Select(n => (long)n), graph.Keys.Order());
        // Symmetrised and de-duplicated, self-loops included, as networkx.from_dict_of_lists builds it.
        var undirected = graph.SelectMany(e => e.Value.Select(v => (Math.Min(e.Key, v), Math.Max(e.Key, v)))).ToHashSet();
        Assert.Equal(edges, undirected.Count);
    }

    [DataFact("20news_prodlda/akashgit/vocab.pkl")]
    public void ProdLdaVocabularyMaps1995WordsOntoIds0To1994()
    {
        var vocabulary = Pickle.LoadVocabulary(DataFiles.Get("20news_prodlda/akashgit/vocab.pkl"));

        Assert.Equal(Enumerable.Range(0, 1995).Select(i => (long)i), vocabulary.Values.Order());
        Assert.Equal([0L, 1L, 2L, 3L, 4L], new[] { "_eos_", "write", "one", "use", "get" }.Select(w => vocabulary[w]));
    }

    [DataTheory("hyperbolic/prefix_10_dataset/dev", "hyperbolic/prefix_50_dataset/test", "hyperbolic/snli_dataset/dev_2class", "hyperbolic/snli_dataset/test_2class")]
    [InlineData("prefix_10_dataset/dev", 5000, 5000)]
    [InlineData("prefix_50_dataset/test", 5000, 5000)]
    [InlineData("snli_dataset/dev_2class", 6513, 3329)]
    [InlineData("snli_dataset/test_2class", 6456, 3368)]
    public void HyperbolicSentencePairsAreFiveTuplesWithTheRecordedLabelCounts(string file, int label0, int label1)
    {
        var pairs = Assert.IsType<List<object?>>(Pickle.Load(DataFiles.Get($"hyperbolic/{file}")));

        var labels = new int[2];
        foreach (var pair in pairs)
        {
            // (sent1, len1, sent2, len2, label)
            var t = Assert.IsType<object?[]>(pair);
            Assert.Equal(5, t.Length);
            Assert.Equal((long)Assert.IsType<List<object?>>(t[0]).Count, t[1]);
            Assert.Equal((long)Assert.IsType<List<object?>>(t[2]).Count, t[3]);
            labels[(int)(long)t[4]!]++;
        }
        Assert.Equal([label0, label1], labels);
    }

    [DataFact("hyperbolic/prefix_10_dataset/id_to_word")]
    public void PrefixVocabularyIsUnkThenW0ToW99()
    {
        var words = Assert.IsType<List<object?>>(Pickle.Load(DataFiles.Get("hyperbolic/prefix_10_dataset/id_to_word")));
        Assert.Equal(new object?[] { "<UNK>" }.Concat(Enumerable.Range(0, 100).Select(k => (object?)$"W{k}")), words);
    }
}
