using static Papers.Torch.torch;

namespace Papers.CycleGan.Tests;

public class LossesTests
{
    private const double Tolerance = 1e-6;   // float32 arithmetic on a handful of values

    [Fact]
    public void GeneratorLsganLossIsTheMeanSquaredDistanceToOne()
    {
        // ((0.5 − 1)² + (−1 − 1)² + (2 − 1)² + (1 − 1)²) / 4 = (0.25 + 4 + 1 + 0) / 4
        using var scores = tensor(new[] { 0.5f, -1f, 2f, 1f }, [1, 1, 2, 2]);
        AssertClose.Equal(1.3125, Losses.Generator(scores).ToDouble(), Tolerance);
    }

    [Fact]
    public void DiscriminatorLsganLossIsHalfTheSumOfRealAndFakeTerms()
    {
        // real: ((1 − 1)² + (0 − 1)²) / 2 = 0.5; fake: (0.5² + (−1.5)²) / 2 = 1.25; halved: 0.875
        using var real = tensor(new[] { 1f, 0f }, [2, 1, 1, 1]);
        using var fake = tensor(new[] { 0.5f, -1.5f }, [2, 1, 1, 1]);
        AssertClose.Equal(0.875, Losses.Discriminator(real, fake).ToDouble(), Tolerance);
    }

    [Fact]
    public void CycleLossIsTheMeanAbsoluteError()
    {
        // |0.5 − 0| + |−1 − 1| + |0.25 − 0.25| + |1 − (−1)| = 4.5 over 4 pixels
        using var reconstructed = tensor(new[] { 0.5f, -1f, 0.25f, 1f }, [1, 1, 2, 2]);
        using var real = tensor(new[] { 0f, 1f, 0.25f, -1f }, [1, 1, 2, 2]);
        AssertClose.Equal(1.125, Losses.Cycle(reconstructed, real).ToDouble(), Tolerance);
    }

    [Fact]
    public void IdentityLossIsZeroForAnIdentityMapAndTheMeanAbsoluteErrorOtherwise()
    {
        using var y = tensor(new[] { 0.1f, -0.2f, 0.3f, -0.4f }, [1, 1, 2, 2]);
        Assert.Equal(0, Losses.Identity(y, y).ToDouble());
        using var shifted = y + 0.5;
        AssertClose.Equal(0.5, Losses.Identity(shifted, y).ToDouble(), Tolerance);
    }

    [Fact]
    public void SemanticLossIsCrossEntropyAgainstTheClassifiersOwnPredictionOnTheOriginal()
    {
        // original logits predict class 2 and class 0; the translated logits' log-softmax at those classes:
        // row 1: log-softmax([1, 2, 3])[2] = 3 − log(e + e² + e³); row 2: log-softmax([0, 0, 0])[0] = −log 3
        using var original = tensor(new[] { 0f, 1f, 5f, 4f, 1f, 0f }, [2, 3]);
        using var translated = tensor(new[] { 1f, 2f, 3f, 0f, 0f, 0f }, [2, 3]);
        var row1 = Math.Log(Math.E + Math.Exp(2) + Math.Exp(3)) - 3;
        var row2 = Math.Log(3);
        AssertClose.Equal((row1 + row2) / 2, Losses.Semantic(translated, original).ToDouble(), Tolerance);
    }

    [Fact]
    public void TheSemanticLossSendsNoGradientIntoTheOriginalsPrediction()
    {
        using var original = tensor(new[] { 0f, 1f, 5f }, [1, 3]).requires_grad_();
        using var translated = tensor(new[] { 1f, 2f, 3f }, [1, 3]).requires_grad_();
        Losses.Semantic(translated, original).backward();
        Assert.Null(original.grad);
        Assert.NotNull(translated.grad);
    }
}
