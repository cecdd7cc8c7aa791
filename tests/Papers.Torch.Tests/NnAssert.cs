namespace Papers.Torch.Tests;

/// <summary>Element-wise comparison of a tensor with reference values, naming the first element out of tolerance, or bit for bit.</summary>
internal static class NnAssert
{
    public static void Close(double[] expected, Tensor actual, double tolerance)
    {
        using var asDouble = actual.detach().to(float64);
        var values = asDouble.data<double>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!(Math.Abs(expected[i] - values[i]) <= tolerance))
                Assert.Fail($"element {i}: expected {expected[i]:G9}, got {values[i]:G9} (tolerance {tolerance})");
        }
    }

    public static void Close(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var e = expected.detach().to(float64);
        Close(e.data<double>(), actual, tolerance);
    }

    /// <summary>The bit patterns of a float32 or float64 tensor's elements, for comparisons that must be exact (NaNs and signed zeros included).</summary>
    public static long[] Bits(Tensor t) => t.dtype == ScalarType.Float32
        ? t.contiguous().data<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray()
        : t.contiguous().data<double>().Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>
    /// The same bits from <paramref name="actual"/> as from <paramref name="expected"/> in d(Σ f(x)·w)/dx, and in the
    /// derivative of Σ (that gradient)·u with respect to w: the backward's own backward.
    /// </summary>
    public static void SameGradients(Func<Tensor, Tensor> expected, Func<Tensor, Tensor> actual, Tensor x, Tensor w, Tensor u)
    {
        var (referenceFirst, referenceSecond) = Gradients(expected);
        var (first, second) = Gradients(actual);
        Assert.Equal(Bits(referenceFirst), Bits(first));
        Assert.Equal(Bits(referenceSecond), Bits(second));

        (Tensor First, Tensor Second) Gradients(Func<Tensor, Tensor> f)
        {
            var leaf = x.detach().requires_grad_();
            var gradient = autograd.grad([(f(leaf) * w).sum()], [leaf], create_graph: true)[0]!;
            return (gradient.detach(), autograd.grad([(gradient * u).sum()], [w])[0]!);
        }
    }
}
