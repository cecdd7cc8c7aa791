using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm.Tests;

[Collection("Serial")]
public class MetaLearnerTests
{
    private const double P = MetaLearner.P;

    // lstm-helper.lua preProc1/preProc2 by hand: |x| > e^−10 ≈ 4.54e-5 gives (ln|x| / 10, sign x), else (−1, e^10 x).
    [Theory]
    [InlineData(0.0, -1.0, 0.0)]
    [InlineData(1e-5, -1.0, 0.22026465794806718)]          // below e^−10: e^10 · 1e-5
    [InlineData(1e-3, -0.69077552789821368, 1.0)]           // ln(1e-3) / 10
    [InlineData(1.0, 0.0, 1.0)]
    [InlineData(-50.0, 0.39120230054281461, -1.0)]          // ln(50) / 10, sign −1
    public void PreprocessingMatchesTheFormula(double x, double first, double second)
    {
        using var input = tensor(new[] { x }, dtype: ScalarType.Float64);
        using var output = MetaLearner.Preprocess(input);
        Assert.Equal([1L, 2L], output.shape);
        var values = output.data<double>().ToArray();
        AssertClose.Equal(first, values[0], abs: 1e-12);
        AssertClose.Equal(second, values[1], abs: 1e-12);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // A meta-learner over 3 coordinates with every weight set by hand, in float64.
    private static MetaLearner Handmade(double wIh, double wHh, double b, double wF, double wI, double bF, double bI, double[] theta0)
    {
        using var generator = new Generator(0);
        using var c0 = tensor(theta0, dtype: ScalarType.Float64);
        var model = new MetaLearner(2, c0, generator).to(ScalarType.Float64);
        using var noGrad = no_grad();
        var values = new[] { wIh, wHh, b, wF, wI, bF, bI };
        foreach (var (parameter, value) in model.parameters().Take(values.Length).Zip(values)) parameter.fill_(value);
        return model;
    }

    /// <summary>
    /// One step by hand, with the initial biases of the paper's initialisation (b_F = 4.6, b_I = −4.6: f ≈ 0.99, i ≈ 0.01).
    /// Layer 1 (hidden 2, all input weights 0.01, bias 0.02, h₀ = c₀ = 0): every gate pre-activation is 0.01·Σx + 0.02,
    /// c₁ = σ(a)·tanh(a), h₁ = σ(a)·tanh(c₁). Layer 2: f = 0.01·(h₁ + h₁ + θ) + 4.6 with f₀ = 0, likewise i with −4.6;
    /// θ₁ = σ(f)·θ − σ(i)·∇.
    /// </summary>
    [Fact]
    public void OneCellStepMatchesHandComputedValues()
    {
        double[] theta0 = [0.5, -1.0, 2.0];
        double[] gradient = [1e-3, -50.0, 0.0];
        const double loss = 1.6;
        using var model = Handmade(wIh: 0.01, wHh: 0.03, b: 0.02, wF: 0.01, wI: 0.01, bF: 4.6, bI: -4.6, theta0);
        using var g = tensor(gradient, dtype: ScalarType.Float64);
        using var l = tensor(loss, dtype: ScalarType.Float64);
        using var noGrad = no_grad();
        var (state, input, forget) = model.Step(model.Initial(), l, g);
        var lossInputs = Math.Log(loss) / P + 1;                                    // (ln 1.6 / 10, sign 1.6)
        double[] gradientInputs = [Math.Log(1e-3) / P + 1, Math.Log(50) / P - 1, -1 + 0];
        for (var j = 0; j < 3; j++)
        {
            var a = 0.01 * (lossInputs + gradientInputs[j]) + 0.02;
            var c1 = Sigmoid(a) * Math.Tanh(a);
            var h1 = Sigmoid(a) * Math.Tanh(c1);
            var f = Sigmoid(0.01 * (2 * h1 + theta0[j]) + 4.6);
            var i = Sigmoid(0.01 * (2 * h1 + theta0[j]) - 4.6);
            AssertClose.Equal(f, forget.data<double>()[j], abs: 1e-12);
            AssertClose.Equal(i, input.data<double>()[j], abs: 1e-12);
            AssertClose.Equal(f * theta0[j] - i * gradient[j], state.Theta.data<double>()[j], abs: 1e-12);
            AssertClose.Equal(h1, state.H.data<double>()[2 * j], abs: 1e-12);
            Assert.InRange(f, 0.989, 0.991);
            Assert.InRange(i, 0.0096, 0.0104);
        }
    }

    /// <summary>The authors' initialisation starts as gradient descent with a small step: f ∈ σ([4, 5]), i ∈ σ([−5, −4]), up to the small weights.</summary>
    [Fact]
    public void InitialGatesStartNearGradientDescent()
    {
        using var generator = new Generator(3);
        using var theta0 = rand([100], generator: generator) - 0.5;
        using var model = new MetaLearner(20, theta0, generator);
        using var gradient = randn([100], generator: generator);
        using var noGrad = no_grad();
        var (_, input, forget) = model.Step(model.Initial(), tensor(2.0), gradient);
        Assert.All(forget.data<float>().ToArray(), f => Assert.InRange(f, Sigmoid(4) - 0.01, Sigmoid(5) + 0.01));
        Assert.All(input.data<float>().ToArray(), i => Assert.InRange(i, Sigmoid(-5) - 0.001, Sigmoid(-4) + 0.001));
        Assert.Equal(theta0.data<float>().ToArray(), model.C0.data<float>().ToArray());
    }

    /// <summary>
    /// The meta-gradient of three unrolled steps, with the learner's losses and gradients held fixed (they are inputs,
    /// §3.2), against central finite differences of the objective Σ r ⊙ θ₃ in float64, for every meta-parameter entry.
    /// </summary>
    [Fact]
    public void MetaGradientMatchesFiniteDifferences()
    {
        using var generator = new Generator(5);
        using var theta0 = (rand([4], generator: generator) - 0.5).to(ScalarType.Float64);
        using var model = new MetaLearner(3, theta0, generator).to(ScalarType.Float64);
        var losses = new[] { 2.0, 1.5, 0.7 }.Select(v => tensor(v, dtype: ScalarType.Float64)).ToArray();
        var gradients = Enumerable.Range(0, 3).Select(_ => randn([4], dtype: ScalarType.Float64, generator: generator) * 3).ToArray();
        using var r = randn([4], dtype: ScalarType.Float64, generator: generator);
        double Objective()
        {
            using var scope = NewDisposeScope();
            var state = model.Initial();
            for (var t = 0; t < 3; t++) state = model.Step(state, losses[t], gradients[t]).State;
            return (state.Theta * r).sum().ToDouble();
        }
        {
            using var scope = NewDisposeScope();
            var state = model.Initial();
            for (var t = 0; t < 3; t++) state = model.Step(state, losses[t], gradients[t]).State;
            model.zero_grad();
            (state.Theta * r).sum().backward();
        }
        var checkedEntries = 0;
        foreach (var parameter in model.parameters())
        {
            var analytic = parameter.grad!.flatten().data<double>().ToArray();
            for (var k = 0; k < analytic.Length; k++)
            {
                AssertClose.Equal(FiniteDifferences.Central(parameter, k, Objective), analytic[k], abs: 1e-7, rel: 1e-5);
                checkedEntries++;
            }
        }
        Assert.Equal(4 * 3 * 4 + 4 * 3 * 3 + 4 * 3 + 2 * 5 + 2 + 4, checkedEntries);
    }
}
