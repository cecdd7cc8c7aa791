namespace Papers.Torch.Tests;

public class LinalgTests
{
    [Fact]
    public void MatrixProductsMatchHandComputedValues()
    {
        using var a = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var b = tensor(new double[] { 1, 0, 0, 1, 1, 1 }, [3, 2]);
        // [[1+3, 2+3], [4+6, 5+6]]
        Assert.Equal(new double[] { 4, 5, 10, 11 }, a.mm(b).data<double>());
        Assert.Equal(new double[] { 4, 5, 10, 11 }, a.matmul(b).data<double>());
        using var v = tensor(new double[] { 1, 1, 1 });
        Assert.Equal(new double[] { 6, 15 }, a.mv(v).data<double>());
        Assert.Equal(new double[] { 6, 15 }, a.matmul(v).data<double>());
        Assert.Equal(3, v.dot(v).ToDouble());
        using var u = tensor(new double[] { 1, 2 });
        Assert.Equal(new double[] { 1, 1, 1, 2, 2, 2 }, u.outer(v).data<double>());
        using var bias = tensor(new double[] { 10, 20 });
        // 0.5·bias + 2·(a b)
        Assert.Equal(new double[] { 13, 20, 25, 32 }, bias.addmm(a, b, beta: 0.5, alpha: 2).data<double>());
        using var batch = stack([a, a * 2]);
        using var bb = stack([b, b]);
        Assert.Equal(new double[] { 4, 5, 10, 11, 8, 10, 20, 22 }, batch.bmm(bb).data<double>());
        Assert.Equal(new double[] { 4, 5, 10, 11 }, einsum("ij,jk->ik", a, b).data<double>());
    }

    [Fact]
    public void MatrixProductGradientsMatchFiniteDifferences()
    {
        using var a = randn([3, 4], float64, generator: new Generator(11));
        using var b = randn([4, 2], float64, generator: new Generator(12));
        using var c = randn([2], float64, generator: new Generator(13));
        autograd.gradcheck(t => t[0].matmul(t[1]), [a, b]);
        autograd.gradcheck(t => t[2].addmm(t[0], t[1], beta: 0.5, alpha: 2), [a, b, c]);
        autograd.gradcheck(t => stack([t[0], t[0]]).bmm(stack([t[1], t[1] * 2])), [a, b]);
        autograd.gradcheck(t => t[0].sum(1).outer(t[2]), [a, b, c]);
    }

    [Fact]
    public void SparseTimesDenseMatchesDenseProductAndGivesGradientsToBoth()
    {
        // A = [[0, 2, 0], [1, 0, 3]] in COO form.
        using var indices = tensor(new long[] { 0, 1, 1, 1, 0, 2 }, [2, 3]);
        using var values = tensor(new double[] { 2, 1, 3 });
        using var s = sparse_coo_tensor(indices, values, [2, 3]);
        Assert.True(s.is_sparse);
        Assert.Equal(new double[] { 0, 2, 0, 1, 0, 3 }, s.to_dense().data<double>());
        using var d = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
        Assert.Equal(new double[] { 6, 8, 16, 20 }, sparse.mm(s, d).data<double>());
        autograd.gradcheck(t => sparse.mm(sparse_coo_tensor(indices, t[0], [2, 3]), t[1]), [values, d]);
    }

    [Fact]
    public void MatmulShapeMismatchIsRefused()
    {
        using var a = zeros([2, 3]);
        using var b = zeros([2, 3]);
        var e = Assert.Throws<TorchException>(() => a.mm(b));
        Assert.Contains("2x3 and 2x3", e.Message);
    }

    [Fact]
    public void DtypeMismatchIsRefusedWithBothTypes()
    {
        using var a = zeros([2, 2], float32);
        using var b = zeros([2, 2], float64);
        var e = Assert.Throws<TorchException>(() => a.mm(b));
        Assert.Contains("Float", e.Message);
        Assert.Contains("Double", e.Message);
        Assert.Throws<ArgumentException>(() => a.data<double>());
    }

    [Fact]
    public void SymmetricEigenvaluesAndInverseMatchClosedForms()
    {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3, and inverse [[2, -1], [-1, 2]] / 3.
        using var a = tensor(new double[] { 2, 1, 1, 2 }, [2, 2]);
        Assert.Equal(new double[] { 1, 3 }, linalg.eigvalsh(a).data<double>().Select(v => Math.Round(v, 12)));
        Assert.Equal(new double[] { 2, -1, -1, 2 }, (linalg.inv(a) * 3).data<double>().Select(v => Math.Round(v, 12)));
        Assert.Throws<ArgumentException>(() => linalg.eigvalsh(a, "X"));
    }
}
