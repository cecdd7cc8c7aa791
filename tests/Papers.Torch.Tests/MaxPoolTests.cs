namespace Papers.Torch.Tests;

/// <summary>
/// max_pool2d's own 2×2, stride-2 loop (native/src/pool.cpp) against libtorch's max_pool2d_with_indices: the same bits
/// in the output, the gradient and the gradient of the gradient, with ties, signed zeros, infinities and NaNs, on even
/// and odd planes narrower and wider than one AVX2 vector of windows; other windows still take libtorch's kernel.
/// </summary>
public class MaxPoolTests
{
    [Theory]
    [InlineData(new long[] { 3, 5, 84, 84 })]   // the meta-learner's first pooling
    [InlineData(new long[] { 2, 4, 21, 21 })]   // odd: the last row and column are left out
    [InlineData(new long[] { 2, 3, 32, 32 })]   // DIRT-T's
    [InlineData(new long[] { 1, 2, 7, 34 })]    // 17 windows a row: two vectors of 8 and one left over
    [InlineData(new long[] { 4, 7, 2, 2 })]     // one window a plane
    [InlineData(new long[] { 5, 9, 11 })]       // [C, H, W]
    public void OutputAndGradientsEqualLibtorchsBitForBit(long[] shape)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        // Values from {−2, …, 2} make ties in most windows; then ±0, ±∞ and NaNs scattered through.
        var x = randint(-2, 3, shape, float32, generator: generator);
        x = x.masked_fill(rand(shape, generator: generator).lt(0.05), -0.0);
        x = x.masked_fill(rand(shape, generator: generator).lt(0.05), float.NegativeInfinity);
        x = x.masked_fill(rand(shape, generator: generator).lt(0.02), float.PositiveInfinity);
        x = x.masked_fill(rand(shape, generator: generator).lt(0.03), float.NaN);
        AssertSameAsLibtorch(x, generator);
    }

    [Fact]
    public void WindowsOfOnlyNegativeInfinityOrOnlyNaNKeepLibtorchsIndex()
    {
        using var scope = NewDisposeScope();
        // −∞ everywhere: no element beats the start, so libtorch keeps the window's first index; NaN everywhere: the
        // last NaN wins. Nine windows a row, so both the vector loop and the one left over see each case.
        foreach (var fill in new[] { float.NegativeInfinity, float.NaN })
            AssertSameAsLibtorch(full([2, 1, 4, 18], fill), new Generator(2));
    }

    [Fact]
    public void RandomNormalInputsGiveLibtorchsBits()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        AssertSameAsLibtorch(randn([4, 32, 42, 42], generator: generator), generator);
    }

    [Fact]
    public void OtherWindowsAndLayoutsTakeLibtorchsKernel()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(4);
        var x = randn([2, 3, 9, 10], generator: generator);
        Same(x, [3, 3], [2, 2], [1, 1], false);                        // 3×3 windows, padded
        Same(x, [2, 2], [1, 1], [0, 0], false);                        // overlapping
        Same(x, [2, 2], [2, 2], [0, 0], true);                         // ceil mode
        Same(x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2), [2, 2], [2, 2], [0, 0], false); // channels last
        Same(x.transpose(2, 3), [2, 2], [2, 2], [0, 0], false);        // strided
        Same(x.to(float64), [2, 2], [2, 2], [0, 0], false);            // float64

        static void Same(Tensor x, long[] kernel, long[] stride, long[] padding, bool ceil)
        {
            var expected = nn.functional.max_pool2d_with_indices(x, kernel, stride, padding, ceil_mode: ceil).output;
            Assert.Equal(NnAssert.Bits(expected), NnAssert.Bits(nn.functional.max_pool2d(x, kernel, stride, padding, ceil_mode: ceil)));
        }
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        // Distinct values, so that no window ties and the maximum is differentiable (float32: the fast loop's type).
        var x = randperm(2 * 3 * 6 * 8, generator: new Generator(5)).to(float32).reshape(2, 3, 6, 8) / 10;
        var leaf = x.requires_grad_();
        var w = randn([2, 3, 3, 4], generator: new Generator(6));
        var gradient = autograd.grad([(nn.functional.max_pool2d(leaf, [2, 2]) * w).sum()], [leaf])[0]!;
        var step = 1e-2f;
        var flat = x.detach().reshape(-1);
        for (var i = 0; i < flat.shape[0]; i += 7)
        {
            var up = flat.clone(); up.index_put_(flat[i].item<float>() + step, i);
            var down = flat.clone(); down.index_put_(flat[i].item<float>() - step, i);
            var difference = ((nn.functional.max_pool2d(up.reshape(x.shape), [2, 2]) * w).sum()
                              - (nn.functional.max_pool2d(down.reshape(x.shape), [2, 2]) * w).sum()).item<float>() / (2 * step);
            Assert.Equal(gradient.reshape(-1)[i].item<float>(), difference, 3e-3);
        }
    }

    private static void AssertSameAsLibtorch(Tensor x, Generator generator)
    {
        var expected = nn.functional.max_pool2d_with_indices(x, [2, 2]).output;
        var actual = nn.functional.max_pool2d(x, [2, 2]);
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(NnAssert.Bits(expected), NnAssert.Bits(actual));

        // Distinct output weights make the gradient name the element each window took: equal gradients, equal indices.
        var w = randn(expected.shape, generator: generator).requires_grad_();
        var u = randn(x.shape, generator: generator);
        NnAssert.SameGradients(t => nn.functional.max_pool2d_with_indices(t, [2, 2]).output, t => nn.functional.max_pool2d(t, [2, 2]), x, w, u);
    }
}
