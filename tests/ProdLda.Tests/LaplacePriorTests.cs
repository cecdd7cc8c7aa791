using static Papers.Torch.torch;

namespace Papers.ProdLda.Tests;

/// <summary>The paper's Laplace approximation of Dirichlet(α) and the KL term of the ELBO.</summary>
public class LaplacePriorTests
{
    /// <summary>Symmetric α: μ₁ = 0 and σ₁² = (1/α)(1 − 2/K) + K/(α K²); K = 50, α = 1 gives 0.96 + 0.02 = 0.98.</summary>
    [Theory]
    [InlineData(50, 1.0, 0.98)]
    [InlineData(200, 1.0, 0.995)]
    [InlineData(50, 0.02, 49.0)]
    public void SymmetricPriorHasTheClosedFormMoments(int topics, double alpha, double variance)
    {
        var prior = LaplacePrior.Symmetric(topics, alpha);
        Assert.Equal(topics, prior.Mean.Length);
        Assert.All(prior.Mean, m => Assert.Equal(0.0, m, 15));
        Assert.All(prior.Variance, v => Assert.Equal(variance, v, 12));
    }

    [Fact]
    public void KlIsZeroAtThePriorAndMatchesTheGaussianFormula()
    {
        var prior = LaplacePrior.Symmetric(4, 1.0);
        using var mean = tensor(prior.Mean, [1, 4], float64);
        using var variance = tensor(prior.Variance, [1, 4], float64);
        using var atPrior = Elbo.Kl(mean, variance.log(), mean, variance);
        Assert.Equal(0.0, atPrior.ToDouble(), 12);

        // K = 4, α = 1 → σ₁² = (1 − 2/4) + 4/16 = 0.75; per dimension KL = ½(σ²/0.75 + μ²/0.75 − 1 + log 0.75 − log σ²).
        double[] mu = [0.3, -1.2, 0.0, 2.0], sigma2 = [0.4, 1.5, 0.75, 0.1];
        var expected = mu.Select((m, k) => 0.5 * (sigma2[k] / 0.75 + m * m / 0.75 - 1 + Math.Log(0.75) - Math.Log(sigma2[k]))).Sum();
        using var kl = Elbo.Kl(tensor(mu, [1, 4], float64), tensor(sigma2, [1, 4], float64).log(), mean, variance);
        Assert.Equal(expected, kl.ToDouble(), 12);
    }

    [Fact]
    public void KlGradientsMatchFiniteDifferences()
    {
        var prior = LaplacePrior.Symmetric(5, 1.0);
        using var mean = tensor(prior.Mean, [1, 5], float64);
        using var variance = tensor(prior.Variance, [1, 5], float64);
        manual_seed(0);
        using var mu = randn([3, 5], float64, requires_grad: true);
        using var logSigma2 = randn([3, 5], float64, requires_grad: true);
        Assert.True(autograd.gradcheck(t => Elbo.Kl(t[0], t[1], mean, variance).sum(), [mu, logSigma2]) < 1e-6);
    }
}
