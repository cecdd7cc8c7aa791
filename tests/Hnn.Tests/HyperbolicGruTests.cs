namespace Papers.Hnn.Tests;

/// <summary>One hyperbolic GRU step (Eq. 31-33) against values computed by hand from the closed forms.</summary>
public class HyperbolicGruTests
{
    /// <summary>
    /// From h = 0 with U^z = U^r = U = I and zero biases: z = σ(log₀ x), h̃ = I ⊗ x = x, and
    /// h' = 0 ⊕ diag(z) ⊗ (−0 ⊕ x) = exp₀(z ⊙ log₀ x), whatever W^z, W^r, W are; x = (0.3, 0.4).
    /// </summary>
    [Theory]
    [InlineData(1.0, 0.18507947593296492, 0.2580021626822556)]
    [InlineData(0.5, 0.1782869971935011, 0.24811240341350488)]
    public void StepFromZeroMatchesHandComputedValues(double c, double e0, double e1)
    {
        var cell = new HyperbolicGru("gru", 2, PoincareBall.WithCurvature(c), new Random(3));
        foreach (var p in cell.Parameters.Where(p => p.Name.EndsWith(".U"))) new double[] { 1, 0, 0, 1 }.CopyTo(p.Value, 0);
        var next = new double[2];
        cell.Step([0, 0], [0.3, 0.4], next, new double[cell.TapeLength]);
        Assert.Equal(e0, next[0], 1e-12);
        Assert.Equal(e1, next[1], 1e-12);
    }

    [Fact]
    public void StepFromZeroIgnoresTheRecurrentWeights()
    {
        var a = new HyperbolicGru("gru", 2, PoincareBall.WithCurvature(1), new Random(3));
        var b = new HyperbolicGru("gru", 2, PoincareBall.WithCurvature(1), new Random(4));
        foreach (var (pa, pb) in a.Parameters.Zip(b.Parameters).Where(p => !p.First.Name.EndsWith(".W"))) pa.Value.CopyTo(pb.Value, 0);
        var (na, nb) = (new double[2], new double[2]);
        a.Step([0, 0], [0.3, 0.4], na, new double[a.TapeLength]);
        b.Step([0, 0], [0.3, 0.4], nb, new double[b.TapeLength]);
        Assert.Equal(na, nb);
        Assert.NotEqual(a.Parameters[0].Value, b.Parameters[0].Value);
    }
}
