namespace Papers.Torch.Tests;

/// <summary>
/// var over one dimension through the shim's own loop (native/src/variance.cpp) against libtorch's var_mean, whose
/// variance is the same Welford reduction as libtorch's var: the same bits in the variance, its gradient and the
/// gradient's gradient, biased and unbiased, kept and dropped dimensions; other cases still take libtorch's var.
/// </summary>
public class VarianceTests
{
    [Theory]
    [InlineData(new long[] { 200, 1995 }, 0L)]   // ProdLDA's decoder batch norm
    [InlineData(new long[] { 200, 50 }, 0L)]     // its encoder's
    [InlineData(new long[] { 4, 6, 8 }, 0L)]
    [InlineData(new long[] { 3, 7, 5 }, 1L)]     // 5 columns: one vector of 4 and one left over
    [InlineData(new long[] { 2, 5, 9, 4 }, -2L)]
    [InlineData(new long[] { 1, 6 }, 0L)]        // one row: biased 0, unbiased 0/0
    public void VarianceAndGradientsEqualLibtorchsBitForBit(long[] shape, long dim)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        // An offset far from zero and a wide spread: the order of Welford's updates shows in the last bits.
        var x = randn(shape, generator: generator) * 30 + 1000;
        foreach (var unbiased in new[] { false, true })
            foreach (var keepdim in new[] { false, true })
                AssertSameAsLibtorch(x, dim, unbiased, keepdim, generator);
    }

    [Fact]
    public void OtherCasesTakeLibtorchsVar()
    {
        using var scope = NewDisposeScope();
        var x = randn([6, 5, 3], generator: new Generator(2));
        Same(x, [1]);                         // 3 columns after the dimension: too few for the loop
        Same(x, [0, 2]);                      // two dimensions
        Same(x.transpose(0, 1), [0]);         // strided
        Same(x.to(float64), [0]);             // float64
        Assert.Equal(NnAssert.Bits(x.var_mean().var), NnAssert.Bits(x.var()));  // all elements

        static void Same(Tensor x, long[] dim) => Assert.Equal(NnAssert.Bits(x.var_mean(dim).var), NnAssert.Bits(x.var(dim)));
    }

    [Fact]
    public void AnInfiniteOrNaNElementGivesLibtorchsNaN()
    {
        using var scope = NewDisposeScope();
        var x = randn([8, 6], generator: new Generator(3));
        x.index_put_(float.PositiveInfinity, 2, 1);
        x.index_put_(float.NaN, 5, 4);
        Assert.Equal(NnAssert.Bits(x.var_mean([0L]).var), NnAssert.Bits(x.var(0)));
    }

    private static void AssertSameAsLibtorch(Tensor x, long dim, bool unbiased, bool keepdim, Generator generator)
    {
        var expected = x.var_mean([dim], unbiased, keepdim).var;
        var actual = x.var(dim, unbiased, keepdim);
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(NnAssert.Bits(expected), NnAssert.Bits(actual));

        var w = randn(expected.shape, generator: generator).requires_grad_();
        var u = randn(x.shape, generator: generator);
        NnAssert.SameGradients(t => t.var_mean([dim], unbiased, keepdim).var, t => t.var(dim, unbiased, keepdim), x, w, u);
    }
}
