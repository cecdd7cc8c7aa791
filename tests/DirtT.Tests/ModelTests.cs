using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT.Tests;

[Collection("Serial")]
public class ModelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SmallNetworkMapsImagesToTenLogitsThroughItsSplit(bool instanceNorm)
    {
        manual_seed(0);
        using var network = new SmallNetwork(instanceNorm, trim: 5);
        using var scope = NewDisposeScope();
        var x = randn([4, 3, 32, 32]);
        var h = network.Encode(x, Phase.Eval);
        Assert.Equal(new long[] { 4, 64, 8, 8 }, h.shape);                         // after the second noise layer
        Assert.Equal(64 * 8 * 8, network.FeatureSize());
        var logits = network.Classify(h, Phase.Eval);
        Assert.Equal(new long[] { 4, 10 }, logits.shape);
        AssertClose.Equal(network.forward(x, Phase.Eval).data<float>(), logits.data<float>(), 0);
    }

    [Fact]
    public void SmallNetworkHasTheAuthorsParameters()
    {
        using var network = new SmallNetwork(instanceNorm: true, trim: 5);
        // 9 convs (3·64·9 + 64, then 8 × 64·64·9 + 64), dense 64·10 + 10, γ and β of 10 batch norms, instance norm's 3 + 3.
        var expected = (3 * 64 * 9 + 64) + 8 * (64 * 64 * 9 + 64) + (64 * 10 + 10) + 9 * 2 * 64 + 2 * 10 + 6;
        Assert.Equal(expected, network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void OnlyTrackingPassesMoveTheBatchNormStatistics()
    {
        manual_seed(1);
        using var bn = new BatchNorm(3);
        using var scope = NewDisposeScope();
        var x = randn([8, 3, 4, 4]) * 2 + 5;
        bn.Apply(x, Phase.Train);
        AssertClose.Equal(new[] { 0f, 0f, 0f }, bn.get_buffer("mean").data<float>(), 0);
        bn.Apply(x, Phase.TrainAndTrack);
        var expected = x.mean([0, 2, 3]).data<float>().Select(m => (float)(0.01 * m)).ToArray();
        AssertClose.Equal(expected, bn.get_buffer("mean").data<float>(), 1e-6);
        var y = bn.Apply(x, Phase.Train);                                           // batch statistics: zero mean per channel
        AssertClose.Equal(new[] { 0f, 0f, 0f }, y.mean([0, 2, 3]).data<float>(), 1e-5);
    }
    [Fact]
    public void WeightsAreTensorBayesHeNormalsCutAtTwoStandardDeviations()
    {
        manual_seed(2);
        using var network = new SmallNetwork(instanceNorm: false, trim: 5);
        foreach (var (name, fanIn) in new[] { ("l1_conv.weight", 3 * 9), ("l2_conv.weight", 64 * 9), ("l17_dense.weight", 64) })
        {
            var w = network.get_parameter(name).data<float>().Select(v => (double)v).ToArray();
            var cut = 2 * TensorBayesInit.TruncatedStd(fanIn);                    // √(1.3 · 2 / fan_in), cut at ±2 of it
            Assert.True(w.Max(Math.Abs) <= cut, $"{name}: max |w| {w.Max(Math.Abs)} beyond the cut {cut}");
            Assert.True(w.Max(Math.Abs) > 0.9 * cut, $"{name}: max |w| {w.Max(Math.Abs)} far inside the cut {cut}");
        }
        // A normal cut at ±2σ keeps 0.7737 of σ²: √(2.6 · 0.7737 / fan_in) ≈ √(2.01 / fan_in), He et al.'s √(2 / fan_in).
        var big = TensorBayesInit.VarianceScaling(empty([512, 64, 3, 3])).data<float>().Select(v => (double)v).ToArray();
        var std = Math.Sqrt(big.Sum(v => v * v) / big.Length);
        Assert.Equal(Math.Sqrt(2.6 * 0.773741 / 576), std, 3e-4);                // 0.0591; 295k draws: sampling error ≈ 1e-4
        Assert.Equal(0, network.get_parameter("l2_conv.bias").abs().sum().ToDouble());
        using var discriminator = new FeatureDiscriminator(4096);
        var d = discriminator.get_parameter("hidden.weight").data<float>().Select(v => (double)v).ToArray();
        Assert.True(d.Max(Math.Abs) <= 2 * TensorBayesInit.TruncatedStd(4096));
    }
}
