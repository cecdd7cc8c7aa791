using Papers.Torch;
using static Papers.Torch.torch;
using F = Papers.Torch.torch.nn.functional;

namespace Papers.MetaLstm.Tests;

/// <summary>
/// The meta-learner's step as one native pass (<c>meta_lstm_step</c>, shared/Papers.Torch/native/src/metalstm.cpp)
/// against <see cref="MetaLearner.Composite"/>, the same equations as separate libtorch ops, which
/// <see cref="MetaLearnerTests"/> checks by hand and against finite differences.
/// </summary>
[Collection("Serial")]
public class FusedStepTests
{
    // 1,000 coordinates: three whole blocks of 256 and a partial one.
    private const int Coordinates = 1000;

    /// <summary>
    /// A float32 meta-learner with its weights moved well away from the initialisation (which keeps every gate near
    /// 0.01 or 0.99), so that each term of the step and of its backward carries weight.
    /// </summary>
    private static MetaLearner Model(int hidden, Generator generator)
    {
        using var theta0 = rand([Coordinates], generator: generator) - 0.5;
        var model = new MetaLearner(hidden, theta0, generator);
        using var noGrad = no_grad();
        foreach (var parameter in model.parameters().Take(7)) parameter.add_(randn(parameter.shape, generator: generator) * 0.5);
        return model;
    }

    /// <summary>Three unrolled steps from fixed losses and gradients, then the backward of an objective over every output.</summary>
    private static (float[][] Outputs, Dictionary<string, float[]> Gradients) Unroll(MetaLearner model, bool fused, ulong seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed);
        model.Fused = fused;
        model.zero_grad();
        var state = model.Initial();
        foreach (var loss in new[] { 1.6f, 1.1f, 0.7f })
            state = model.Step(state, tensor(loss), randn([Coordinates], generator: generator) * 0.05).State;
        var weights = Enumerable.Range(0, 5).Select(_ => rand([1], generator: generator)).ToArray();
        (state.Theta.square().sum() * weights[0] + state.H.sum() * weights[1] + state.C.square().sum() * weights[2]
         + state.ForgetGate.sum() * weights[3] + state.InputGate.sum() * weights[4]).sum().backward();
        float[][] outputs = [.. new[] { state.Theta, state.H, state.C, state.ForgetGate, state.InputGate }.Select(t => t.detach().flatten().data<float>().ToArray())];
        return (outputs, model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.flatten().data<float>().ToArray()));
    }

    private static double MaxAbs(float[] values) => values.Max(v => Math.Abs((double)v));

    [Theory]
    [InlineData(20)]      // the paper's 20 units: 80 gates, two groups of 40 lanes
    [InlineData(3)]       // 12 gates and 7 inputs, each padded to a group of its own
    public void FusedStepMatchesTheCompositeForwardAndBackward(int hidden)
    {
        using var generator = new Generator(11);
        using var model = Model(hidden, generator);
        var (fusedOutputs, fusedGradients) = Unroll(model, fused: true, seed: 5);
        var (compositeOutputs, compositeGradients) = Unroll(model, fused: false, seed: 5);
        // float rounding: the two sum the gates' small products in different orders and take exp from different code
        foreach (var (fused, composite) in fusedOutputs.Zip(compositeOutputs))
            AssertClose.Equal(composite, fused, abs: 2e-6 * Math.Max(1, MaxAbs(composite)));
        Assert.Equal(8, compositeGradients.Count);
        foreach (var (name, composite) in compositeGradients)
        {
            Assert.True(MaxAbs(composite) > 1e-3, $"{name}'s gradient is too small to check anything");
            AssertClose.Equal(composite, fusedGradients[name], abs: 1e-5 * MaxAbs(composite));
        }
    }

    [Fact]
    public void TheFusedPassRunsOnFloatCpuTensorsAndLeavesFloat64ToTheComposite()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        Tensor Args(ScalarType type, params long[] shape) => randn(shape, generator: generator).to(type);
        (Tensor h, Tensor c, Tensor f, Tensor i, Tensor theta)? Run(ScalarType t) => F.meta_lstm_step(Args(t, 7, 4), (Args(t, 7, 3), Args(t, 7, 3)),
            Args(t, 7), Args(t, 7, 1), Args(t, 7, 1), Args(t, 7), Args(t, 12, 4), Args(t, 12, 3), Args(t, 12), Args(t, 5, 1), Args(t, 5, 1), Args(t, 1), Args(t, 1));
        Assert.True(CpuKernels.CanPin, "this machine has no AVX2 and FMA: the fused pass never runs here");
        var fused = Run(ScalarType.Float32);
        Assert.NotNull(fused);
        Assert.Equal([7L, 3L], fused.Value.h.shape);
        Assert.Equal([7L, 1L], fused.Value.f.shape);
        Assert.Equal([7L], fused.Value.theta.shape);
        Assert.Null(Run(ScalarType.Float64));
    }

    [Fact]
    public void TheThreadCountDoesNotChangeOneBit()
    {
        using var generator = new Generator(13);
        using var model = Model(20, generator);
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var (oneOutputs, oneGradients) = Unroll(model, fused: true, seed: 9);
            set_num_threads(2);
            var (twoOutputs, twoGradients) = Unroll(model, fused: true, seed: 9);
            foreach (var (one, two) in oneOutputs.Zip(twoOutputs)) Assert.Equal(one, two);
            foreach (var (name, one) in oneGradients) Assert.Equal(one, twoGradients[name]);
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void AWeightOfTheWrongShapeIsRefusedWithItsName()
    {
        using var scope = NewDisposeScope();
        var (p, h) = (5L, 2L);
        var error = Assert.Throws<TorchException>(() => F.meta_lstm_step(zeros([p, 4]), (zeros([p, h]), zeros([p, h])), zeros([p]),
            zeros([p, 1]), zeros([p, 1]), zeros([p]), zeros([4 * h, 4]), zeros([4 * h, h]), zeros([4 * h]), zeros([h + 1, 1]), zeros([h + 2, 1]),
            zeros([1]), zeros([1])));
        Assert.Contains("W_F must be [4, 1]", error.Message);
    }
}
