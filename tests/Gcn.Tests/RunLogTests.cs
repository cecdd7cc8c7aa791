namespace Papers.Gcn.Tests;

public class RunLogTests
{
    [Fact]
    public void ResumeSkipsLoggedRunsAndReturnsTheirRowsAndCurves()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gcn-log-{Guid.NewGuid():N}");
        try
        {
            var config = new GcnConfig { Out = folder };
            var trained = new List<int>();
            GcnRun Fake(int seed, List<GcnEpoch>? epochs)
            {
                trained.Add(seed);
                epochs?.Add(new GcnEpoch("cora", "RenormalizationTrick", "planetoid", seed, 1, 1.5, 0.5, 1.6, 0.4));
                return new GcnRun("cora", "RenormalizationTrick", "planetoid", seed, 1, 1.5, 1.6, 0.4, 0.8 + seed / 100.0, 0.1);
            }

            var first = new RunLog(config);
            first.Run("cora", PropagationModel.RenormalizationTrick, "planetoid", 0, [], e => Fake(0, e));
            first.Run("cora", PropagationModel.RenormalizationTrick, "planetoid", 1, null, e => Fake(1, e));
            Assert.Equal([0, 1], trained);

            // A new process with --resume: seeds 0 and 1 come from the log, seed 2 trains.
            var resumed = new RunLog(config with { Resume = true });
            var curve = new List<GcnEpoch>();
            var again = resumed.Run("cora", PropagationModel.RenormalizationTrick, "planetoid", 0, curve, e => Fake(0, e));
            resumed.Run("cora", PropagationModel.RenormalizationTrick, "planetoid", 2, null, e => Fake(2, e));
            Assert.Equal([0, 1, 2], trained);
            Assert.Equal(0.8, again.TestAccuracy);
            Assert.Single(curve);
            Assert.Equal(3, File.ReadAllLines(Path.Combine(folder, "checkpoints", "runs.csv")).Length - 1);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ResumeWithoutACheckpointSaysHowToStart()
    {
        var config = new GcnConfig { Out = Path.Combine(Path.GetTempPath(), $"gcn-none-{Guid.NewGuid():N}"), Resume = true };
        var e = Assert.Throws<InvalidOperationException>(() => new RunLog(config));
        Assert.Contains("run without --resume", e.Message);
    }
}
