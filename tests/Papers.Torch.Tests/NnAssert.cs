namespace Papers.Torch.Tests;

/// <summary>Element-wise comparison of a tensor with reference values, naming the first element out of tolerance.</summary>
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
}
