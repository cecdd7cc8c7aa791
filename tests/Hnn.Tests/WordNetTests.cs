namespace Papers.Hnn.Tests;

/// <summary>The noun closure against Nickel &amp; Kiela's counts, and the Poincaré embedding's distance and gradient.</summary>
public class WordNetTests
{
    // WordNet comes from the Debian package wordnet-base, which scripts/setup.sh installs.
    private const string DataNoun = WordNet.DefaultFolder + "/data.noun";
    private const string IndexNoun = WordNet.DefaultFolder + "/index.noun";
    private static readonly Lazy<WordNet> Nouns = new(() => WordNet.Load());

    /// <summary>Nickel &amp; Kiela (2017), §4: "82,115 nouns and 743,241 hypernymy relations".</summary>
    [DataFact(DataNoun, IndexNoun)]
    public void NounClosureHasNickelAndKielasCounts()
    {
        var wordNet = Nouns.Value;
        Assert.Equal(82_115, wordNet.Nodes);
        Assert.Equal(743_241, wordNet.Edges.Length);
    }

    [DataFact(DataNoun, IndexNoun)]
    public void SynsetNamesResolveThroughIndexNoun()
    {
        var wordNet = Nouns.Value;
        Assert.Equal(1_861_778, wordNet.Offsets[wordNet.Node("mammal.n.01")]);   // index.noun: "mammal n 1 ... 01861778"
        Assert.Equal(15_388, wordNet.Offsets[wordNet.Node("animal.n.01")]);
        Assert.Throws<ArgumentException>(() => wordNet.Node("mammal.v.01"));
        var mammals = wordNet.Subtree(wordNet.Node("mammal.n.01"));
        var animals = wordNet.Subtree(wordNet.Node("animal.n.01"));
        Assert.True(mammals.Count(b => b) > 1000);
        Assert.All(Enumerable.Range(0, wordNet.Nodes).Where(i => mammals[i]), i => Assert.True(animals[i]));
    }

    /// <summary>Nickel &amp; Kiela's arcosh form of the distance equals Eq. 8's gyro form at c = 1.</summary>
    [Fact]
    public void EmbeddingDistanceEqualsTheGyroDistance()
    {
        double[] u = [0.3, -0.5, 0.1];
        double[] v = [-0.7, 0.2, 0.6];
        Assert.Equal(PoincareBall.WithCurvature(1).Distance(u, v), PoincareEmbedding.Distance(u, v), 1e-12);
    }

    [Fact]
    public void DistanceGradientMatchesFiniteDifferences()
    {
        double[] u = [0.3, -0.5, 0.1];
        double[] v = [-0.7, 0.2, 0.6];
        var (gu, gv) = (new double[3], new double[3]);
        PoincareEmbedding.DistanceGradient(u, v, 1.0, gu, gv);
        const double h = 1e-7;
        foreach (var (x, g) in new[] { (u, gu), (v, gv) })
            for (var i = 0; i < 3; i++)
            {
                var saved = x[i];
                x[i] = saved + h;
                var plus = PoincareEmbedding.Distance(u, v);
                x[i] = saved - h;
                var minus = PoincareEmbedding.Distance(u, v);
                x[i] = saved;
                Assert.Equal((plus - minus) / (2 * h), g[i], 1e-6);
            }
    }

    /// <summary>A 15-node binary tree's closure: a few epochs lower the loss and put the root nearer the origin than the leaves.</summary>
    [Fact]
    public void TrainingEmbedsATreeWithTheRootInTheMiddle()
    {
        var edges = new List<(int, int)>();
        for (var child = 1; child < 15; child++)
            for (var ancestor = (child - 1) / 2; ; ancestor = (ancestor - 1) / 2)
            {
                edges.Add((child, ancestor));
                if (ancestor == 0) break;
            }
        var linked = new Neighbours(15, edges);
        var random = new Random(0);
        var embedding = new PoincareEmbedding(15, 2, random);
        var first = embedding.Epoch([.. edges], linked, 5, 0.1, random);
        var last = first;
        for (var epoch = 0; epoch < 300; epoch++) last = embedding.Epoch([.. edges], linked, 5, 1.0, random);
        Assert.True(last < 0.5 * first, $"loss {first} → {last}");
        var leaves = Enumerable.Range(7, 8).Average(i => Vec.Norm(embedding.Point(i)));
        Assert.True(Vec.Norm(embedding.Point(0)) < leaves);
    }
}
