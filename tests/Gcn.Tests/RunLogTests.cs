namespace Papers.Gcn.Tests;

public sealed class RunLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gcn-log-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ResumeFindsGcnRunsAndTheirCurveByDatasetModelSplitAndSeed()
    {
        var config = new GcnConfig { Out = _folder };
        var trained = new List<int>();
        GcnRun Fake(int seed, List<GcnEpoch>? epochs)
        {
            trained.Add(seed);
            epochs?.Add(new GcnEpoch("cora", "RenormalizationTrick", "planetoid", seed, 1, 1.5, 0.5, 1.6, 0.4));
            return new GcnRun("cora", "RenormalizationTrick", "planetoid", seed, 1, 1.5, 1.6, 0.4, 0.8 + seed / 100.0, 0.1);
        }

        var first = Experiments.Log(config);
        first.Run(("cora", "RenormalizationTrick", "planetoid", 0), new List<GcnEpoch>(), e => Fake(0, e));
        first.Run(("cora", "RenormalizationTrick", "planetoid", 1), () => Fake(1, null));
        Assert.Equal([0, 1], trained);

        // A new process with --resume: seeds 0 and 1 come from the log, seed 2 trains.
        var resumed = Experiments.Log(config with { Resume = true });
        var curve = new List<GcnEpoch>();
        var again = resumed.Run(("cora", "RenormalizationTrick", "planetoid", 0), curve, e => Fake(0, e));
        resumed.Run(("cora", "RenormalizationTrick", "planetoid", 2), () => Fake(2, null));
        Assert.Equal([0, 1, 2], trained);
        Assert.Equal(0.8, again.TestAccuracy);
        Assert.Equal([new GcnEpoch("cora", "RenormalizationTrick", "planetoid", 0, 1, 1.5, 0.5, 1.6, 0.4)], curve);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_folder, "checkpoints", "runs.csv")).Length - 1);
    }
}
