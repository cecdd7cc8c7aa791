using static Papers.Torch.torch.nn;

namespace Papers.Torch.Tests;

/// <summary>Initialisation: PyTorch's formulas, bounds and draw order. Seeds the default generator, hence Serial.</summary>
[Collection("Serial")]
public class InitTests
{
    /// <summary>max |w| over many draws reaches the bound from below: within 1% for 10⁴ uniform draws.</summary>
    private static void AssertUniformBound(Tensor w, double bound)
    {
        var largest = w.abs().max().ToDouble();
        Assert.InRange(largest, 0.99 * bound, bound);
    }

    [Fact]
    public void DefaultGeneratorReproducesPyTorchsFirstDraws()
    {
        using var scope = NewDisposeScope();
        // torch.manual_seed(0); torch.rand(5) and torch.manual_seed(0); torch.randn(3), as PyTorch prints them (4 decimals).
        manual_seed(0);
        NnAssert.Close([0.4963, 0.7682, 0.0885, 0.1320, 0.3074], rand([5]), 5e-5);
        manual_seed(0);
        NnAssert.Close([1.5410, -0.2934, -2.1788], randn([3]), 5e-5);
    }

    [Fact]
    public void LinearWithSeedZeroHasPyTorchsWeights()
    {
        using var scope = NewDisposeScope();
        // torch.manual_seed(0); nn.Linear(2, 1): W ~ U(−1/√2, 1/√2) from draws 0.4963, 0.7682, then b from 0.0885.
        manual_seed(0);
        using var lin = Linear(2, 1);
        NnAssert.Close([-0.0053, 0.3793], lin.weight, 5e-5);
        NnAssert.Close([-0.5820], lin.bias!, 5e-5);
    }

    [Fact]
    public void ModulesDrawWeightsThenBiasesInPyTorchsOrderAndBounds()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var conv = Conv2d(2, 3, 2, dtype: float64);
        manual_seed(7);
        var u = rand([3 * 2 * 2 * 2 + 3], float64);
        // fan_in = 2·2·2 = 8: W = U(−1/√8, 1/√8) (kaiming_uniform_ with a = √5), b = U(−1/√8, 1/√8), each u ↦ 2·bound·u − bound.
        var bound = 1 / Math.Sqrt(8);
        NnAssert.Close((u[..24] * (2 * bound) - bound).view(3, 2, 2, 2), conv.weight, 1e-15);
        NnAssert.Close(u[24..] * (2 * bound) - bound, conv.bias!, 1e-15);

        manual_seed(8);
        using var cell = LSTMCell(3, 4, dtype: float64);
        manual_seed(8);
        // Every RNN-cell parameter ~ U(−1/√H, 1/√H), in the order weight_ih, weight_hh, bias_ih, bias_hh.
        var v = rand([16 * 3 + 16 * 4 + 16 + 16], float64) - 0.5;
        var flat = cat(cell.parameters().Select(p => p.flatten()).ToList());
        NnAssert.Close(v, flat, 1e-15);
    }

    [Fact]
    public void TransposedConvolutionFanInIsOutChannelsTimesKernel()
    {
        using var scope = NewDisposeScope();
        using var up = ConvTranspose2d(4, 6, 3, dtype: float64);
        Assert.Equal([4L, 6, 3, 3], up.weight.shape);
        Assert.Equal((54L, 36L), init.calculate_fan_in_and_fan_out(up.weight));
        Assert.True(up.bias!.abs().max().ToDouble() <= 1 / Math.Sqrt(54));
    }

    [Fact]
    public void NormalisationAndEmbeddingStartWherePyTorchStarts()
    {
        using var scope = NewDisposeScope();
        using var bn = BatchNorm2d(3);
        NnAssert.Close([1, 1, 1], bn.weight!, 0);
        NnAssert.Close([0, 0, 0], bn.bias!, 0);
        NnAssert.Close([0, 0, 0], bn.running_mean!, 0);
        NnAssert.Close([1, 1, 1], bn.running_var!, 0);
        using var emb = Embedding(1000, 10, dtype: float64);
        Assert.InRange(emb.weight.std().ToDouble(), 0.97, 1.03);       // N(0, 1): the sample std of 10⁴ draws is within 3%
    }

    [Theory]
    [InlineData(init.FanInOut.FanIn, 50)]
    [InlineData(init.FanInOut.FanOut, 200)]
    public void KaimingUsesTheChosenFan(init.FanInOut mode, long fan)
    {
        using var scope = NewDisposeScope();
        var w = empty([200, 50], float64);
        // ReLU gain √2: uniform bound √3 · √2 / √fan, normal std √2 / √fan.
        init.kaiming_uniform_(w, mode: mode, nonlinearity: init.NonlinearityType.ReLU, generator: new Generator(1));
        AssertUniformBound(w, Math.Sqrt(6.0 / fan));
        init.kaiming_normal_(w, mode: mode, nonlinearity: init.NonlinearityType.ReLU, generator: new Generator(2));
        Assert.InRange(w.std().ToDouble() / Math.Sqrt(2.0 / fan), 0.97, 1.03);
    }

    [Fact]
    public void XavierUsesBothFansOfAConvolutionWeight()
    {
        using var scope = NewDisposeScope();
        var w = empty([64, 16, 3, 3], float64);                       // fan_in 16·9 = 144, fan_out 64·9 = 576
        init.xavier_uniform_(w, gain: 2, generator: new Generator(3));
        AssertUniformBound(w, 2 * Math.Sqrt(6.0 / (144 + 576)));
        init.xavier_normal_(w, generator: new Generator(4));
        Assert.InRange(w.std().ToDouble() / Math.Sqrt(2.0 / (144 + 576)), 0.97, 1.03);
        Assert.Throws<ArgumentException>(() => init.xavier_uniform_(empty([5])));
    }

    [Theory]
    [InlineData(init.NonlinearityType.Linear, null, 1.0)]
    [InlineData(init.NonlinearityType.Sigmoid, null, 1.0)]
    [InlineData(init.NonlinearityType.Tanh, null, 5.0 / 3)]
    [InlineData(init.NonlinearityType.ReLU, null, 1.4142135623730951)]
    [InlineData(init.NonlinearityType.LeakyReLU, null, 1.4141428569978354)]   // √(2 / (1 + 0.01²))
    [InlineData(init.NonlinearityType.LeakyReLU, 0.2, 1.3867504905630728)]    // √(2 / 1.04)
    [InlineData(init.NonlinearityType.SELU, null, 0.75)]
    public void CalculateGainMatchesPyTorch(init.NonlinearityType nonlinearity, double? param, double expected) =>
        Assert.Equal(expected, init.calculate_gain(nonlinearity, param), 15);

    [Fact]
    public void SameGeneratorSeedGivesTheSameWeights()
    {
        using var scope = NewDisposeScope();
        Tensor Draw(ulong seed) => init.kaiming_uniform_(empty([8, 4]), generator: new Generator(seed));
        Assert.True(Draw(5).equal(Draw(5)));
        Assert.False(Draw(5).equal(Draw(6)));
        manual_seed(3);
        using var a = Linear(4, 8);
        manual_seed(3);
        using var b = Linear(4, 8);
        Assert.True(a.weight.equal(b.weight) && a.bias!.equal(b.bias!));
    }

    [Fact]
    public void InitialisersFillInPlaceWithoutRecordingGradients()
    {
        using var scope = NewDisposeScope();
        var w = zeros([3, 2], requires_grad: true);
        Assert.Same(w, init.constant_(w, 0.5));
        Assert.True(w.is_leaf);
        NnAssert.Close(Enumerable.Repeat(0.5, 6).ToArray(), w, 0);
        init.ones_(w);
        init.zeros_(w);
        init.uniform_(w, 2, 3, new Generator(1));
        Assert.InRange(w.min().ToDouble(), 2, 3);
        init.normal_(w, 10, 0.001, new Generator(1));
        Assert.InRange(w.mean().ToDouble(), 9.99, 10.01);
        Assert.True(w.is_leaf && w.requires_grad);
    }

    [Fact]
    public void DropoutWithAGeneratorDrawsTheMaskAsAtenDoesFromTheDefaultGenerator()
    {
        using var scope = NewDisposeScope();
        var x = randn([64], generator: new Generator(1));
        manual_seed(21);
        var fromDefault = functional.dropout(x, 0.3);
        var fromGenerator = functional.dropout(x, 0.3, generator: new Generator(21));
        Assert.True(fromDefault.equal(fromGenerator));
        var zerosFraction = functional.dropout(ones([100000]), 0.3, generator: new Generator(2)).eq(0).to(float64).mean().ToDouble();
        Assert.InRange(zerosFraction, 0.29, 0.31);                   // binomial std √(0.21 / 10⁵) ≈ 0.0015
    }
}
