using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT.Tests;

[Collection("Serial")]
public class TwoMoonsTests
{
    /// <summary>VADA stopped after 150 of 300 iterations and resumed ends where the uninterrupted run ends, bit for bit.</summary>
    [Fact]
    public void ResumedRunEndsAsTheUninterruptedOne()
    {
        Repro.SetThreads(1);
        var (straight, interrupted) = (Directory.CreateTempSubdirectory("dirt-t-straight").FullName, Directory.CreateTempSubdirectory("dirt-t-resumed").FullName);
        try
        {
            using var moons = TwoMoons.Domains();
            MethodRun Run(DirtTConfig config) => Train.Cell(config, Methods.Vada, 0, 0, () => new MoonsMlp(), moons.Source, (moons.Target, moons.TargetTest), []);
            var whole = Run(TwoMoons.Config(straight));
            var half = Run(TwoMoons.Config(interrupted) with { Iterations = 150 });
            Assert.Equal(150, half.Iterations);
            var resumed = Run(TwoMoons.Config(interrupted) with { Resume = true });
            Assert.Equal(300, resumed.Iterations);
            Assert.Equal(whole.TargetAccuracy, resumed.TargetAccuracy);
            Assert.Equal(whole.LiveAccuracy, resumed.LiveAccuracy);                  // the live weights, read back from the checkpoint
            // Every float tensor of the two final checkpoints (weights, EMA, teacher, discriminator, Adam's moments).
            var a = load(Checkpointer.DefaultPath("dirt-t", TwoMoons.Config(straight), Train.CellName(Methods.Vada, 0, 0)));
            var b = load(Checkpointer.DefaultPath("dirt-t", TwoMoons.Config(interrupted), Train.CellName(Methods.Vada, 0, 0)));
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            var floats = a.Keys.Where(k => a[k].dtype == ScalarType.Float32).ToList();
            Assert.True(floats.Count > 20, $"only {floats.Count} float tensors in the checkpoint");
            Assert.All(floats, k => Assert.Equal(a[k].data<float>(), b[k].data<float>()));
        }
        finally
        {
            Directory.Delete(straight, recursive: true);
            Directory.Delete(interrupted, recursive: true);
        }
    }

    [Fact]
    public void SourceOnlyBelowVadaNotAboveDirtTOnRotatedMoons()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("dirt-t-moons").FullName;
        try
        {
            var config = TwoMoons.Config(folder);
            using var moons = TwoMoons.Domains();
            var curve = new List<CurvePoint>();
            var runs = Methods.All.Select(m => Train.Cell(config, m, 0, 0, () => new MoonsMlp(), moons.Source, (moons.Target, moons.TargetTest), curve) with { Seconds = 0, SecondsPerIteration = 0 }).ToList();
            var accuracy = runs.ToDictionary(r => r.Method, r => r.TargetAccuracy);
            Assert.True(accuracy[Methods.SourceOnly] < accuracy[Methods.Vada], $"source-only {accuracy[Methods.SourceOnly]} ≥ VADA {accuracy[Methods.Vada]}");
            Assert.True(accuracy[Methods.Vada] <= accuracy[Methods.DirtT], $"VADA {accuracy[Methods.Vada]} > DIRT-T {accuracy[Methods.DirtT]}");
            // The checkpoints hold the models the table reports: their predictions give the same target accuracy.
            foreach (var run in runs)
            {
                using var probabilities = Train.Predict(config, run.Method, 0, 0, () => new MoonsMlp(), moons.TargetTest.All);   // [N, 2]
                var correct = probabilities.argmax(1).eq(moons.TargetTest.Labels).sum().ToInt64();
                Assert.Equal(run.TargetAccuracy, 100.0 * correct / moons.TargetTest.Count);
            }
            Snapshot.VerifyCsv(runs, new CsvTolerances { Numbers = Tolerance.Abs(1e-9) }, variant: "runs");
            Snapshot.VerifyCsv(curve.Select(p => p with { Seconds = 0 }), new CsvTolerances { Numbers = Tolerance.Abs(1e-9) }, variant: "curve");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
