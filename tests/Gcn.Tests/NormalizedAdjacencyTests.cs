using Papers.Shared.Data;
using static Papers.Torch.torch;

namespace Papers.Gcn.Tests;

public class NormalizedAdjacencyTests
{
    /// <summary>The path 0 – 1 – 2 – 3, no self-loops: degrees 1, 2, 2, 1.</summary>
    private static Graph Path4() => new("path", new CsrMatrix(4, 1, [0, 0, 0, 0, 0], [], []), [0, 0, 1, 1], 2,
        [(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2)], [0], [1], [2]);

    [Fact]
    public void RenormalizedAdjacencyMatchesHandComputedValues()
    {
        // Ã = A + I has degrees 2, 3, 3, 2; Âᵢⱼ = Ãᵢⱼ / √(d̃ᵢ d̃ⱼ).
        double h = 1.0 / 2, t = 1.0 / 3, s = 1 / Math.Sqrt(6);
        double[] expected =
        [
            h, s, 0, 0,
            s, t, t, 0,
            0, t, t, s,
            0, 0, s, h,
        ];
        using var aHat = Propagation.Normalized(Path4(), selfLoops: true);
        AssertClose.Equal(expected, aHat.to_dense().to(float64).data<double>(), 1e-7, 0);
    }

    [Fact]
    public void NormalizedAdjacencyIsSymmetricAndZeroForIsolatedNodes()
    {
        // D^-½ A D^-½ on the path plus an isolated node 4: row 4 stays 0 instead of 0/0.
        var graph = Path4() with { Labels = [0, 0, 1, 1, -1], Features = new CsrMatrix(5, 1, [0, 0, 0, 0, 0, 0], [], []) };
        using var a = Propagation.Normalized(graph, selfLoops: false).to_dense();
        Assert.True(a.equal(a.t()));
        Assert.Equal(new float[5], a[4].data<float>());
        Assert.Equal(1 / Math.Sqrt(2), a[0, 1].ToDouble(), 6);
        Assert.Equal(0.5, a[1, 2].ToDouble(), 6);
    }

    [Fact]
    public void ChebyshevFilterEqualsTheSumOverExplicitPolynomials()
    {
        using var scope = NewDisposeScope();
        var graph = Path4();
        var identity = eye(4, dtype: float64);
        var laplacian = identity - Propagation.Normalized(graph, selfLoops: false).to_dense().to(float64);
        var lambdaMax = linalg.eigvalsh(laplacian).max().ToDouble();
        var lTilde = Propagation.ScaledLaplacian(graph);
        AssertClose.Equal((laplacian * (2 / lambdaMax) - identity).data<double>(), lTilde.to_dense().to(float64).data<double>(), 1e-6);
        // L̃'s spectrum lies in [-1, 1], the Chebyshev polynomials' domain (Eq. 4), and reaches 1.
        Assert.Equal(1.0, linalg.eigvalsh(lTilde.to_dense().to(float64)).max().ToDouble(), 5);

        // T₀ = I, T₁ = L̃, Tₖ = 2L̃Tₖ₋₁ − Tₖ₋₂, written out; Σₖ Tₖ Yₖ must equal the filter's Clenshaw sum.
        var l = lTilde.to_dense().to(float64);
        Tensor[] t = [identity, l, l.matmul(l) * 2 - identity, null!];
        t[3] = l.matmul(t[2]) * 2 - l;
        var y = Enumerable.Range(0, 4).Select(k => randn([4, 3], float64, generator: new Generator((ulong)k))).ToArray();
        var expected = t[0].matmul(y[0]) + t[1].matmul(y[1]) + t[2].matmul(y[2]) + t[3].matmul(y[3]);
        using var filter = Propagator.Chebyshev(lTilde.to(float64), 3);
        Assert.Equal(4, filter.Weights);
        AssertClose.Equal(expected.data<double>(), filter.Combine(y).data<double>(), 1e-12);
    }

    [Fact]
    public void EarlyStoppingFollowsTheAuthorsRule()
    {
        // Stop when epoch > window and the last loss exceeds the mean of the `window` before it.
        double[] falling = [10, 9, 8, 7];
        Assert.False(Train.ShouldStop(falling, 2));
        Assert.False(Train.ShouldStop([10, 9, 8.6], 2));      // epoch 2 is not > window 2
        Assert.True(Train.ShouldStop([10, 9, 8, 8.6], 2));    // 8.6 > mean(9, 8)
        Assert.False(Train.ShouldStop([10, 9, 8, 8.4], 2));   // 8.4 < 8.5
        Assert.False(Train.ShouldStop([10, 9, 8, 20], 0));    // window 0 disables it
    }
}
