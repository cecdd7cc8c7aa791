using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

/// <summary>Points in the plane with labels: a domain of the two-moons shift.</summary>
public sealed class Points(Tensor x, Tensor labels) : IDomainData
{
    public long Count => labels.shape[0];
    public Tensor Labels => labels;
    public Tensor Batch(Tensor rows) => x.index_select(0, rows);                 // [B, 2]

    /// <summary>Every point, [n, 2].</summary>
    public Tensor All => x;

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
public sealed class MoonsMlp : Network
{
    private readonly nn.Module<Tensor, Tensor> _l1 = nn.Linear(2, 32);
    private readonly nn.Module<Tensor, Tensor> _l2 = nn.Linear(32, 32);
    private readonly nn.Module<Tensor, Tensor> _head = nn.Linear(32, 2);
    private readonly BatchNorm _bn1 = new(32);
    private readonly BatchNorm _bn2 = new(32);

    public MoonsMlp() : base(nameof(MoonsMlp))
    {
        register_module("l1", _l1);
        register_module("bn1", _bn1);
        register_module("l2", _l2);
        register_module("bn2", _bn2);
        register_module("head", _head);
    }

    public override Tensor Encode(Tensor x, Phase phase)
    {
        var h = nn.functional.leaky_relu(_bn1.Apply(_l1.call(x), phase), SmallNetwork.LeakySlope);
        return nn.functional.leaky_relu(_bn2.Apply(_l2.call(h), phase), SmallNetwork.LeakySlope);
    }

    public override Tensor Classify(Tensor h, Phase phase) => _head.call(h);

    public override long FeatureSize() => 32;
}

/// <summary>
/// The cluster assumption in two dimensions: two moons as the source, the same moons rotated by 35° as the target.
/// A classifier trained on the source alone cuts through the rotated moons; VADA's conditional entropy and VAT push
/// its boundary into the gap between them, and DIRT-T refines it on the target alone. Seconds on a CPU, one thread.
/// </summary>
public static class TwoMoons
{
    public const double Rotation = 35;
    public const int PointsPerDomain = 300;
    public const double Noise = 0.1;

    /// <summary>Source, target training and target test points (seeds 1, 2, 3).</summary>
    public static MoonDomains Domains() => new(
        Points.Moons(PointsPerDomain, Noise, 0, seed: 1),
        Points.Moons(PointsPerDomain, Noise, Rotation, seed: 2),
        Points.Moons(PointsPerDomain, Noise, Rotation, seed: 3));

    /// <summary>
    /// The settings for the plane: ε = 0.3 (the moons are about 0.5 apart, the images' 3.5 would cross them), ξ = 1e-3,
    /// λ_t = 0.1 (the top of the paper's grid), learning rate 1e-2, EMA decay 0.99, 300 + 300 iterations of 32 + 32 points.
    /// </summary>
    public static DirtTConfig Config(string folder) => new()
    {
        Source = "moons", Target = $"moons-rotated-{Rotation}", Threads = 1, Out = folder,
        BatchSize = 32, Iterations = 300, DirtIterations = 300, TeacherInterval = 100, EvaluateEvery = 100, CheckpointEvery = 300,
        Radius = 0.3, Xi = 1e-3, DomainWeight = 1e-2, SourceWeight = 1, TargetWeight = 1e-1, TeacherWeight = 1e-2,
        LearningRate = 1e-2, EmaDecay = 0.99,
    };
}

/// <summary>The three point sets of the two-moons shift.</summary>
public sealed record MoonDomains(Points Source, Points Target, Points TargetTest) : IDisposable
{
    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        TargetTest.Dispose();
    }
}
