namespace Papers.Torch.Tests;

public class ReductionTests
{
    // x = [[1, 2, 3], [4, 5, 6]]
    private static Tensor X() => tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);

    [Fact]
    public void SumsAndMeansOverAllAndOverDims()
    {
        using var x = X();
        Assert.Equal(21, x.sum().ToDouble());
        Assert.Equal(3.5, x.mean().ToDouble());
        Assert.Equal(new double[] { 5, 7, 9 }, x.sum(0).data<double>());
        Assert.Equal(new double[] { 2, 5 }, x.mean(1).data<double>());
        Assert.Equal(new long[] { 2, 1 }, x.sum(1, keepdim: true).shape);
        Assert.Equal(new double[] { 6, 120 }, x.prod(1).data<double>());
        Assert.Equal(new double[] { 1, 3, 6, 4, 9, 15 }, x.cumsum(1).data<double>());
    }

    [Fact]
    public void MaxAndMinReturnValuesAndIndices()
    {
        using var x = tensor(new double[] { 3, 9, 1, 7, 2, 8 }, [2, 3]);
        Assert.Equal(9, x.max().ToDouble());
        Assert.Equal(1, x.min().ToDouble());
        var (values, indexes) = x.max(1);
        Assert.Equal(new double[] { 9, 8 }, values.data<double>());
        Assert.Equal(new long[] { 1, 2 }, indexes.data<long>());
        var (minValues, minIndexes) = x.min(0);
        Assert.Equal(new double[] { 3, 2, 1 }, minValues.data<double>());
        Assert.Equal(new long[] { 0, 1, 0 }, minIndexes.data<long>());
        Assert.Equal(new long[] { 1, 2 }, x.argmax(1).data<long>());
        Assert.Equal(1, x.argmax().ToInt64());
        var (top, topIndexes) = x.topk(2, dim: 1);
        Assert.Equal(new double[] { 9, 3, 8, 7 }, top.data<double>());
        Assert.Equal(new long[] { 1, 0, 2, 0 }, topIndexes.data<long>());
    }

    [Fact]
    public void VarianceStdNormAndLogsumexpMatchFormulas()
    {
        using var x = X();
        // Unbiased variance of 1..6 is 3.5; of each row (1,2,3) and (4,5,6) it is 1.
        Assert.Equal(3.5, x.var().ToDouble(), 12);
        Assert.Equal(new double[] { 1, 1 }, x.var(1).data<double>());
        Assert.Equal(new double[] { 2.0 / 3, 2.0 / 3 }, x.var(1, unbiased: false).data<double>(), new Tol(1e-12));
        Assert.Equal(Math.Sqrt(3.5), x.std().ToDouble(), 12);
        Assert.Equal(Math.Sqrt(91), x.norm().ToDouble(), 12);
        Assert.Equal(21, x.norm(1).ToDouble(), 12);
        Assert.Equal(new double[] { Math.Sqrt(14), Math.Sqrt(77) }, x.norm([1]).data<double>(), new Tol(1e-12));
        // logsumexp(1, 2, 3) = 3 + ln(1 + e^-1 + e^-2)
        Assert.Equal(3 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-2)), x.logsumexp(1).data<double>()[0], 12);
    }

    [Fact]
    public void AllAndAnyReduceBooleans()
    {
        using var m = tensor(new[] { true, false, true, true }, [2, 2]);
        Assert.False(m.all().ToBoolean());
        Assert.True(m.any().ToBoolean());
        Assert.Equal(new[] { false, true }, m.all(1).data<bool>());
        Assert.Equal(new[] { true, true }, m.any(0).data<bool>());
    }

    [Fact]
    public void ReductionGradientsMatchFiniteDifferences()
    {
        using var x = randn([3, 4], float64, generator: new Generator(3));
        autograd.gradcheck(t => t[0].sum(1) * t[0].mean(0).sum(), [x]);
        autograd.gradcheck(t => t[0].logsumexp(1), [x]);
        autograd.gradcheck(t => t[0].norm([1]), [x]);
        autograd.gradcheck(t => t[0].var(0) + t[0].std(1).sum(), [x]);
        autograd.gradcheck(t => t[0].max(1).values + t[0].amax([0]).sum(), [x]);
        autograd.gradcheck(t => t[0].cumsum(1).prod(1), [x]);
    }

    private sealed class Tol(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
