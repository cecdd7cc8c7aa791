using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT.Tests;

/// <summary>Points in the plane with labels: a domain of the two-moons check.</summary>
public sealed class Points(Tensor x, Tensor labels) : IDomainData
{
    public long Count => labels.shape[0];
    public Tensor Labels => labels;
    public Tensor Batch(Tensor rows) => x.index_select(0, rows);                 // [B, 2]

    /// <summary>
    /// scikit-learn's make_moons: n/2 points (cos t, sin t) and n/2 points (1 − cos t, ½ − sin t), t ~ U(0, π),
    /// plus N(0, noise²); the whole set then rotated by <paramref name="degrees"/> about the moons' centre (½, ¼).
    /// </summary>
    public static Points Moons(int n, double noise, double degrees, ulong seed)
    {
        using var generator = new Generator(seed);
        using var scope = NewDisposeScope();
        var t = rand([n], ScalarType.Float64, generator: generator) * Math.PI;
        var upper = arange(n, dtype: ScalarType.Int64) < n / 2;
        var px = where(upper, t.cos(), 1 - t.cos());
        var py = where(upper, t.sin(), 0.5 - t.sin());
        var points = stack([px, py], 1) + randn([n, 2], ScalarType.Float64, generator: generator) * noise;   // [n, 2]
        var (cos, sin) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
        var rotation = tensor(new[] { cos, sin, -sin, cos }, [2, 2], ScalarType.Float64);   // row vectors times Rᵀ
        var centre = tensor(new[] { 0.5, 0.25 }, [1, 2], ScalarType.Float64);
        var rotated = ((points - centre).matmul(rotation) + centre).to(ScalarType.Float32);
        return new Points(rotated.MoveToOuterDisposeScope(), upper.logical_not().to(ScalarType.Int64).MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        x.Dispose();
        labels.Dispose();
    }
}

/// <summary>A small MLP with the small network's split: encoder 2 → 32 → 32 (batch norm, leaky ReLU 0.1), head 32 → 2.</summary>
public sealed class Mlp : Network
{
    private readonly nn.Module<Tensor, Tensor> _l1 = nn.Linear(2, 32);
    private readonly nn.Module<Tensor, Tensor> _l2 = nn.Linear(32, 32);
    private readonly nn.Module<Tensor, Tensor> _head = nn.Linear(32, 2);
    private readonly BatchNorm _bn1 = new(32);
    private readonly BatchNorm _bn2 = new(32);

    public Mlp() : base(nameof(Mlp))
    {
        register_module("l1", _l1);
        register_module("bn1", _bn1);
        register_module("l2", _l2);
        register_module("bn2", _bn2);
        register_module("head", _head);
    }

    public override Tensor Encode(Tensor x, Phase phase)
    {
        var h = nn.functional.leaky_relu(_bn1.Apply(_l1.call(x), phase), 0.1);
        return nn.functional.leaky_relu(_bn2.Apply(_l2.call(h), phase), 0.1);
    }

    public override Tensor Classify(Tensor h, Phase phase) => _head.call(h);

    public override long FeatureSize() => 32;
}

[Collection("Serial")]
public class TwoMoonsTests
{
    private static DirtTConfig Config(string folder) => new()
    {
        Source = "moons", Target = "moons-rotated-35", Threads = 1, Out = folder,
        BatchSize = 32, Iterations = 300, DirtIterations = 300, TeacherInterval = 100, EvaluateEvery = 100, CheckpointEvery = 300,
        Radius = 0.3, Xi = 1e-3, DomainWeight = 1e-2, SourceWeight = 1, TargetWeight = 1e-1, TeacherWeight = 1e-2,
        LearningRate = 1e-2, EmaDecay = 0.99,
    };

    /// <summary>VADA stopped after 150 of 300 iterations and resumed ends where the uninterrupted run ends, bit for bit.</summary>
    [Fact]
    public void ResumedRunEndsAsTheUninterruptedOne()
    {
        Repro.SetThreads(1);
        var (straight, interrupted) = (Directory.CreateTempSubdirectory("dirt-t-straight").FullName, Directory.CreateTempSubdirectory("dirt-t-resumed").FullName);
        try
        {
            using var source = Points.Moons(300, 0.1, 0, seed: 1);
            using var target = Points.Moons(300, 0.1, 35, seed: 2);
            using var targetTest = Points.Moons(300, 0.1, 35, seed: 3);
            MethodRun Run(DirtTConfig config) => Train.Cell(config, Methods.Vada, 0, 0, () => new Mlp(), source, (target, targetTest), []);
            var whole = Run(Config(straight));
            var half = Run(Config(interrupted) with { Iterations = 150 });
            Assert.Equal(150, half.Iterations);
            var resumed = Run(Config(interrupted) with { Resume = true });
            Assert.Equal(300, resumed.Iterations);
            Assert.Equal(whole.TargetAccuracy, resumed.TargetAccuracy);
            // Every float tensor of the two final checkpoints (weights, EMA, teacher, discriminator, Adam's moments).
            var a = load(Checkpointer.DefaultPath("dirt-t", Config(straight), Train.CellName(Methods.Vada, 0, 0)));
            var b = load(Checkpointer.DefaultPath("dirt-t", Config(interrupted), Train.CellName(Methods.Vada, 0, 0)));
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
            var config = Config(folder);
            using var source = Points.Moons(300, 0.1, 0, seed: 1);
            using var target = Points.Moons(300, 0.1, 35, seed: 2);
            using var targetTest = Points.Moons(300, 0.1, 35, seed: 3);
            var curve = new List<CurvePoint>();
            var runs = Methods.All.Select(m => Train.Cell(config, m, 0, 0, () => new Mlp(), source, (target, targetTest), curve) with { Seconds = 0, SecondsPerIteration = 0 }).ToList();
            var accuracy = runs.ToDictionary(r => r.Method, r => r.TargetAccuracy);
            Assert.True(accuracy[Methods.SourceOnly] < accuracy[Methods.Vada], $"source-only {accuracy[Methods.SourceOnly]} ≥ VADA {accuracy[Methods.Vada]}");
            Assert.True(accuracy[Methods.Vada] <= accuracy[Methods.DirtT], $"VADA {accuracy[Methods.Vada]} > DIRT-T {accuracy[Methods.DirtT]}");
            Snapshot.VerifyCsv(runs, new CsvTolerances { Numbers = Tolerance.Abs(1e-9) }, variant: "runs");
            Snapshot.VerifyCsv(curve.Select(p => p with { Seconds = 0 }), new CsvTolerances { Numbers = Tolerance.Abs(1e-9) }, variant: "curve");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
