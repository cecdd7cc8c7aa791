using Papers.Shared.Data;
using Xunit.Abstractions;

namespace Papers.Shared.Tests.Data;

/// <summary>The pickles of the catalogued datasets, checked against the facts the data README records.</summary>
public class PickleRealDataTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("cora", 140, 1000, 1708, 1433, 7)]
    [InlineData("citeseer", 120, 1000, 2312, 3703, 6)]
    public void PlanetoidFeaturesAndOneHotLabelsHaveTheRecordedShapes(string ds, int train, int test, int all, int features, int classes)
    {
        if (TestFiles.Real($"planetoid/ind.{ds}.allx", output) is not { } allxPath) return;
        var x = Pickle.LoadCsr(allxPath.Replace(".allx", ".x"));
        var tx = Pickle.LoadCsr(allxPath.Replace(".allx", ".tx"));
        var allx = Pickle.LoadCsr(allxPath);
        Assert.Equal((train, features), (x.Rows, x.Columns));
        Assert.Equal((test, features), (tx.Rows, tx.Columns));
        Assert.Equal((all, features), (allx.Rows, allx.Columns));
        // Binary bag-of-words features, and x = allx[:len(y)].
        Assert.All(allx.Data, v => Assert.Equal(1f, v));
        Assert.Equal(allx.IndPtr[..(train + 1)], x.IndPtr);
        Assert.Equal(allx.Indices[..x.Nnz], x.Indices);

        foreach (var (part, rows) in new[] { ("y", train), ("ty", test), ("ally", all) })
        {
            var y = Pickle.LoadNdArray(allxPath.Replace(".allx", "." + part));
            Assert.Equal("int32", y.DType);
            Assert.Equal([(long)rows, classes], y.Shape);
            Assert.All(y.As<int>().Chunk(classes), row => Assert.Equal(1, row.Sum()));
        }
    }

    [Fact]
    public void CoraFeaturesHave2647NonZerosAndPubMedTestFeaturesAreTfIdf()
    {
        if (TestFiles.Real("planetoid/ind.cora.x", output) is not { } cora) return;
        Assert.Equal(2647, Pickle.LoadCsr(cora).Nnz);
        if (TestFiles.Real("planetoid/ind.pubmed.tx", output) is not { } pubmed) return;
        var tx = Pickle.LoadCsr(pubmed);
        Assert.Equal((1000, 500, 50140), (tx.Rows, tx.Columns, tx.Nnz));
        // The README rounds the TF-IDF range to "0.002 to 1.26".
        Assert.Equal(0.002, Math.Round(tx.Data.Min(), 3));
        Assert.Equal(1.26, Math.Round(tx.Data.Max(), 2));
    }

    [Theory]
    [InlineData("cora", 2708, 5278)]
    [InlineData("citeseer", 3327, 4676)]
    [InlineData("pubmed", 19717, 44327)]
    public void PlanetoidGraphsHaveTheRecordedNodesAndUndirectedEdges(string ds, int nodes, int edges)
    {
        if (TestFiles.Real($"planetoid/ind.{ds}.graph", output) is not { } path) return;
        var graph = Pickle.LoadGraph(path);

        Assert.Equal(Enumerable.Range(0, nodes).Select(n => (long)n), graph.Keys.Order());
        // Symmetrised and de-duplicated, self-loops included, as networkx.from_dict_of_lists builds it.
        var undirected = graph.SelectMany(e => e.Value.Select(v => (Math.Min(e.Key, v), Math.Max(e.Key, v)))).ToHashSet();
        Assert.Equal(edges, undirected.Count);
    }

    [Fact]
    public void ProdLdaVocabularyMaps1995WordsOntoIds0To1994()
    {
        if (TestFiles.Real("20news_prodlda/akashgit/vocab.pkl", output) is not { } path) return;
        var vocabulary = Pickle.LoadVocabulary(path);

        Assert.Equal(Enumerable.Range(0, 1995).Select(i => (long)i), vocabulary.Values.Order());
        Assert.Equal([0L, 1L, 2L, 3L, 4L], new[] { "_eos_", "write", "one", "use", "get" }.Select(w => vocabulary[w]));
    }

    [Theory]
    [InlineData("prefix_10_dataset/dev", 5000, 5000)]
    [InlineData("prefix_50_dataset/test", 5000, 5000)]
    [InlineData("snli_dataset/dev_2class", 6513, 3329)]
    [InlineData("snli_dataset/test_2class", 6456, 3368)]
    public void HyperbolicSentencePairsAreFiveTuplesWithTheRecordedLabelCounts(string file, int label0, int label1)
    {
        if (TestFiles.Real($"hyperbolic/{file}", output) is not { } path) return;
        var pairs = Assert.IsType<List<object?>>(Pickle.Load(path));

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

    [Fact]
    public void PrefixVocabularyIsUnkThenW0ToW99()
    {
        if (TestFiles.Real("hyperbolic/prefix_10_dataset/id_to_word", output) is not { } path) return;
        var words = Assert.IsType<List<object?>>(Pickle.Load(path));
        Assert.Equal(new object?[] { "<UNK>" }.Concat(Enumerable.Range(0, 100).Select(k => (object?)$"W{k}")), words);
    }
}
