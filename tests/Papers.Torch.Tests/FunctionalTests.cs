using F = Papers.Torch.torch.nn.functional;

namespace Papers.Torch.Tests;

/// <summary>
/// Gradients of every differentiable functional op, with respect to the input and to the weights, against central
/// finite differences in float64 (gradcheck: |analytic − numeric| ≤ 1e-5 + 1e-3·|numeric| per element).
/// </summary>
public class FunctionalTests
{
    private static Tensor R(long[] shape, ulong seed) => randn(shape, float64, generator: new Generator(seed));

    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        using var scope = NewDisposeScope();
        Assert.True(autograd.gradcheck(f, inputs) < 1e-5);
    }

    [Fact]
    public void LinearGradientsReachInputWeightAndBias() =>
        Check(t => F.linear(t[0], t[1], t[2]), R([2, 3], 1), R([4, 3], 2), R([4], 3));

    [Fact]
    public void Conv2dGradientsReachInputWeightAndBias() =>
        Check(t => F.conv2d(t[0], t[1], t[2], stride: [2], padding: [1, 0]), R([2, 2, 5, 4], 1), R([3, 2, 3, 2], 2), R([3], 3));

    [Fact]
    public void GroupedDilatedConv2dGradientsReachInputAndWeight() =>
        Check(t => F.conv2d(t[0], t[1], null, dilation: [2], groups: 2), R([1, 4, 5, 5], 1), R([2, 2, 2, 2], 2));

    [Fact]
    public void ConvTranspose2dGradientsReachInputWeightAndBias() =>
        Check(t => F.conv_transpose2d(t[0], t[1], t[2], stride: [2], padding: [1], output_padding: [1]), R([1, 2, 3, 3], 1), R([2, 3, 3, 3], 2), R([3], 3));

    [Fact]
    public void PoolingGradientsReachTheInput()
    {
        Check(t => F.max_pool2d(t[0], [2], padding: [1]), R([1, 2, 4, 4], 1));
        Check(t => F.avg_pool2d(t[0], [3], stride: [2], padding: [1], count_include_pad: false), R([1, 2, 5, 5], 2));
    }

    [Fact]
    public void BatchNormGradientsReachInputWeightAndBiasInTrainingAndEvaluation()
    {
        using var scope = NewDisposeScope();
        var (mean, variance) = (R([3], 4), R([3], 5).abs() + 0.5);
        Check(t => F.batch_norm(t[0], null, null, t[1], t[2], training: true), R([4, 3, 2], 1), R([3], 2), R([3], 3));
        Check(t => F.batch_norm(t[0], mean, variance, t[1], t[2], training: false), R([4, 3], 1), R([3], 2), R([3], 3));
    }

    [Fact]
    public void InstanceAndLayerNormGradientsReachInputWeightAndBias()
    {
        Check(t => F.instance_norm(t[0], weight: t[1], bias: t[2]), R([2, 3, 2, 3], 1), R([3], 2), R([3], 3));
        Check(t => F.layer_norm(t[0], [2, 3], t[1], t[2]), R([4, 2, 3], 1), R([2, 3], 2), R([2, 3], 3));
    }

    [Fact]
    public void DropoutWithAFixedGeneratorIsDifferentiableThroughItsMask() =>
        Check(t => F.dropout(t[0], 0.4, generator: new Generator(9)), R([4, 5], 1));

    [Fact]
    public void EmbeddingGradientsReachTheTable()
    {
        using var scope = NewDisposeScope();
        var indices = tensor(new long[] { 0, 2, 2, 1 }, [2, 2]);
        Check(t => F.embedding(indices, t[0]), R([3, 4], 1));
    }

    [Fact]
    public void LstmAndGruCellGradientsReachInputStateWeightsAndBiases()
    {
        Check(t =>
        {
            var (h, c) = F.lstm_cell(t[0], (t[1], t[2]), t[3], t[4], t[5], t[6]);
            return cat([h, c], 1);
        }, R([2, 3], 1), R([2, 2], 2), R([2, 2], 3), R([8, 3], 4), R([8, 2], 5), R([8], 6), R([8], 7));
        Check(t => F.gru_cell(t[0], t[1], t[2], t[3], t[4], t[5]), R([2, 3], 1), R([2, 2], 2), R([6, 3], 3), R([6, 2], 4), R([6], 5), R([6], 6));
    }

    [Fact]
    public void PaddingGradientsReachTheInput()
    {
        Check(t => F.pad(t[0], [1, 2, 0, 1], value: 0.5), R([1, 2, 3, 3], 1));
        Check(t => F.pad(t[0], [2, 1, 1, 2], PaddingModes.Reflect), R([1, 2, 3, 3], 2));
        Check(t => F.pad(t[0], [1, 1], PaddingModes.Reflect), R([2, 3, 4], 3));
    }

    [Fact]
    public void ActivationGradientsMatchFiniteDifferences()
    {
        var x = R([3, 4], 1);
        Check(t => F.leaky_relu(t[0], 0.2), x);
        Check(t => F.elu(t[0], 1.5), x);
        Check(t => F.softplus(t[0], 2, 3), x);
        Check(t => F.gelu(t[0]), x);
        Check(t => F.gelu(t[0], "tanh"), x);
        Check(t => F.softmax(t[0], 1), x);
        Check(t => F.log_softmax(t[0], 0), x);
    }

    [Fact]
    public void LearnerWeightsProducedByAnotherNetworkReceiveGradients()
    {
        using var scope = NewDisposeScope();
        // A meta-learner's situation: the learner's conv and linear weights are outputs of another network (here a
        // linear map of θ), and the loss must differentiate through the functional learner back into θ.
        var (x, target) = (R([2, 1, 4, 4], 1), tensor(new long[] { 1, 0 }));
        var (toConv, toLinear) = (R([2 * 1 * 3 * 3, 5], 2), R([2 * 2 * 2 * 2, 5], 3));
        Check(t =>
        {
            var theta = t[0];
            var convWeight = toConv.matmul(theta).view(2, 1, 3, 3);
            var linearWeight = toLinear.matmul(theta).view(2, 8);
            var h = F.max_pool2d(F.relu(F.conv2d(x, convWeight, padding: [1])), [2]).flatten(1);
            return F.cross_entropy(F.linear(h, linearWeight), target);
        }, R([5], 4));
    }

    [Fact]
    public void PairArgumentsTakeOneOrTwoValues()
    {
        using var scope = NewDisposeScope();
        var (x, w) = (R([1, 1, 5, 5], 1), R([1, 1, 3, 3], 2));
        Assert.True(F.conv2d(x, w, stride: [2]).equal(F.conv2d(x, w, stride: [2, 2])));
        var e = Assert.Throws<ArgumentException>(() => F.conv2d(x, w, stride: [1, 2, 3]));
        Assert.Contains("stride takes one value or two", e.Message);
    }

    [Fact]
    public void PadRejectsOddLengthsAndConvolutionModes()
    {
        using var scope = NewDisposeScope();
        var x = R([1, 1, 3, 3], 1);
        Assert.Contains("(before, after) pair", Assert.Throws<ArgumentException>(() => F.pad(x, [1, 2, 3])).Message);
        Assert.Contains("Constant and Reflect", Assert.Throws<ArgumentException>(() => F.pad(x, [1, 1], PaddingModes.Zeros)).Message);
        Assert.Contains("doesn't take in a value", Assert.Throws<ArgumentException>(() => F.pad(x, [1, 1], PaddingModes.Reflect, 2)).Message);
    }
}
