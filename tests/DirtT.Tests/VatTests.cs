using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT.Tests;

[Collection("Serial")]
public class VatTests
{
    private const double Radius = 3.5;
    // The authors' ξ = 1e-6 relies on dropout and noise making the two passes differ; on this deterministic classifier
    // the gradient at ξ = 1e-6 is ~1e-6 long, under TensorFlow's 1e-12 floor on the squared norm, so the probe is longer.
    private const double Xi = 1e-3;

    // A tiny float64 classifier: x [B, 2, 3] → tanh(x W₁) W₂ → 4 logits.
    private static Tensor Classifier(Tensor x, Tensor w1, Tensor w2) => x.flatten(1).matmul(w1).tanh().matmul(w2);

    private static (Tensor X, Tensor W1, Tensor W2) Problem()
    {
        using var generator = new Generator(11);
        return (randn([5, 2, 3], ScalarType.Float64, generator: generator),
                randn([6, 8], ScalarType.Float64, generator: generator),
                randn([8, 4], ScalarType.Float64, generator: generator));
    }

    [Fact]
    public void PerturbationHasLengthEpsilonPerExample()
    {
        var (x, w1, w2) = Problem();
        using var logits = Classifier(x, w1, w2);
        manual_seed(3);
        using var r = Losses.AdversarialPerturbation(v => Classifier(v, w1, w2), x, logits, Radius, Xi);
        Assert.Equal(x.shape, r.shape);
        var norms = r.flatten(1).norm([1]).data<double>();
        AssertClose.Equal(Enumerable.Repeat(Radius, 5).ToArray(), norms, 1e-12);
    }

    /// <summary>One power iteration from the random start u: the divergence along r_adv beats the one along u, per example.</summary>
    [Fact]
    public void PerturbationAscendsTheDivergenceFromItsRandomStart()
    {
        var (x, w1, w2) = Problem();
        using var logits = Classifier(x, w1, w2);
        manual_seed(3);
        using var r = Losses.AdversarialPerturbation(v => Classifier(v, w1, w2), x, logits, 0.01, Xi);
        manual_seed(3);
        using var start = Losses.Normalize(randn_like(x)) * 0.01;                  // the same first draw
        var adversarial = Losses.Kl(logits, Classifier(x + r, w1, w2)).data<double>();
        var random = Losses.Kl(logits, Classifier(x + start, w1, w2)).data<double>();
        for (var i = 0; i < adversarial.Length; i++)
            Assert.True(adversarial[i] > random[i], $"example {i}: KL along r_adv {adversarial[i]} ≤ along its start {random[i]}");
    }

    [Fact]
    public void KlIsZeroAtRadiusZero()
    {
        var (x, w1, w2) = Problem();
        using var logits = Classifier(x, w1, w2);
        using var loss = Losses.Vat(v => Classifier(v, w1, w2), x, logits, 0, Xi);
        Assert.Equal(0.0, loss.ToDouble());
    }

    /// <summary>
    /// The VAT gradient holds f(x) and r_adv fixed (the authors' stop-gradients): it must equal the central finite
    /// differences of KL(f̄(x) ‖ f(x + r̄)) with f̄(x) and r̄ frozen at the current weights.
    /// </summary>
    [Fact]
    public void VatGradientMatchesFiniteDifferencesWithPredictionAndPerturbationFixed()
    {
        var (x, w1, w2) = Problem();
        w1.requires_grad_(true);
        w2.requires_grad_(true);
        manual_seed(5);
        var loss = Losses.Vat(v => Classifier(v, w1, w2), x, Classifier(x, w1, w2), Radius, Xi);
        var analytic = autograd.grad([loss], [w1, w2]).Select(g => g!.data<double>()).ToArray();

        Tensor fixedLogits, r;
        using (no_grad()) fixedLogits = Classifier(x, w1, w2);
        manual_seed(5);
        r = Losses.AdversarialPerturbation(v => Classifier(v, w1, w2), x, fixedLogits, Radius, Xi);
        const double h = 1e-6;
        using var noGrad = no_grad();
        var weights = new[] { w1, w2 };
        for (var k = 0; k < 2; k++)
        {
            var view = weights[k].detach().view(-1);
            for (var i = 0; i < view.numel(); i++)
            {
                var original = view[i].ToDouble();
                double At(double value)
                {
                    view[i] = tensor(value, ScalarType.Float64);
                    return Losses.Kl(fixedLogits, Classifier(x + r, w1, w2)).mean().ToDouble();
                }
                var numeric = (At(original + h) - At(original - h)) / (2 * h);
                view[i] = tensor(original, ScalarType.Float64);
                AssertClose.Equal(numeric, analytic[k][i], 1e-8, 1e-6);
            }
        }
    }
}
