namespace Papers.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void BackwardAccumulatesIntoLeafGrads()
    {
        using var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        (x * 3).sum().backward();
        (x * x).sum().backward();
        // 3 + 2x, accumulated over the two backward calls
        Assert.Equal(new double[] { 5, 7 }, x.grad!.data<double>());
        x.grad = null;
        Assert.Null(x.grad);
    }

    [Fact]
    public void BackwardOfNonScalarTakesTheGradientArgument()
    {
        using var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        using var y = x * x;
        Assert.Throws<TorchException>(() => y.backward());
        y.backward(tensor(new double[] { 1, 0, 10 }));
        Assert.Equal(new double[] { 2, 0, 60 }, x.grad!.data<double>());
    }

    [Fact]
    public void RetainGraphAllowsASecondBackward()
    {
        using var x = tensor(new double[] { 2 }, requires_grad: true);
        using var y = (x.exp() * x).sum();
        y.backward(retain_graph: true);
        y.backward();
        // d/dx x e^x = (1 + x) e^x, twice
        Assert.Equal(2 * 3 * Math.Exp(2), x.grad!.ToDouble(), 10);
    }

    [Fact]
    public void GradWithCreateGraphGivesSecondDerivatives()
    {
        using var x = tensor(new double[] { 0.3, -1.2 }, requires_grad: true);
        using var y = x.pow(3).sum();
        var dy = autograd.grad([y], [x], create_graph: true)[0]!;
        // 3x² and 6x at x = (0.3, -1.2)
        Assert.Equal(new double[] { 0.27, 4.32 }, dy.data<double>().Select(v => Math.Round(v, 12)));
        Assert.True(dy.requires_grad);
        var d2y = autograd.grad([dy.sum()], [x])[0]!;
        Assert.Equal(new double[] { 1.8, -7.2 }, d2y.data<double>().Select(v => Math.Round(v, 12)));
        Assert.Null(x.grad);
    }

    [Fact]
    public void GradReportsUnusedInputsOnlyWhenAllowed()
    {
        using var x = tensor(new double[] { 1 }, requires_grad: true);
        using var z = tensor(new double[] { 1 }, requires_grad: true);
        using var y = (x * 2).sum();
        Assert.Throws<TorchException>(() => autograd.grad([y], [x, z], retain_graph: true));
        var grads = autograd.grad([y], [x, z], allow_unused: true);
        Assert.Equal(2, grads[0]!.ToDouble());
        Assert.Null(grads[1]);
    }

    [Fact]
    public void NoGradStopsRecordingAndRestoresThePreviousMode()
    {
        using var x = ones([2], requires_grad: true);
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            using var y = x * 2;
            Assert.False(y.requires_grad);
            using (enable_grad())
            {
                using var z = x * 2;
                Assert.True(z.requires_grad);
            }
            Assert.False(is_grad_enabled());
        }
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void DetachCutsTheGraphAndSharesStorage()
    {
        using var x = ones([2], float64, requires_grad: true);
        using var d = x.detach();
        Assert.False(d.requires_grad);
        using (no_grad()) x.mul_(4);
        Assert.Equal(new double[] { 4, 4 }, d.data<double>());
        using var y = (x * d).sum();
        y.backward();
        Assert.Equal(new double[] { 4, 4 }, x.grad!.data<double>());
    }

    [Fact]
    public void RetainGradKeepsTheGradientOfAnIntermediate()
    {
        using var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        using var h = (x * 3).retain_grad();
        (h * h).sum().backward();
        Assert.Equal(new double[] { 6, 12 }, h.grad!.data<double>());
        Assert.Equal(new double[] { 18, 36 }, x.grad!.data<double>());
    }
}
