using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan.Tests;

/// <summary>A CycleGAN small enough to train in seconds, between two toy domains of 8×8 images.</summary>
[Collection("Serial")]
public class TinyRunTests
{
    // X: a 2×2 bright square on a dark ground; Y: a 2×4 bright bar; positions drawn from a fixed seed.
    private static Tensor Shapes(int count, int height, int width, ulong seed)
    {
        using var generator = new Generator(seed);
        var images = full([count, 1, 8, 8], -1.0);
        var rows = randint(0, 8 - height + 1, [count], generator: generator).data<long>();
        var columns = randint(0, 8 - width + 1, [count], generator: generator).data<long>();
        for (var n = 0; n < count; n++)
            images[n, 0].narrow(0, rows[n], height).narrow(1, columns[n], width).fill_(1.0);
        return images;
    }

    private static CycleGanConfig Config(string folder) => new()
    {
        Ngf = 4, Ndf = 4, ResidualBlocks = 1, DiscriminatorLayers = 1, PoolSize = 4, Epochs = 1, DecayEpochs = 1, EpochIterations = 30,
        LogEvery = 10, CheckpointEvery = 20, SemanticWeights = [0], Threads = 1, Out = folder,
    };

    [Fact]
    public void CycleLossFallsInATinyDeterministicRun()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("cyclegan-tiny").FullName;
        try
        {
            var config = Config(folder);
            using var x = Shapes(24, 2, 2, seed: 1);
            using var y = Shapes(24, 2, 4, seed: 2);
            using var model = new CycleGanModel(config, 1, 8, 0, seed: 0);
            var curve = new List<CurvePoint>();
            var (iterations, _) = Train.Run(config, model, 0, x, y, curve);
            Assert.Equal(60, iterations);
            Assert.Equal(6, curve.Count);
            var (first, last) = (curve[0].CycleX + curve[0].CycleY, curve[^1].CycleX + curve[^1].CycleY);
            Assert.True(last < 0.8 * first, $"the cycle loss went from {first} to {last}");
            AssertClose.Equal(config.LearningRate * (1 - 1.0 / 2), curve[^1].LearningRate, 1e-12);   // the second epoch of 1 + 1 decays to lr₀ / 2
            Snapshot.VerifyCsv(curve.Select(p => p with { Seconds = 0 }), new CsvTolerances { Numbers = Tolerance.Abs(1e-6) });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AResumedModelContinuesExactlyAsAnUninterruptedOne()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("cyclegan-resume").FullName;
        try
        {
            var config = Config(folder) with { PoolSize = 2 };                     // a full pool, so swaps and stored images matter
            using var x = Shapes(24, 2, 2, seed: 1);
            using var y = Shapes(24, 2, 4, seed: 2);
            List<StepLosses> Steps(CycleGanModel model, int from, int to) =>
                Enumerable.Range(from, to - from).Select(step =>
                {
                    var losses = model.Step(x, y);
                    if ((step + 1) % 15 == 0) model.EndEpoch();                  // two epochs of 15
                    return losses;
                }).ToList();
            using var straight = new CycleGanModel(config, 1, 8, 0, seed: 0);
            var whole = Steps(straight, 0, 30);
            var path = Path.Combine(folder, "half.safetensors");
            List<StepLosses> resumed;
            using (var first = new CycleGanModel(config, 1, 8, 0, seed: 0))
            {
                Steps(first, 0, 15);
                first.Checkpoint.Step = 15;
                first.Checkpoint.Save(path);
            }
            using (var second = new CycleGanModel(config, 1, 8, 0, seed: 5))            // other weights and streams until loaded
            {
                Assert.Equal(15, second.Checkpoint.Load(path));
                resumed = Steps(second, 15, 30);
                using var a = straight.G.parameters().First().detach();
                using var b = second.G.parameters().First().detach();
                Assert.Equal(a.data<float>(), b.data<float>());
            }
            Assert.Equal(whole.Skip(15), resumed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
