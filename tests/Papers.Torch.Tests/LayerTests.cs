using Papers.Torch.Modules;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Tests;

/// <summary>Layers against results computed by hand (float64 layers, tolerance 1e-12, unless noted).</summary>
public class LayerTests
{
    private static Tensor Grid(int rows, int cols) =>
        arange(1, rows * cols + 1, float64).view(1, 1, rows, cols);          // 1, 2, 3, ... row by row

    private static void Set(Tensor target, double[] values)
    {
        using var noGrad = no_grad();
        using var source = tensor(values, target.shape, target.dtype);
        target.copy_(source);
    }

    [Fact]
    public void LinearMatchesHandComputedAffineMap()
    {
        using var scope = NewDisposeScope();
        using var lin = Linear(3, 2, dtype: float64);
        Set(lin.weight, [1, 0, -1, 2, 1, 0]);
        Set(lin.bias!, [0.5, -1]);
        // y = x Wᵀ + b: [1, 2, 3] → [1 − 3 + 0.5, 2 + 2 − 1]; [4, 5, 6] → [4 − 6 + 0.5, 8 + 5 − 1]
        NnAssert.Close([-1.5, 3, -1.5, 12], lin.call(tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3])), 1e-12);
    }

    [Theory]
    [InlineData(1, new double[] { 7.5, 4.5, 5.5, -2.5, 17.5, 13.5, 17.5, 8.5, 33.5, 29.5, 33.5, 20.5, 31.5, 43.5, 47.5, 51.5 })]
    [InlineData(2, new double[] { 7.5, 5.5, 33.5, 33.5 })]
    public void Conv2dMatchesHandComputedCrossCorrelation(long stride, double[] expected)
    {
        using var scope = NewDisposeScope();
        using var conv = Conv2d(1, 1, 3, stride: stride, padding: 1, dtype: float64);
        // out(r, c) = b + Σᵤᵥ K(u, v) · x(r·s + u − 1, c·s + v − 1), zero outside; e.g. out(0, 0) = 0.5 + 1·1 + 1·6 = 7.5
        Set(conv.weight, [1, 2, 0, 0, 1, 0, -1, 0, 1]);
        Set(conv.bias!, [0.5]);
        NnAssert.Close(expected, conv.call(Grid(4, 4)), 1e-12);
    }

    [Fact]
    public void Conv2dWithReflectPaddingSumsTheMirroredNeighbourhood()
    {
        using var scope = NewDisposeScope();
        using var conv = Conv2d(1, 1, 3, padding: 1, bias: false, padding_mode: PaddingModes.Reflect, dtype: float64);
        Set(conv.weight, Enumerable.Repeat(1.0, 9).ToArray());
        // The 3×3 grid 1..9 reflected: row −1 is row 1 and column −1 is column 1, so out(0, 0) = 5+4+5 + 2+1+2 + 5+4+5 = 33.
        NnAssert.Close([33, 36, 39, 42, 45, 48, 51, 54, 57], conv.call(Grid(3, 3)), 1e-12);
    }

    [Fact]
    public void ConvTranspose2dScattersEachInputTimesTheKernel()
    {
        using var scope = NewDisposeScope();
        using var up = ConvTranspose2d(1, 1, 2, stride: 2, bias: false, dtype: float64);
        using var overlap = ConvTranspose2d(1, 1, 2, bias: false, dtype: float64);
        Set(up.weight, [1, 1, 1, 1]);
        Set(overlap.weight, [1, 1, 1, 1]);
        var x = Grid(2, 2);
        // Stride 2: each input becomes a 2×2 block. Stride 1: the blocks overlap and add (centre 1 + 2 + 3 + 4).
        NnAssert.Close([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], up.call(x), 1e-12);
        NnAssert.Close([1, 3, 2, 4, 10, 6, 3, 7, 4], overlap.call(x), 1e-12);
        using var extra = ConvTranspose2d(1, 1, 2, stride: 2, output_padding: 1, dtype: float64);
        Assert.Equal([1L, 1, 5, 5], extra.call(x).shape);                   // (2 − 1)·2 + (2 − 1) + 1 + 1
    }

    [Fact]
    public void PoolingTakesTheMaximumOrMeanOfEachWindow()
    {
        using var scope = NewDisposeScope();
        var x = Grid(4, 4);
        NnAssert.Close([6, 8, 14, 16], MaxPool2d(2).call(x), 0);
        NnAssert.Close([3.5, 5.5, 11.5, 13.5], AvgPool2d(2).call(x), 1e-12);
        // Padding 1: the corner window holds only x(0, 0) = 1, so it averages to 1/4 counting the zero padding, 1 without.
        NnAssert.Close([0.25, 1.25, 1, 3.5, 8.5, 5, 3.25, 7.25, 4], AvgPool2d(2, padding: 1).call(x), 1e-12);
        NnAssert.Close([1, 2.5, 4, 7, 8.5, 10, 13, 14.5, 16], AvgPool2d(2, padding: 1, count_include_pad: false).call(x), 1e-12);
        NnAssert.Close([1, 5, 4, 14, 34, 20, 13, 29, 16], AvgPool2d(2, padding: 1, divisor_override: 1).call(x), 1e-12);
    }

    [Fact]
    public void BatchNormNormalisesWithBatchStatisticsAndMovesRunningOnesByMomentum()
    {
        using var scope = NewDisposeScope();
        using var bn = BatchNorm1d(2, dtype: float64);
        var x = tensor(new double[] { 1, 2, 2, 4, 3, 12 }, [3, 2]);  // channel 0: 1, 2, 3; channel 1: 2, 4, 12
        // Channel 0: mean 2, biased variance 2/3, unbiased 1. Channel 1: mean 6, biased 56/3, unbiased 28.
        var (s0, s1) = (Math.Sqrt(2.0 / 3 + 1e-5), Math.Sqrt(56.0 / 3 + 1e-5));
        NnAssert.Close([-1 / s0, -4 / s1, 0, -2 / s1, 1 / s0, 6 / s1], bn.call(x), 1e-12);
        // running ← 0.9 · running + 0.1 · batch, with the unbiased variance.
        NnAssert.Close([0.2, 0.6], bn.running_mean!, 1e-12);
        NnAssert.Close([1.0, 3.7], bn.running_var!, 1e-12);
        Assert.Equal(1, bn.num_batches_tracked!.ToInt64());

        bn.eval();
        var (r0, r1) = (Math.Sqrt(1.0 + 1e-5), Math.Sqrt(3.7 + 1e-5));
        NnAssert.Close([0.8 / r0, 1.4 / r1, 1.8 / r0, 3.4 / r1, 2.8 / r0, 11.4 / r1], bn.call(x), 1e-12);
        Assert.Equal(1, bn.num_batches_tracked!.ToInt64());                 // evaluation leaves the statistics alone
    }

    [Fact]
    public void BatchNormWithoutMomentumKeepsTheCumulativeAverage()
    {
        using var scope = NewDisposeScope();
        using var bn = BatchNorm1d(2, momentum: null, dtype: float64);
        var x = tensor(new double[] { 1, 2, 2, 4, 3, 12 }, [3, 2]);
        bn.call(x);
        bn.call(x + 10);
        // Factor 1/n after the n-th batch: the running mean is the mean of the batch means (2 and 12; 6 and 16).
        NnAssert.Close([7, 11], bn.running_mean!, 1e-12);
        NnAssert.Close([1, 28], bn.running_var!, 1e-12);
    }

    [Fact]
    public void BatchNormChecksRankChannelsAndBatchSize()
    {
        using var scope = NewDisposeScope();
        using var bn = BatchNorm2d(3);
        Assert.Equal("expected 4D input (got 2D input)", Assert.Throws<ArgumentException>(() => bn.call(zeros([2, 3]))).Message);
        Assert.Contains("num_features (3), but got: 2", Assert.Throws<ArgumentException>(() => bn.call(zeros([2, 2, 1, 1]))).Message);
        Assert.Contains("more than 1 value per channel", Assert.Throws<ArgumentException>(() => bn.call(zeros([1, 3, 1, 1]))).Message);
    }

    [Fact]
    public void InstanceNormNormalisesEachChannelOfEachSample()
    {
        using var scope = NewDisposeScope();
        using var norm = InstanceNorm2d(2);
        var x = tensor(new double[] { 1, 2, 3, 4, 0, 0, 0, 8 }, [1, 2, 2, 2]);
        // Channel 0: mean 2.5, variance 1.25. Channel 1: mean 2, variance (4 + 4 + 4 + 36) / 4 = 12.
        var (s0, s1) = (Math.Sqrt(1.25 + 1e-5), Math.Sqrt(12 + 1e-5));
        double[] expected = [-1.5 / s0, -0.5 / s0, 0.5 / s0, 1.5 / s0, -2 / s1, -2 / s1, -2 / s1, 6 / s1];
        NnAssert.Close(expected, norm.call(x), 1e-12);
        NnAssert.Close(expected, norm.call(x[0]), 1e-12);                  // an unbatched [C, H, W] sample
        Assert.Empty(norm.parameters());
        Assert.Empty(norm.buffers());
    }

    [Fact]
    public void LayerNormNormalisesEachSampleOverItsLastDimension()
    {
        using var scope = NewDisposeScope();
        using var norm = LayerNorm(4, dtype: float64);
        Set(norm.weight!, [1, 1, 2, 2]);
        Set(norm.bias!, [0, 0, 0, 1]);
        // Row 1: mean 2.5, biased variance 1.25. Row 2: mean 3, variance (1 + 1 + 1 + 9) / 4 = 3.
        var (s0, s1) = (Math.Sqrt(1.25 + 1e-5), Math.Sqrt(3 + 1e-5));
        NnAssert.Close([-1.5 / s0, -0.5 / s0, 1 / s0, 3 / s0 + 1, -1 / s1, -1 / s1, -2 / s1, 6 / s1 + 1],
            norm.call(tensor(new double[] { 1, 2, 3, 4, 2, 2, 2, 6 }, [2, 4])), 1e-12);
    }

    [Fact]
    public void LSTMCellStepMatchesTheGateEquations()
    {
        using var scope = NewDisposeScope();
        using var cell = LSTMCell(3, 4, dtype: float64);
        var g = new Generator(5);
        var (x, h, c) = (randn([2, 3], float64, generator: g), randn([2, 4], float64, generator: g), randn([2, 4], float64, generator: g));

        var gates = x.matmul(cell.weight_ih.t()) + cell.bias_ih! + h.matmul(cell.weight_hh.t()) + cell.bias_hh!;
        var chunk = gates.chunk(4, 1);                              // input, forget, cell, output
        var (i, f, gg, o) = (chunk[0].sigmoid(), chunk[1].sigmoid(), chunk[2].tanh(), chunk[3].sigmoid());
        var cNext = f * c + i * gg;                                 // c′ = f ⊙ c + i ⊙ g
        var hNext = o * cNext.tanh();                               // h′ = o ⊙ tanh(c′)

        var (hOut, cOut) = cell.forward(x, (h, c));
        NnAssert.Close(hNext, hOut, 1e-12);
        NnAssert.Close(cNext, cOut, 1e-12);
        var (hZero, _) = cell.forward(x);
        NnAssert.Close(cell.forward(x, (zeros([2, 4], float64), zeros([2, 4], float64))).h, hZero, 0);
        NnAssert.Close(hOut[1], cell.forward(x[1], (h[1], c[1])).h, 1e-12);   // an unbatched sample
    }

    [Fact]
    public void GRUCellStepMatchesTheGateEquations()
    {
        using var scope = NewDisposeScope();
        using var cell = GRUCell(3, 4, dtype: float64);
        var g = new Generator(6);
        var (x, h) = (randn([2, 3], float64, generator: g), randn([2, 4], float64, generator: g));

        var gi = (x.matmul(cell.weight_ih.t()) + cell.bias_ih!).chunk(3, 1);     // reset, update, new
        var gh = (h.matmul(cell.weight_hh.t()) + cell.bias_hh!).chunk(3, 1);
        var r = (gi[0] + gh[0]).sigmoid();
        var z = (gi[1] + gh[1]).sigmoid();
        var n = (gi[2] + r * gh[2]).tanh();                         // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
        var hNext = (1 - z) * n + z * h;

        NnAssert.Close(hNext, cell.forward(x, h), 1e-12);
        NnAssert.Close(cell.forward(x, zeros([2, 4], float64)), cell.forward(x), 0);
        Assert.Contains("Expected input to be 1-D or 2-D", Assert.Throws<ArgumentException>(() => cell.forward(zeros([1, 2, 3], float64))).Message);
    }

    [Fact]
    public void EmbeddingLooksUpRowsAndFreezesThePaddingRow()
    {
        using var scope = NewDisposeScope();
        using var emb = Embedding(4, 2, padding_idx: -1, dtype: float64);
        Assert.Equal(3, emb.padding_idx);
        NnAssert.Close([0, 0], emb.weight[3], 0);                                // the padding row starts at zero
        Set(emb.weight, [1, 2, 3, 4, 5, 6, 0, 0]);
        var y = emb.call(tensor(new long[] { 0, 3, 2, 2 }, [2, 2]));
        NnAssert.Close([1, 2, 0, 0, 5, 6, 5, 6], y, 0);
        y.sum().backward();
        NnAssert.Close([1, 1, 0, 0, 2, 2, 0, 0], emb.weight.grad!, 0);          // row 2 twice; padding row nothing
    }

    [Fact]
    public void DropoutDropsAndRescalesInTrainingAndIsTheIdentityInEvaluation()
    {
        using var scope = NewDisposeScope();
        using var drop = Dropout(0.5);
        var x = ones([1000]);
        var y = drop.call(x).data<float>();
        Assert.All(y, v => Assert.True(v is 0f or 2f));             // survivors scaled by 1 / (1 − p)
        Assert.Contains(0f, y);
        drop.eval();
        Assert.True(drop.call(x).equal(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dropout(1.5));
    }

    [Fact]
    public void ReflectionPad2dMirrorsWithoutRepeatingTheEdge()
    {
        using var scope = NewDisposeScope();
        using var pad = ReflectionPad2d(1);
        NnAssert.Close([5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 8, 7, 8, 9, 8, 5, 4, 5, 6, 5], pad.call(Grid(3, 3)), 0);
        using var asymmetric = ReflectionPad2d((0, 1, 2, 0));
        Assert.Equal([1L, 1, 5, 4], asymmetric.call(Grid(3, 3)).shape);
    }

    [Fact]
    public void ActivationModulesMatchTheirFormulas()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { -2, 0, 1 });
        NnAssert.Close([0, 0, 1], ReLU().call(x), 0);
        NnAssert.Close([-0.2, 0, 1], LeakyReLU(0.1).call(x), 1e-15);
        NnAssert.Close([Math.Exp(-2) - 1, 0, 1], ELU().call(x), 1e-15);
        NnAssert.Close([Math.Tanh(-2), 0, Math.Tanh(1)], Tanh().call(x), 1e-15);
        NnAssert.Close([1 / (1 + Math.Exp(2)), 0.5, 1 / (1 + Math.Exp(-1))], Sigmoid().call(x), 1e-15);
        NnAssert.Close([Math.Log(1 + Math.Exp(-4)) / 2, Math.Log(2) / 2, Math.Log(1 + Math.Exp(2)) / 2], Softplus(beta: 2).call(x), 1e-15);
        // Φ(1) = 0.841344746068543; the tanh form: 0.5 · (1 + tanh(√(2/π) · 1.044715)).
        NnAssert.Close([-2 * 0.0227501319481792, 0, 0.841344746068543], GELU().call(x), 1e-12);
        NnAssert.Close([0.5 * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * 1.044715))], GELU("tanh").call(x[2..]), 1e-12);
        var sum = Math.Exp(-2) + 1 + Math.E;
        NnAssert.Close([Math.Exp(-2) / sum, 1 / sum, Math.E / sum], Softmax(0).call(x), 1e-15);
        NnAssert.Close([-2 - Math.Log(sum), -Math.Log(sum), 1 - Math.Log(sum)], LogSoftmax(0).call(x), 1e-15);
        Assert.Equal([2L, 12], Flatten().call(zeros([2, 3, 4])).shape);
        Assert.Throws<ArgumentException>(() => GELU("erf"));
    }
}
