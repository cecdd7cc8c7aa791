namespace Papers.QProp.Tests;

/// <summary>The η rules of §3.4 on fixed arrays.</summary>
public class EtaTests
{
    private static readonly double[] Advantages = [1, 2, 3, 4];
    private static readonly double[] Positive = [0.5, 0.4, 1.5, 2.0];              // cov = +0.7
    private static readonly double[] Negative = [2.0, 1.5, 0.4, 0.5];              // cov = −0.7

    [Fact]
    public void CovarianceMatchesHandValue()
    {
        AssertClose.Equal(0.7, QPropEstimator.Covariance(Advantages, Positive), abs: 1e-12);
        AssertClose.Equal(-0.7, QPropEstimator.Covariance(Advantages, Negative), abs: 1e-12);
    }

    [Theory]
    [InlineData(EtaRule.Standard, true, 1.0)]
    [InlineData(EtaRule.Standard, false, 1.0)]
    [InlineData(EtaRule.Conservative, true, 1.0)]
    [InlineData(EtaRule.Conservative, false, 0.0)]
    [InlineData(EtaRule.Aggressive, true, 1.0)]
    [InlineData(EtaRule.Aggressive, false, -1.0)]
    public void EtaFollowsTheSignOfTheCovariance(EtaRule rule, bool positive, double expected)
    {
        var eta = QPropEstimator.Eta(rule, Advantages, positive ? Positive : Negative);
        Assert.All(eta, e => Assert.Equal(expected, e));
        Assert.Equal(Advantages.Length, eta.Length);
    }

    [Fact]
    public void LearningSignalSubtractsEtaTimesControlVariate()
    {
        var signal = QPropEstimator.LearningSignal(Advantages, Positive, [1, 0, -1, 1]);
        AssertClose.Equal([0.5, 2, 4.5, 2], signal, abs: 1e-12);
    }

    [Fact]
    public void CenterGivesZeroMeanUnitStd()
    {
        var centred = QPropEstimator.Center([1, 2, 3, 4]);
        var std = Math.Sqrt(1.25);                                                 // population std, as numpy's
        AssertClose.Equal([-1.5 / std, -0.5 / std, 0.5 / std, 1.5 / std], centred, abs: 1e-7);
    }
}
