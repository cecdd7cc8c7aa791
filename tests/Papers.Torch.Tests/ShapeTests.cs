namespace Papers.Torch.Tests;

public class ShapeTests
{
    private static Tensor Range(params long[] shape) => arange(shape.Aggregate(1L, (a, b) => a * b), float64).reshape(shape);

    [Fact]
    public void ViewsReshapeAndPermuteKeepRowMajorOrder()
    {
        using var x = Range(2, 3);
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, x.t().contiguous().data<double>());
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, x.transpose(0, 1).reshape(-1).data<double>());
        Assert.Equal(new long[] { 3, 2 }, x.view(3, 2).shape);
        Assert.Equal(new long[] { 1, 2, 3, 1 }, x.unsqueeze(0).unsqueeze(-1).shape);
        Assert.Equal(new long[] { 2, 3 }, x.unsqueeze(0).unsqueeze(-1).squeeze().shape);
        Assert.Equal(new long[] { 3, 2, 1 }, x.unsqueeze(2).permute(1, 0, 2).shape);
        Assert.Equal(new long[] { 4, 2, 3 }, x.expand(4, 2, 3).shape);
        Assert.Equal(new long[] { 6 }, Range(1, 2, 3).flatten().shape);
        Assert.Equal(new long[] { 2, 3 }, Range(2, 1, 3).flatten(1).shape);
        Assert.Equal(new double[] { 1, 2, 4, 5 }, x.narrow(1, 1, 2).contiguous().data<double>());
    }

    [Fact]
    public void ViewOfNonContiguousTensorIsRefusedWithAClearMessage()
    {
        using var x = Range(2, 3);
        var e = Assert.Throws<TorchException>(() => x.t().view(6));
        Assert.Contains("view size is not compatible", e.Message);
    }

    [Fact]
    public void CatStackSplitAndChunkRoundTrip()
    {
        using var a = Range(2, 2);
        using var b = Range(2, 2) + 10;
        Assert.Equal(new long[] { 4, 2 }, cat([a, b]).shape);
        Assert.Equal(new double[] { 0, 1, 10, 11, 2, 3, 12, 13 }, cat([a, b], 1).data<double>());
        Assert.Equal(new long[] { 2, 2, 2 }, stack([a, b], 1).shape);
        var parts = Range(5, 2).split(2);
        Assert.Equal([2L, 2L, 1L], parts.Select(p => p.size(0)));
        var sized = Range(5, 2).split([1, 4]);
        Assert.Equal(new double[] { 0, 1 }, sized[0].data<double>());
        var chunks = Range(2, 6).chunk(3, 1);
        Assert.Equal(3, chunks.Length);
        Assert.Equal(new double[] { 2, 3, 8, 9 }, chunks[1].contiguous().data<double>());
        Assert.Equal(new double[] { 3, 4, 5 }, Range(2, 3).unbind()[1].data<double>());
    }

    [Fact]
    public void GatherScatterAddAndIndexSelect()
    {
        using var x = Range(3, 4);
        using var idx = tensor(new long[] { 2, 0 });
        Assert.Equal(new double[] { 8, 9, 10, 11, 0, 1, 2, 3 }, x.index_select(0, idx).data<double>());
        using var g = tensor(new long[] { 3, 0, 1, 1, 2, 2 }, [3, 2]);
        Assert.Equal(new double[] { 3, 0, 5, 5, 10, 10 }, x.gather(1, g).data<double>());
        using var target = zeros([2, 3], float64);
        using var where = tensor(new long[] { 0, 2, 2, 1, 1, 0 }, [2, 3]);
        using var src = ones([2, 3], float64);
        // Row 0 puts 1s at columns 0, 2, 2; row 1 at 1, 1, 0.
        Assert.Equal(new double[] { 1, 0, 2, 1, 2, 0 }, target.scatter_add(1, where, src).data<double>());
    }

    [Fact]
    public void PythonStyleIndexingReadsAndWrites()
    {
        using var x = Range(3, 4);
        Assert.Equal(new double[] { 4, 5, 6, 7 }, x[1].data<double>());
        Assert.Equal(6, x[1, 2].ToDouble());
        Assert.Equal(11, x[^1, ^1].ToDouble());
        Assert.Equal(new double[] { 5, 6, 9, 10 }, x[1.., 1..3].contiguous().data<double>());
        Assert.Equal(new double[] { 1, 5, 9 }, x[.., 1].data<double>());
        Assert.Equal(new double[] { 0, 2, 8, 10 }, x[TensorIndex.Slice(step: 2), TensorIndex.Slice(0, null, 2)].contiguous().data<double>());
        Assert.Equal(new long[] { 3, 1, 4 }, x[.., TensorIndex.None].shape);
        Assert.Equal(new double[] { 3, 7, 11 }, x[TensorIndex.Ellipsis, -1].data<double>());
        using var mask = x > 8;
        Assert.Equal(new double[] { 9, 10, 11 }, x[mask].data<double>());
        using var rows = tensor(new long[] { 2, 0 });
        Assert.Equal(new double[] { 8, 9, 10, 11, 0, 1, 2, 3 }, x[rows].data<double>());

        using var y = zeros([2, 3], float64);
        y[0] = ones([3], float64);
        y[1, 1..] = full([2], 5.0, float64);
        y.index_put_(7.0, 1, 0);
        Assert.Equal(new double[] { 1, 1, 1, 7, 5, 5 }, y.data<double>());
    }

    [Fact]
    public void IndexingGradientsFlowToTheSelectedElements()
    {
        using var x = randn([4, 3], float64, generator: new Generator(5));
        using var rows = tensor(new long[] { 3, 1, 3 });
        autograd.gradcheck(t => t[0][rows, 1..] * 2 + t[0].index_select(0, rows)[.., ..2], [x]);
        using var g = tensor(new long[] { 0, 2, 1, 1, 2, 0, 0, 0 }, [4, 2]);
        autograd.gradcheck(t => t[0].gather(1, g), [x]);
        autograd.gradcheck(t => cat([t[0], t[0].narrow(0, 1, 2)]).t().reshape(-1), [x]);
        autograd.gradcheck(t => stack(t[0].chunk(3, 1), 0).permute(2, 1, 0), [x]);
    }

    [Fact]
    public void IndexOutOfRangeIsATorchException()
    {
        using var x = Range(2, 2);
        var e = Assert.Throws<TorchException>(() => x[5]);
        Assert.Contains("index 5 is out of bounds for dimension 0", e.Message);
    }
}
