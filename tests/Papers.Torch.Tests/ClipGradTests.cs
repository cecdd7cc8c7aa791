namespace Papers.Torch.Tests;

/// <summary>nn.utils.clip_grad_norm_ and clip_grad_value_ against norms worked out by hand.</summary>
public class ClipGradTests
{
    // float32 gradients, and the 1e-6 PyTorch adds to the norm: agreement to 1e-5 relative.
    private const float Tolerance = 1e-5f;

    private static (Tensor a, Tensor b) Parameters()
    {
        var a = tensor(new float[] { 0, 0 }, requires_grad: true);
        var b = tensor(new float[] { 0 }, requires_grad: true);
        a.grad = tensor(new float[] { 3, 4 });
        b.grad = tensor(new float[] { 12 });
        return (a, b);
    }

    private static void AssertGrad(float[] expected, Tensor parameter)
    {
        var values = parameter.grad!.data<float>();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], values[i], Tolerance);
    }

    [Fact]
    public void ClipGradNormScalesAllGradientsByMaxNormOverTheirJointNorm()
    {
        // ‖[3, 4, 12]‖₂ = √169 = 13;  coefficient 6.5 / (13 + 1e-6) ≈ 0.5
        var (a, b) = Parameters();
        var total = nn.utils.clip_grad_norm_([a, b], max_norm: 6.5);
        Assert.Equal(13.0, total, 1e-6);
        AssertGrad([1.5f, 2f], a);
        AssertGrad([6f], b);
    }

    [Fact]
    public void ClipGradNormLeavesGradientsWithinTheBoundUnchanged()
    {
        var (a, b) = Parameters();
        Assert.Equal(13.0, nn.utils.clip_grad_norm_([a, b], max_norm: 100), 1e-6);
        Assert.Equal(new float[] { 3, 4 }, a.grad!.data<float>());
        Assert.Equal(new float[] { 12 }, b.grad!.data<float>());
    }

    [Theory]
    [InlineData(1.0, 19.0)]                       // |3| + |4| + |12|
    [InlineData(double.PositiveInfinity, 12.0)]   // max |g|
    public void ClipGradNormUsesTheRequestedNorm(double normType, double expected)
    {
        // max_norm = expected / 2 halves every gradient.
        var (a, b) = Parameters();
        Assert.Equal(expected, nn.utils.clip_grad_norm_([a, b], max_norm: expected / 2, norm_type: normType), 1e-6);
        AssertGrad([1.5f, 2f], a);
        AssertGrad([6f], b);
    }

    [Fact]
    public void ClipGradNormSkipsParametersWithoutGradientsAndIsZeroWithoutAny()
    {
        var (a, _) = Parameters();
        using var idle = tensor(new float[] { 1 }, requires_grad: true);
        Assert.Equal(5.0, nn.utils.clip_grad_norm_([a, idle], max_norm: 1), 1e-6);
        Assert.Null(idle.grad);
        Assert.Equal(0.0, nn.utils.clip_grad_norm_([idle], max_norm: 1));
    }

    [Fact]
    public void ClipGradValueClampsEachElement()
    {
        using var p = tensor(new float[] { 0, 0, 0 }, requires_grad: true);
        p.grad = tensor(new float[] { -3, 0.5f, 2 });
        nn.utils.clip_grad_value_([p], clip_value: 1);
        Assert.Equal(new float[] { -1, 0.5f, 1 }, p.grad!.data<float>());
    }

    [Fact]
    public void NegativeBoundsAreRejected()
    {
        var (a, _) = Parameters();
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.utils.clip_grad_norm_([a], max_norm: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.utils.clip_grad_norm_([a], max_norm: 1, norm_type: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.utils.clip_grad_value_([a], clip_value: -1));
    }
}
