namespace Papers.Torch.Tests;

/// <summary>
/// Adam's one-pass update of float parameters (native/src/optim.cpp) against PyTorch 1.13's adam.py written out as its
/// eight libtorch calls: the same bits in the parameter and both moments after every step, for sizes around the vector
/// width and across threads' chunks, with the defaults and with other hyperparameters.
/// </summary>
public class FusedAdamTests
{
    [Theory]
    [InlineData(1, 1e-3, 0.9, 0.999, 1e-8)]
    [InlineData(7, 1e-3, 0.9, 0.999, 1e-8)]
    [InlineData(8, 1e-3, 0.9, 0.999, 1e-8)]
    [InlineData(17, 1e-3, 0.9, 0.999, 1e-8)]
    [InlineData(1000, 2e-4, 0.5, 0.999, 1e-8)]       // DIRT-T's and CycleGAN's β₁
    [InlineData(100_003, 1e-3, 0.9, 0.999, 1e-8)]    // several threads' chunks and a ragged end
    [InlineData(333, 0.1, 0.8, 0.95, 1e-3)]
    public void UpdateEqualsAdamPyOpByOpBitForBit(int size, double lr, double beta1, double beta2, double eps)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        var parameter = new nn.Parameter(randn([size], generator: generator));
        var reference = parameter.detach().clone();
        var (m, v) = (zeros([size]), zeros([size]));
        using var adam = optim.Adam([parameter], lr: lr, beta1: beta1, beta2: beta2, eps: eps);
        for (var step = 1; step <= 5; step++)
        {
            // Gradients over several scales, as a model's layers have, and a zero now and then.
            var grad = randn([size], generator: generator) * Math.Pow(10, step - 3);
            grad = grad.masked_fill(rand([size], generator: generator).lt(0.05), 0);
            parameter.grad = grad.clone();
            adam.step();

            using var noGrad = no_grad();
            m.mul_(beta1).add_(grad, 1 - beta1);
            v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            var denom = (v.sqrt() / Math.Sqrt(1 - Math.Pow(beta2, step))).add_(eps);
            reference.addcdiv_(m, denom, -lr / (1 - Math.Pow(beta1, step)));

            Assert.Equal(NnAssert.Bits(reference), NnAssert.Bits(parameter));
            Assert.Equal(NnAssert.Bits(m), NnAssert.Bits(adam.state[parameter]["exp_avg"]));
            Assert.Equal(NnAssert.Bits(v), NnAssert.Bits(adam.state[parameter]["exp_avg_sq"]));
        }
    }

    [Fact]
    public void AStepStillTellsAutogradThatTheParameterChanged()
    {
        using var scope = NewDisposeScope();
        var parameter = new nn.Parameter(randn([20], generator: new Generator(2)));
        var y = (parameter * parameter).sum();   // saves the parameter for its backward
        using var adam = optim.Adam([parameter]);
        parameter.grad = ones([20]);
        adam.step();
        var e = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("modified by an inplace operation", e.Message);
    }
}
