namespace Papers.QProp.Tests;

/// <summary>The η rules of §3.4 and Algorithm 1 on fixed arrays, against hand-computed values.</summary>
public class EtaTests
{
    private static readonly double[] Advantages = [1, 2, 3, 4];
    private static readonly double[] Positive = [0.5, 0.4, 1.5, 2.0];              // cov = +0.7
    private static readonly double[] Negative = [2.0, 1.5, 0.4, 0.5];              // cov = −0.7

    // Â and Ā with mixed signs: Âᵢ·Āᵢ = −1.0, +0.5, 0 (Â = 0), +6, −0.06, 0 (Ā = 0)
    private static readonly double[] MixedAdvantages = [-2.0, 1.0, 0.0, 3.0, 0.3, -1.5];
    private static readonly double[] MixedControlVariate = [0.5, 0.5, 4.0, 2.0, -0.2, 0.0];

    [Fact]
    public void CovarianceMatchesHandValue()
    {
        AssertClose.Equal(0.7, QPropEstimator.Covariance(Advantages, Positive), abs: 1e-12);
        AssertClose.Equal(-0.7, QPropEstimator.Covariance(Advantages, Negative), abs: 1e-12);
    }

    /// <summary>Conservative: ηᵢ = 1 where Âᵢ·Āᵢ &gt; 0, else 0 (a zero product gives 0, as rllab++'s `&gt; 0`).</summary>
    [Fact]
    public void ConservativeEtaIsOneWhereTheSingleSampleCovarianceIsPositive()
    {
        var eta = QPropEstimator.Eta(EtaRule.Conservative, MixedAdvantages, MixedControlVariate);
        Assert.Equal([0.0, 1.0, 0.0, 1.0, 0.0, 0.0], eta);
    }

    /// <summary>Aggressive: ηᵢ = sign(Âᵢ·Āᵢ), so −1 where the two disagree and 0 where either is 0.</summary>
    [Fact]
    public void AggressiveEtaIsTheSignOfTheSingleSampleCovariance()
    {
        var eta = QPropEstimator.Eta(EtaRule.Aggressive, MixedAdvantages, MixedControlVariate);
        Assert.Equal([-1.0, 1.0, 0.0, 1.0, -1.0, 0.0], eta);
    }

    /// <summary>
    /// The per-sample rules differ from the batch rule: with Positive every product is positive, so conservative and
    /// aggressive give all ones; with Negative also (all Â and Ā are positive), although the batch covariance is −0.7.
    /// </summary>
    [Fact]
    public void PerSampleRulesIgnoreTheBatchCovariance()
    {
        foreach (var cv in new[] { Positive, Negative })
        {
            Assert.Equal([1.0, 1.0, 1.0, 1.0], QPropEstimator.Eta(EtaRule.Conservative, Advantages, cv));
            Assert.Equal([1.0, 1.0, 1.0, 1.0], QPropEstimator.Eta(EtaRule.Aggressive, Advantages, cv));
        }
        Assert.Equal([0.0, 0.0, 0.0, 0.0], QPropEstimator.Eta(EtaRule.ConservativeBatch, Advantages, Negative));
    }

    [Theory]
    [InlineData(EtaRule.Standard, true, 1.0)]
    [InlineData(EtaRule.Standard, false, 1.0)]
    [InlineData(EtaRule.ConservativeBatch, true, 1.0)]
    [InlineData(EtaRule.ConservativeBatch, false, 0.0)]
    public void BatchRulesFollowTheSignOfTheBatchCovariance(EtaRule rule, bool positive, double expected)
    {
        var eta = QPropEstimator.Eta(rule, Advantages, positive ? Positive : Negative);
        Assert.All(eta, e => Assert.Equal(expected, e));
        Assert.Equal(Advantages.Length, eta.Length);
    }

    /// <summary>Conservative η on the mixed case gives the signal Âᵢ − ηᵢĀᵢ by hand: only samples 2 and 4 change.</summary>
    [Fact]
    public void ConservativeSignalSubtractsTheControlVariateWhereEtaIsOne()
    {
        var eta = QPropEstimator.Eta(EtaRule.Conservative, MixedAdvantages, MixedControlVariate);
        var signal = QPropEstimator.LearningSignal(MixedAdvantages, MixedControlVariate, eta);
        AssertClose.Equal([-2.0, 0.5, 0.0, 1.0, 0.3, -1.5], signal, abs: 1e-12);
        var aggressive = QPropEstimator.LearningSignal(MixedAdvantages, MixedControlVariate, QPropEstimator.Eta(EtaRule.Aggressive, MixedAdvantages, MixedControlVariate));
        AssertClose.Equal([-1.5, 0.5, 0.0, 1.0, 0.1, -1.5], aggressive, abs: 1e-12);
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
