namespace Papers.Hnn.Tests;

/// <summary>The closure's neighbour lists, the stopping rule, and an embedding run that is killed and resumed.</summary>
public sealed class EmbeddingTrainingTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hnn-embedding-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>A 15-node binary tree's closure: (child, ancestor) for every ancestor.</summary>
    private static (int, int)[] TreeClosure()
    {
        var edges = new List<(int, int)>();
        for (var child = 1; child < 15; child++)
            for (var ancestor = (child - 1) / 2; ; ancestor = (ancestor - 1) / 2)
            {
                edges.Add((child, ancestor));
                if (ancestor == 0) break;
            }
        return [.. edges];
    }

    [Fact]
    public void NeighboursLinkEveryPairBothWaysAndNothingElse()
    {
        var edges = TreeClosure();
        var linked = new Neighbours(15, edges);
        var pairs = edges.SelectMany(e => new[] { e, (e.Item2, e.Item1) }).ToHashSet();
        for (var u = 0; u < 15; u++)
            for (var v = 0; v < 15; v++)
                Assert.Equal(pairs.Contains((u, v)), linked.Linked(u, v));
        Assert.Equal(15, linked.Nodes);
    }

    [Fact]
    public void NeighboursRefuseANodeOutsideTheGraph()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Neighbours(3, [(0, 1), (2, 3)]));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Neighbours(3, [(-1, 0)]));
    }

    [Theory]
    // the burn-in epochs never count; fewer than patience + 1 epochs after it: still training
    [InlineData(new[] { 9.0, 9.0, 5.0, 5.0, 5.0 }, 2, 3, false)]
    // the last 3 epochs' best (4.99) is 0.2% below the best before them (5.0): stopped at 1%
    [InlineData(new[] { 9.0, 8.0, 5.0, 5.0, 4.99, 5.0 }, 1, 3, true)]
    // the last 3 epochs' best (4.9) is 2% below: still falling
    [InlineData(new[] { 9.0, 8.0, 5.0, 5.0, 4.9, 5.0 }, 1, 3, false)]
    // the burn-in's low loss (1.0) is not the best to beat: after it, 5.0 → 4.0 is still a fall
    [InlineData(new[] { 1.0, 8.0, 5.0, 5.0, 4.0, 5.0 }, 1, 3, false)]
    [InlineData(new[] { 1.0, 8.0, 5.0, 5.0, 4.0, 5.0 }, 0, 3, true)]
    // a rise is not a fall
    [InlineData(new[] { 5.0, 5.0, 6.0, 7.0 }, 0, 2, true)]
    public void TrainingStopsWhenThePatienceWindowGainsLessThanTheTolerance(double[] losses, int burnIn, int patience, bool converged) =>
        Assert.Equal(converged, LossPlateau.Reached(losses, burnIn, patience, tolerance: 0.01));

    [Fact]
    public void AResumedRunEndsWithTheSamePointsAsAnUninterruptedOne()
    {
        var edges = TreeClosure();
        var linked = new Neighbours(15, edges);
        var config = new HnnConfig { EmbeddingEpochs = 6, EmbeddingBurnIn = 2, EmbeddingNegatives = 5, EmbeddingPatience = 50 };
        var whole = EmbeddingTraining.Train(config, 15, edges, linked, 2, checkpoint: null);

        var path = Path.Combine(_folder.FullName, "embedding-d2.bin");
        var first = EmbeddingTraining.Train(config with { EmbeddingEpochs = 4 }, 15, edges, linked, 2, path);
        Assert.Equal(4, first.Epochs.Count);
        var resumed = EmbeddingTraining.Train(config with { Resume = true }, 15, edges, linked, 2, path);

        Assert.Equal(whole.Embedding.Points, resumed.Embedding.Points);   // every bit: double equality
        Assert.Equal(whole.Epochs.Select(e => (e.Epoch, e.LearningRate, e.Loss)), resumed.Epochs.Select(e => (e.Epoch, e.LearningRate, e.Loss)));
        Assert.Equal(first.Epochs.Select(e => e.Seconds), resumed.Epochs.Take(4).Select(e => e.Seconds));
        Assert.False(resumed.Converged);
        Assert.True(whole.Epochs[^1].Loss < whole.Epochs[0].Loss);
    }

    [Fact]
    public void ACheckpointOfAnotherEmbeddingIsRefusedAndLeavesThePointsAlone()
    {
        var path = Path.Combine(_folder.FullName, "embedding-d3.bin");
        var saved = new PoincareEmbedding(15, 3, new Random(1));
        EmbeddingTraining.Save(path, saved, [new EmbeddingEpoch(3, 0, 0.03, 2.5, 0.1)]);
        var loaded = new PoincareEmbedding(15, 3, new Random(2));
        Assert.Single(EmbeddingTraining.Load(path, loaded));
        Assert.Equal(saved.Points, loaded.Points);

        var other = new PoincareEmbedding(15, 2, new Random(2));
        var before = (double[])other.Points.Clone();
        Assert.Contains("dimension 3", Assert.Throws<InvalidDataException>(() => EmbeddingTraining.Load(path, other)).Message);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^8]);
        Assert.Contains("ends before its last point", Assert.Throws<InvalidDataException>(() => EmbeddingTraining.Load(path, loaded)).Message);
        Assert.Equal(before, other.Points);
    }

    [Fact]
    public void TheStoppingRuleEndsARunBeforeItsEpochLimit()
    {
        var edges = TreeClosure();
        var config = new HnnConfig { EmbeddingEpochs = 999, EmbeddingBurnIn = 1, EmbeddingNegatives = 5, EmbeddingPatience = 5, EmbeddingTolerance = 0.05 };
        var result = EmbeddingTraining.Train(config, 15, edges, new Neighbours(15, edges), 2, checkpoint: null);
        Assert.True(result.Converged);
        Assert.InRange(result.Epochs.Count, 7, 998);
        Assert.True(LossPlateau.Reached(result.Epochs.Select(e => e.Loss).ToList(), 1, 5, 0.05));
        Assert.False(LossPlateau.Reached(result.Epochs.SkipLast(1).Select(e => e.Loss).ToList(), 1, 5, 0.05));
    }
}
