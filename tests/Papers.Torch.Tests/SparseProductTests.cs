namespace Papers.Torch.Tests;

/// <summary>
/// sparse.spmm against libtorch's sparse.mm: the same bits in the product and in the dense gradient, on random
/// matrices with empty rows and stored zeros, and gradients against central finite differences in float64.
/// </summary>
public class SparseProductTests
{
    private const long Rows = 60, Columns = 45;

    // Row widths within and beyond one AVX2 vector, GCN's 16 hidden units and 7 classes among them.
    [Theory]
    [InlineData(ScalarType.Float32, 1)]
    [InlineData(ScalarType.Float32, 7)]
    [InlineData(ScalarType.Float32, 16)]
    [InlineData(ScalarType.Float32, 40)]
    [InlineData(ScalarType.Float32, 70)]
    [InlineData(ScalarType.Float64, 7)]
    [InlineData(ScalarType.Float64, 16)]
    [InlineData(ScalarType.Float64, 37)]
    public void ProductAndGradientEqualSparseMmBitForBit(ScalarType dtype, long width)
    {
        using var scope = NewDisposeScope();
        var s = RandomSparse(dtype, seed: 1);
        var d = randn([Columns, width], dtype, generator: new Generator(2));
        var g = randn([Rows, width], dtype, generator: new Generator(3));
        AssertSameProduct(s, d, g);
    }

    [Fact]
    public void DenseViewsGiveTheSameBitsAsSparseMm()
    {
        using var scope = NewDisposeScope();
        var s = RandomSparse(ScalarType.Float32, seed: 4);
        var wide = randn([Columns, 48], float32, generator: new Generator(5));
        var g = randn([Rows, 16], float32, generator: new Generator(6));
        AssertSameProduct(s, wide.split(16, 1)[1], g);                                         // rows 48 apart
        AssertSameProduct(s, wide.slice(1, 0, 32, 2), g);                                      // every other column
        AssertSameProduct(s, randn([16, Columns], float32, generator: new Generator(7)).t(), g); // column-major
    }

    [Fact]
    public void StoredZerosAndEmptyMatricesGiveSparseMmsBits()
    {
        using var scope = NewDisposeScope();
        // libtorch applies every stored entry, zeros included: 0 × ∞ makes NaN there, and here.
        var indices = tensor(new long[] { 0, 1, 0, 1 }, [2, 2]);
        var s = sparse_coo_tensor(indices, tensor(new float[] { 0, 2 }), [2, 2], is_coalesced: true);
        var d = tensor(new[] { float.PositiveInfinity, 1, 3, 4 }, [2, 2]);
        Assert.Equal(new[] { float.NaN, 0, 6, 8 }, sparse.spmm(s, d).data<float>());
        AssertSameProduct(s, d, ones([2, 2]));
        var empty = sparse_coo_tensor(zeros([2, 0], int64), zeros([0]), [3, 2], is_coalesced: true);
        AssertSameProduct(empty, ones([2, 4]), ones([3, 4]));
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var s = RandomSparse(ScalarType.Float64, seed: 8, rows: 6, columns: 5);
        var d = randn([5, 3], float64, generator: new Generator(9));
        autograd.gradcheck(t => sparse.spmm(s, t[0]), [d]);
        // The gradient Sᵀh is itself differentiable: d(Σ Sᵀh · w)/dh = S w.
        var dLeaf = d.detach().requires_grad_();
        var h = randn([6, 3], float64, generator: new Generator(10)).requires_grad_();
        var w = randn([5, 3], float64, generator: new Generator(14));
        var first = autograd.grad([(sparse.spmm(s, dLeaf) * h).sum()], [dLeaf], create_graph: true)[0]!;
        var second = autograd.grad([(first * w).sum()], [h])[0]!;
        Assert.True(second.allclose(s.to_dense().mm(w), rtol: 1e-12, atol: 1e-12));
    }

    [Fact]
    public void ASparseMatrixThatNeedsAGradientGetsOne()
    {
        using var scope = NewDisposeScope();
        var s = RandomSparse(ScalarType.Float64, seed: 11, rows: 6, columns: 5);
        var indices = s.indices();
        var d = randn([5, 3], float64, generator: new Generator(12));
        autograd.gradcheck(t => sparse.spmm(sparse_coo_tensor(indices, t[0], [6, 5]), t[1]), [s.values(), d]);
    }

    [Fact]
    public void MismatchedShapesAreRefused()
    {
        using var scope = NewDisposeScope();
        var s = RandomSparse(ScalarType.Float32, seed: 13);
        var e = Assert.Throws<TorchException>(() => sparse.spmm(s, zeros([Columns + 1, 4])));
        Assert.Contains("46 rows", e.Message);
    }

    /// <summary>A coalesced [rows, columns] matrix with about a fifth of its entries stored, some of them 0 (as after
    /// sparse dropout), and empty rows (the first, the fifth and the last).</summary>
    private static Tensor RandomSparse(ScalarType dtype, int seed, long rows = Rows, long columns = Columns)
    {
        var generator = new Generator((ulong)seed);
        var keep = rand([rows, columns], generator: generator).lt(0.2).to(dtype);
        foreach (var row in new[] { 0, 4, rows - 1 }) keep.index_put_(0, row);
        var dense = randn([rows, columns], dtype, generator: generator) * keep;
        var s = dense.to_sparse();
        var dropped = rand_like(s.values(), generator: generator).lt(0.3);
        var values = s.values().masked_fill(dropped, 0);
        return sparse_coo_tensor(s.indices(), values, [rows, columns], is_coalesced: true);
    }

    private static void AssertSameProduct(Tensor s, Tensor d, Tensor g)
    {
        var expected = Product(sparse.mm, s, d, g);
        var actual = Product(sparse.spmm, s, d, g);
        Assert.Equal(NnAssert.Bits(expected.Output), NnAssert.Bits(actual.Output));
        Assert.Equal(NnAssert.Bits(expected.Gradient), NnAssert.Bits(actual.Gradient));
    }

    private static (Tensor Output, Tensor Gradient) Product(Func<Tensor, Tensor, Tensor> mm, Tensor s, Tensor d, Tensor g)
    {
        var leaf = d.detach().requires_grad_();
        var output = mm(s, leaf);
        var gradient = autograd.grad([output], [leaf], [g])[0]!;
        return (output.detach(), gradient);
    }
}
