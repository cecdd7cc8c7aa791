namespace Papers.Torch.Tests;

/// <summary>
/// One, two and three updates of SGD, Adam and RMSprop against PyTorch 1.13's update rules worked out by
/// hand. Parameters are float64 so the only differences from the written-out values are rounding: 1e-12.
/// </summary>
public class OptimizerTests
{
    private const double Tolerance = 1e-12;

    private static Tensor Param(params double[] values) => tensor(values, requires_grad: true);

    private static void SetGrad(Tensor parameter, params double[] grad) => parameter.grad = tensor(grad);

    private static void AssertValues(double[] expected, Tensor actual)
    {
        var values = actual.data<double>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], values[i], Tolerance);
    }

    [Fact]
    public void SgdStepMovesAgainstTheGradientByLr()
    {
        // θ − γg = [1, −2] − 0.1 · [0.5, 0.25] = [0.95, −2.025]
        using var p = Param(1, -2);
        using var sgd = optim.SGD([p], lr: 0.1);
        SetGrad(p, 0.5, 0.25);
        sgd.step();
        AssertValues([0.95, -2.025], p);
    }

    [Fact]
    public void SgdWeightDecayAddsLambdaThetaToTheGradient()
    {
        // g + λθ = [0.5, 0.5] + 0.1 · [2, −1] = [0.7, 0.4];  θ − 0.1 · g = [1.93, −1.04]
        using var p = Param(2, -1);
        using var sgd = optim.SGD([p], lr: 0.1, weight_decay: 0.1);
        SetGrad(p, 0.5, 0.5);
        sgd.step();
        AssertValues([1.93, -1.04], p);
    }

    [Fact]
    public void SgdMomentumStartsFromTheUndampedGradientThenDampsLaterOnes()
    {
        // μ = 0.9, τ = 0.5, γ = 0.1, θ₀ = 1, g = 1, 2, −1
        // b₁ = g₁ = 1 (no damping on the first step)    θ₁ = 1 − 0.1 · 1 = 0.9
        // b₂ = 0.9 · 1 + 0.5 · 2 = 1.9                  θ₂ = 0.9 − 0.19 = 0.71
        // b₃ = 0.9 · 1.9 + 0.5 · (−1) = 1.21            θ₃ = 0.71 − 0.121 = 0.589
        using var p = Param(1);
        using var sgd = optim.SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.5);
        double[][] grads = [[1], [2], [-1]];
        double[] buffers = [1, 1.9, 1.21], thetas = [0.9, 0.71, 0.589];
        for (var t = 0; t < 3; t++)
        {
            SetGrad(p, grads[t]);
            sgd.step();
            AssertValues([buffers[t]], sgd.state[p]["momentum_buffer"]);
            AssertValues([thetas[t]], p);
        }
    }

    [Fact]
    public void SgdFirstMomentumBufferIsACopyOfTheGradient()
    {
        using var p = Param(1, 1);
        using var sgd = optim.SGD([p], lr: 0.1, momentum: 0.9);
        SetGrad(p, 3, 4);
        sgd.step();
        p.grad!.zero_();
        AssertValues([3, 4], sgd.state[p]["momentum_buffer"]);
    }

    [Fact]
    public void SgdNesterovStepsAlongGradientPlusMomentumTimesBuffer()
    {
        // μ = 0.9, γ = 0.1, θ₀ = 1, g = 1, 2
        // b₁ = 1;  g + μb₁ = 1.9;  θ₁ = 1 − 0.19 = 0.81
        // b₂ = 0.9 + 2 = 2.9;  g + μb₂ = 2 + 2.61 = 4.61;  θ₂ = 0.81 − 0.461 = 0.349
        using var p = Param(1);
        using var sgd = optim.SGD([p], lr: 0.1, momentum: 0.9, nesterov: true);
        SetGrad(p, 1);
        sgd.step();
        AssertValues([0.81], p);
        SetGrad(p, 2);
        sgd.step();
        AssertValues([0.349], p);
    }

    [Fact]
    public void AdamFirstStepIsLrTimesGradientOverItsMagnitudePlusEps()
    {
        // Step 1: m = 0.1g, v = 0.001g², bias corrections 0.1 and 0.001, so θ − γ · g / (|g| + ε):
        // 1 − 0.01 · 0.1 / (0.1 + 1e-8) = 0.9900000009999999;  −1 + 0.01 · 2 / (2 + 1e-8) = −0.99000000005;
        // a zero gradient leaves 0.5 in place.
        using var p = Param(1, -1, 0.5);
        using var adam = optim.Adam([p], lr: 0.01);
        SetGrad(p, 0.1, -2, 0);
        adam.step();
        AssertValues([0.9900000009999999, -0.99000000005, 0.5], p);
        AssertValues([0.01, -0.2, 0], adam.state[p]["exp_avg"]);
        AssertValues([1e-5, 0.004, 0], adam.state[p]["exp_avg_sq"]);
        Assert.Equal(1, adam.state[p].Scalars["step"]);
    }

    [Fact]
    public void AdamThreeStepsFollowTheBiasCorrectedMoments()
    {
        // γ = 0.1, β = (0.9, 0.999), θ₀ = 1, g = 1, 3, −2;  θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
        // t=1: m = 0.1,   v = 0.001,       θ = 1 − 1 · 0.1 / (1 + 1e-8)                     = 0.900000001
        // t=2: m = 0.39,  v = 0.009999,    θ = 0.900000001 − (0.1/0.19) · 0.39 / (√(0.009999/0.001999) + 1e-8) = 0.8082218895123323
        // t=3: m = 0.151, v = 0.013989001, θ = 0.8082218895123323 − (0.1/0.271) · 0.151 / (√0.013989001 / √0.002997001 + 1e-8) = 0.7824315091221741
        using var p = Param(1);
        using var adam = optim.Adam([p], lr: 0.1);
        double[] grads = [1, 3, -2], m = [0.1, 0.39, 0.151], v = [0.001, 0.009999, 0.013989001];
        double[] thetas = [0.900000001, 0.8082218895123323, 0.7824315091221741];
        for (var t = 0; t < 3; t++)
        {
            SetGrad(p, grads[t]);
            adam.step();
            AssertValues([m[t]], adam.state[p]["exp_avg"]);
            AssertValues([v[t]], adam.state[p]["exp_avg_sq"]);
            AssertValues([thetas[t]], p);
        }
        Assert.Equal(3, adam.state[p].Scalars["step"]);
    }

    [Fact]
    public void AdamWeightDecayEntersTheMomentsAsPartOfTheGradient()
    {
        // g + λθ = [0, 0.5] + 0.1 · [2, 1] = [0.2, 0.6]: the parameter with no gradient moves too.
        // m = 0.1 · [0.2, 0.6];  θ = [2 − 0.01 · 0.2 / (0.2 + 1e-8), 1 − 0.01 · 0.6 / (0.6 + 1e-8)] = [1.9900000005, 0.9900000001666667]
        using var p = Param(2, 1);
        using var adam = optim.Adam([p], lr: 0.01, weight_decay: 0.1);
        SetGrad(p, 0, 0.5);
        adam.step();
        AssertValues([0.02, 0.06], adam.state[p]["exp_avg"]);
        AssertValues([1.9900000005, 0.9900000001666667], p);
    }

    [Theory]
    [InlineData(true, 0.8398370946158517)]
    [InlineData(false, 0.8150111828746056)]
    public void AmsgradNormalisesByTheLargestSecondMomentSoFar(bool amsgrad, double expected)
    {
        // γ = 0.1, β = (0.9, 0.5), θ₀ = 1, g = 3 then 0.1.
        // t=1: m = 0.3, v = 4.5; θ₁ = 1 − 1 · 0.3 / (√4.5 / √0.5 + 1e-8) = 0.9000000003333333
        // t=2: m = 0.28, v = 0.5 · 4.5 + 0.5 · 0.01 = 2.255 < max = 4.5; step size 0.1 / 0.19, √(1 − β₂²) = √0.75
        //   AMSGrad: θ₂ = θ₁ − (0.1/0.19) · 0.28 / (√4.5 / √0.75 + 1e-8)   = 0.8398370946158517
        //   Adam:    θ₂ = θ₁ − (0.1/0.19) · 0.28 / (√2.255 / √0.75 + 1e-8) = 0.8150111828746056
        using var p = Param(1);
        using var adam = optim.Adam([p], lr: 0.1, beta2: 0.5, amsgrad: amsgrad);
        SetGrad(p, 3);
        adam.step();
        AssertValues([0.9000000003333333], p);
        SetGrad(p, 0.1);
        adam.step();
        AssertValues([expected], p);
        Assert.Equal(amsgrad, adam.state[p].Tensors.ContainsKey("max_exp_avg_sq"));
        if (amsgrad) AssertValues([4.5], adam.state[p]["max_exp_avg_sq"]);
    }

    [Fact]
    public void RmspropDividesTheGradientByTheRootMeanSquare()
    {
        // α = 0.99: v = 0.01 · g² = [0.0025, 0.01];  θ − 0.01 · g / (√v + 1e-8)
        // = [1 − 0.005 / 0.05000001, 2 + 0.01 / 0.10000001] = [0.900000019999996, 2.099999990000001]
        using var p = Param(1, 2);
        using var rmsprop = optim.RMSprop([p], lr: 0.01);
        SetGrad(p, 0.5, -1);
        rmsprop.step();
        AssertValues([0.0025, 0.01], rmsprop.state[p]["square_avg"]);
        AssertValues([0.900000019999996, 2.099999990000001], p);
    }

    [Fact]
    public void CenteredRmspropSubtractsTheSquaredMeanGradient()
    {
        // ḡ = 0.01 · g = [0.005, −0.01];  v − ḡ² = [0.0025 − 0.000025, 0.01 − 0.0001] = [0.002475, 0.0099]
        // θ − 0.01 · g / (√(v − ḡ²) + 1e-8) = [0.899496238676095, 2.100503771424912]
        using var p = Param(1, 2);
        using var rmsprop = optim.RMSprop([p], lr: 0.01, centered: true);
        SetGrad(p, 0.5, -1);
        rmsprop.step();
        AssertValues([0.005, -0.01], rmsprop.state[p]["grad_avg"]);
        AssertValues([0.899496238676095, 2.100503771424912], p);
    }

    [Fact]
    public void RmspropMomentumAccumulatesScaledGradientsWithWeightDecay()
    {
        // γ = 0.01, α = 0.9, μ = 0.5, λ = 0.1, θ₀ = 1, ∇ = 0.5 then −1
        // t=1: g = 0.5 + 0.1 = 0.6; v = 0.1 · 0.36 = 0.036; b = 0.6 / (√0.036 + 1e-8) = 3.1622774935017217; θ = 1 − 0.01b = 0.9683772250649828
        // t=2: g = −1 + 0.1 · θ₁; v = 0.9 · 0.036 + 0.1g² = 0.11397020994872487; b = 0.5b + g / (√v + 1e-8) = −1.094146552137366
        //      θ = θ₁ − 0.01b = 0.9793186905863565
        using var p = Param(1);
        using var rmsprop = optim.RMSprop([p], lr: 0.01, alpha: 0.9, weight_decay: 0.1, momentum: 0.5);
        SetGrad(p, 0.5);
        rmsprop.step();
        AssertValues([3.1622774935017217], rmsprop.state[p]["momentum_buffer"]);
        AssertValues([0.9683772250649828], p);
        SetGrad(p, -1);
        rmsprop.step();
        AssertValues([0.11397020994872487], rmsprop.state[p]["square_avg"]);
        AssertValues([-1.094146552137366], rmsprop.state[p]["momentum_buffer"]);
        AssertValues([0.9793186905863565], p);
    }

    [Fact]
    public void AdamStateTakesTheParameterDtype()
    {
        // Step 1 on float32: θ − 0.01 · g / (|g| + ε) = [0.99, −0.99] to float32 rounding.
        using var p = tensor(new float[] { 1, -1 }, requires_grad: true);
        using var adam = optim.Adam([p], lr: 0.01);
        p.grad = tensor(new float[] { 0.1f, -2 });
        adam.step();
        Assert.Equal(float32, adam.state[p]["exp_avg"].dtype);
        Assert.Equal(float32, adam.state[p]["exp_avg_sq"].dtype);
        var values = p.data<float>();
        Assert.Equal(0.99f, values[0], 1e-6f);
        Assert.Equal(-0.99f, values[1], 1e-6f);
    }
}
