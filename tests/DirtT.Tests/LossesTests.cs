using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT.Tests;

[Collection("Serial")]
public class LossesTests
{
    // Row 1: p = (½, ½), H = ln 2. Row 2: logits (ln 3, 0), p = (¾, ¼), H = −¾ ln ¾ − ¼ ln ¼.
    private const double Ln2 = 0.69314718055994531;
    private const double EntropyThreeQuarters = 0.56233514461880829;

    [Fact]
    public void ConditionalEntropyOfFixedLogitsIsTheMeanRowEntropy()
    {
        using var logits = tensor(new[] { 0.0, 0.0, Math.Log(3), 0.0 }, [2, 2], ScalarType.Float64);
        using var entropy = Losses.ConditionalEntropy(logits);
        AssertClose.Equal((Ln2 + EntropyThreeQuarters) / 2, entropy.ToDouble(), 1e-15);
    }

    [Fact]
    public void KlOfFixedLogitsMatchesHandComputedValue()
    {
        // KL((½, ½) ‖ (¾, ¼)) = ½ ln(⅔) + ½ ln 2.
        using var p = tensor(new[] { 0.0, 0.0 }, [1, 2], ScalarType.Float64);
        using var q = tensor(new[] { Math.Log(3), 0.0 }, [1, 2], ScalarType.Float64);
        using var kl = Losses.Kl(p, q);
        AssertClose.Equal(0.5 * Math.Log(2.0 / 3) + 0.5 * Ln2, kl.ToDouble(), 1e-15);
    }

    [Fact]
    public void DomainLossesOfZeroLogitsAreLn2AndFlipLabels()
    {
        using var zero = zeros([3], ScalarType.Float64);
        using var sure = tensor(new[] { 20.0, 20.0, 20.0 }, [3], ScalarType.Float64);
        using var d = Losses.Discriminator(zero, zero);
        using var confusion = Losses.DomainConfusion(zero, zero);
        AssertClose.Equal(Ln2, d.ToDouble(), 1e-15);
        AssertClose.Equal(Ln2, confusion.ToDouble(), 1e-15);
        // Source logits +20 (D says "source"): cheap for the discriminator, costly for the classifier's confusion term.
        using var dSure = Losses.Discriminator(sure, -sure);
        using var confusionSure = Losses.DomainConfusion(sure, -sure);
        Assert.True(dSure.ToDouble() < 1e-8);
        AssertClose.Equal(20.0, confusionSure.ToDouble(), 1e-8);
    }

    [Fact]
    public void SoftCrossEntropyWithOneHotLabelsIsCrossEntropy()
    {
        using var logits = tensor(new[] { 1.0, -2.0, 0.5, 0.3, 0.2, -0.1 }, [2, 3], ScalarType.Float64);
        using var labels = tensor(new long[] { 2, 0 }, [2]);
        using var oneHot = tensor(new[] { 0.0, 0.0, 1.0, 1.0, 0.0, 0.0 }, [2, 3], ScalarType.Float64);
        using var soft = Losses.SoftCrossEntropy(oneHot, logits);
        using var hard = Losses.CrossEntropy(logits, labels);
        AssertClose.Equal(hard.ToDouble(), soft.ToDouble(), 1e-14);
    }
}
