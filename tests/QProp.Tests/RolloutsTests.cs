namespace Papers.QProp.Tests;

/// <summary>Discounted sums, GAE and the linear baseline against hand-computed values.</summary>
public class RolloutsTests
{
    /// <summary>r = [1, 2, 3], γ = 0.5: [1 + 1 + 0.75, 2 + 1.5, 3] = [2.75, 3.5, 3].</summary>
    [Fact]
    public void DiscountCumsumByHand() =>
        AssertClose.Equal([2.75, 3.5, 3.0], Rollouts.DiscountCumsum([1, 2, 3], 0.5), abs: 1e-12);

    /// <summary>
    /// r = [1, 0, 2], V = [0.5, 1, −1], γ = 0.9, λ = 0.8, V = 0 after the end:
    /// δ = [1 + 0.9 − 0.5, 0 − 0.9 − 1, 2 + 0 + 1] = [1.4, −1.9, 3];
    /// Â₂ = 3, Â₁ = −1.9 + 0.72·3 = 0.26, Â₀ = 1.4 + 0.72·0.26 = 1.5872.
    /// </summary>
    [Fact]
    public void GaeByHand() =>
        AssertClose.Equal([1.5872, 0.26, 3.0], Rollouts.Gae([1, 0, 2], [0.5, 1, -1], 0.9, 0.8), abs: 1e-12);

    /// <summary>With λ = 1 GAE is the discounted return minus the baseline.</summary>
    [Fact]
    public void GaeWithLambdaOneIsReturnMinusBaseline()
    {
        double[] rewards = [1, -2, 0.5, 3], values = [0.3, -0.1, 2, 1];
        var returns = Rollouts.DiscountCumsum(rewards, 0.99);
        AssertClose.Equal(returns.Select((r, t) => r - values[t]).ToArray(), Rollouts.Gae(rewards, values, 0.99, 1.0), abs: 1e-12);
    }

    [Fact]
    public void CholeskySolvesRidgeSystem()
    {
        double[] a = [4, 2, 2, 3];
        var x = Cholesky.Solve(a, [2, 1], 2, ridge: 1)!;                           // (A + I) x = b: [[5, 2], [2, 4]]
        AssertClose.Equal([6 / 16.0, 1 / 16.0], x, abs: 1e-12);
    }

    /// <summary>Returns that are an exact linear function of the features are fitted to within the ridge's bias.</summary>
    [Fact]
    public void LinearBaselineFitsLinearReturns()
    {
        using var baseline = new LinearFeatureBaseline(1);
        double[] obs = [0.5, -1, 2, 0.1, -0.3, 1.5];
        var path = new Trajectory(1, 1, obs, new double[6], new double[6], [0.0], false);
        var target = obs.Select((o, t) => 2 * o - o * o + 0.5 * t / 100.0 + 1).ToArray();
        baseline.Fit([path], [target]);
        AssertClose.Equal(target, baseline.Predict(path), abs: 1e-3);
    }
}
