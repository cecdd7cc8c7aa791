namespace Papers.Torch.Tests;

public class SmokeTests
{
    [Fact]
    public void MatmulOfKnownMatrices()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var b = tensor(new float[] { 5, 6, 7, 8 }, [2, 2]);
        using var c = a.matmul(b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>());
        Assert.Equal(new long[] { 2, 2 }, c.shape);
    }

    [Fact]
    public void BackwardOfSquareSumIsTwiceInput()
    {
        using var x = tensor(new double[] { 1, -2, 3 }, requires_grad: true);
        using var y = (x * x).sum();
        y.backward();
        Assert.Equal(new double[] { 2, -4, 6 }, x.grad!.data<double>());
    }

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        using var a = zeros([2, 3]);
        using var b = zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.Contains("2x3", e.Message);
        Assert.Contains("4x5", e.Message);
    }

    [Fact]
    public void GradcheckAcceptsTanhAndRejectsAWrongGradient()
    {
        using var x = randn([3, 2], float64, generator: new Generator(1));
        Assert.True(autograd.gradcheck(t => t[0].tanh() * t[0], [x]) < 1e-6);
        // detach() hides half of the product rule from autograd: the analytic gradient is wrong.
        Assert.Throws<InvalidOperationException>(() => autograd.gradcheck(t => t[0].tanh() * t[0].detach(), [x]));
    }
}
