using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp.Tests;

/// <summary>Conjugate gradient, the TRPO step and the Gaussian policy's log-likelihood and KL.</summary>
[Collection("Serial")]
public class TrustRegionTests
{
    /// <summary>A = [[4, 1], [1, 3]], b = [1, 2]: x = [1/11, 7/11], reached in two iterations (n = 2).</summary>
    [Fact]
    public void ConjugateGradientSolvesAKnownSystem()
    {
        using var a = tensor(new double[,] { { 4, 1 }, { 1, 3 } });
        using var b = tensor(new[] { 1.0, 2.0 });
        using var x = TrustRegion.ConjugateGradient(v => a.matmul(v), b, iterations: 2);
        AssertClose.Equal([1 / 11.0, 7 / 11.0], x.data<double>(), abs: 1e-12);
    }

    /// <summary>On a 5×5 SPD system (MᵀM + I) ten iterations reach the solution of torch's direct solve within 1e-8.</summary>
    [Fact]
    public void ConjugateGradientMatchesDirectSolve()
    {
        using var generator = new Generator(3);
        using var m = randn([5, 5], ScalarType.Float64, generator: generator);
        using var a = m.t().matmul(m) + eye(5, dtype: ScalarType.Float64);
        using var b = randn([5], ScalarType.Float64, generator: generator);
        using var x = TrustRegion.ConjugateGradient(v => a.matmul(v), b);
        using var residual = a.matmul(x) - b;
        Assert.True(residual.abs().max().ToDouble() < 1e-8, $"residual {residual.abs().max().ToDouble():G3}");
    }

    [Fact]
    public void LogLikelihoodMatchesTheGaussianDensity()
    {
        using var a = tensor(new[] { 0.3f, -1.0f }, [1, 2]);
        using var mu = tensor(new[] { 0.1f, 0.5f }, [1, 2]);
        using var logStd = tensor(new[] { (float)Math.Log(0.5), 0f });
        using var ll = GaussianPolicy.LogLikelihood(a, mu, logStd);
        var expected = Math.Log(Normal(0.3, 0.1, 0.5)) + Math.Log(Normal(-1.0, 0.5, 1.0));
        AssertClose.Equal(expected, ll.ToDouble(), abs: 1e-5);
    }

    /// <summary>KL(N(0, 1) ‖ N(1, 2²)) = log 2 + (1 + 1)/8 − ½ per dimension; zero between equal policies.</summary>
    [Fact]
    public void KlMatchesClosedForm()
    {
        using var zero = zeros([1, 1]);
        using var one = ones([1, 1]);
        using var logStd0 = zeros([1]);
        using var logStd1 = tensor(new[] { (float)Math.Log(2) });
        using var kl = GaussianPolicy.Kl(zero, logStd0, one, logStd1);
        AssertClose.Equal(Math.Log(2) + 2.0 / 8 - 0.5, kl.ToDouble(), abs: 1e-6);
        using var same = GaussianPolicy.Kl(one, logStd1, one, logStd1);
        AssertClose.Equal(0, same.ToDouble(), abs: 1e-7);
    }

    /// <summary>
    /// A TRPO step on a policy's likelihood-ratio surrogate lowers the loss and keeps the mean KL within δ = 0.01.
    /// </summary>
    [Fact]
    public void TrustRegionStepDecreasesLossWithinKl()
    {
        Papers.Shared.Repro.Repro.SetThreads(1);
        manual_seed(0);
        using var policy = new GaussianPolicy(3, 2, [8]);
        using var generator = new Generator(1);
        using var scope = NewDisposeScope();
        var obs = randn([64, 3], generator: generator);
        var actions = randn([64, 2], generator: generator);
        var advantage = randn([64], generator: generator);
        Tensor oldMean, oldLogStd, oldLl;
        using (no_grad())
        {
            oldMean = policy.call(obs);
            oldLogStd = policy.LogStd.detach().clone();
            oldLl = GaussianPolicy.LogLikelihood(actions, oldMean, oldLogStd);
        }
        Tensor Loss() => QPropEstimator.Surrogate((GaussianPolicy.LogLikelihood(actions, policy.call(obs), policy.LogStd) - oldLl).exp(), advantage, null, null);
        Tensor Kl() => GaussianPolicy.Kl(oldMean, oldLogStd, policy.call(obs), policy.LogStd).mean();
        var before = Loss().ToDouble();
        var (after, kl) = TrustRegion.Step(policy.parameters().ToList<Tensor>(), Loss, Kl, 0.01);
        Assert.True(after < before, $"loss {before} → {after}");
        Assert.InRange(kl, 1e-4, 0.01);
    }

    private static double Normal(double x, double mu, double sigma) =>
        Math.Exp(-0.5 * Math.Pow((x - mu) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI));
}
