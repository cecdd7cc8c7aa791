namespace Papers.Torch.Tests;

/// <summary>Elementwise ops against values computed from their formulas, and their gradients against
/// central finite differences in float64.</summary>
public class ElementwiseTests
{
    private const double Tol = 1e-12;

    // Reference values: closed forms evaluated at x = 0.5 (atanh 0.5 = ½ ln 3, softplus 1 = ln(1 + e), ...).
    [Theory]
    [InlineData("atanh", 0.5, 0.54930614433405489)]
    [InlineData("sinh", 0.5, 0.52109530549374738)]
    [InlineData("cosh", 0.5, 1.1276259652063807)]
    [InlineData("tanh", 0.5, 0.46211715726000974)]
    [InlineData("sigmoid", 0.5, 0.62245933120185459)]
    [InlineData("softplus", 1.0, 1.3132616875182228)]
    [InlineData("exp", 1.0, 2.7182818284590451)]
    [InlineData("log", 2.0, 0.69314718055994529)]
    [InlineData("log1p", 1.0, 0.69314718055994529)]
    [InlineData("sqrt", 2.0, 1.4142135623730951)]
    [InlineData("rsqrt", 4.0, 0.5)]
    [InlineData("asinh", 1.0, 0.88137358701954305)]
    [InlineData("acosh", 2.0, 1.3169578969248166)]
    [InlineData("lgamma", 4.5, 2.4537365708424423)]
    [InlineData("digamma", 1.0, -0.57721566490153287)]
    [InlineData("erf", 0.5, 0.52049987781304652)]
    [InlineData("sign", -3.0, -1.0)]
    [InlineData("abs", -3.0, 3.0)]
    [InlineData("relu", -3.0, 0.0)]
    [InlineData("reciprocal", 4.0, 0.25)]
    public void UnaryOpMatchesClosedForm(string op, double x, double expected)
    {
        using var t = tensor(x, float64);
        using var y = Unary(op)(t);
        Assert.Equal(expected, y.ToDouble(), Tol);
    }

    [Theory]
    [InlineData("atanh")] [InlineData("sinh")] [InlineData("cosh")] [InlineData("tanh")] [InlineData("sigmoid")]
    [InlineData("softplus")] [InlineData("exp")] [InlineData("log")] [InlineData("log1p")] [InlineData("sqrt")]
    [InlineData("rsqrt")] [InlineData("asinh")] [InlineData("lgamma")] [InlineData("digamma")] [InlineData("erf")]
    [InlineData("abs")] [InlineData("relu")] [InlineData("reciprocal")] [InlineData("square")] [InlineData("expm1")]
    [InlineData("sin")] [InlineData("cos")] [InlineData("atan")] [InlineData("neg")]
    public void UnaryOpGradientMatchesFiniteDifferences(string op)
    {
        // Inputs in (0.1, 0.9): inside every op's domain (atanh, log, sqrt) and away from kinks (abs, relu).
        using var x = rand([3, 4], float64, generator: new Generator(7)) * 0.8 + 0.1;
        autograd.gradcheck(t => Unary(op)(t[0]), [x]);
    }

    private static Func<Tensor, Tensor> Unary(string op) => op switch
    {
        "atanh" => t => t.atanh(), "sinh" => t => t.sinh(), "cosh" => t => t.cosh(), "tanh" => t => t.tanh(),
        "sigmoid" => t => t.sigmoid(), "softplus" => t => t.softplus(), "exp" => t => t.exp(), "log" => t => t.log(),
        "log1p" => t => t.log1p(), "sqrt" => t => t.sqrt(), "rsqrt" => t => t.rsqrt(), "asinh" => t => t.asinh(),
        "acosh" => t => t.acosh(), "lgamma" => t => t.lgamma(), "digamma" => t => t.digamma(), "erf" => t => t.erf(),
        "sign" => t => t.sign(), "abs" => t => t.abs(), "relu" => t => t.relu(), "reciprocal" => t => t.reciprocal(),
        "square" => t => t.square(), "expm1" => t => t.expm1(), "sin" => t => t.sin(), "cos" => t => t.cos(),
        "atan" => t => t.atan(), "neg" => t => -t,
        _ => throw new ArgumentException(op),
    };

    [Fact]
    public void IntegerTensorsAddAndSubtractWithAWholeAlphaAsInPyTorch()
    {
        using var a = tensor(new long[] { 1, 2, 3 });
        using var b = tensor(new long[] { 10, 20, 30 });
        using var sum = a + b;
        Assert.Equal(ScalarType.Int64, sum.dtype);
        Assert.Equal(new long[] { 11, 22, 33 }, sum.data<long>());
        Assert.Equal(new long[] { 21, 42, 63 }, a.add(b, 2).data<long>());
        Assert.Equal(new long[] { -9, -18, -27 }, (a - b).data<long>());
        using var c = a.clone();
        Assert.Equal(new long[] { -29, -58, -87 }, c.sub_(b, 3).data<long>());
        Assert.Equal(new double[] { 6, 12, 18 }, tensor(new double[] { 1, 2, 3 }).add(tensor(new double[] { 10, 20, 30 }), 0.5).data<double>());
        var e = Assert.Throws<TorchException>(() => a.add(b, 0.5));
        Assert.Contains("alpha must not be a floating point number", e.Message);
    }

    [Fact]
    public void BinaryOperatorsBroadcastAndMatchArithmetic()
    {
        using var a = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var b = tensor(new double[] { 10, 20, 30 });
        Assert.Equal(new double[] { 11, 22, 33, 14, 25, 36 }, (a + b).data<double>());
        Assert.Equal(new double[] { -9, -18, -27, -6, -15, -24 }, (a - b).data<double>());
        Assert.Equal(new double[] { 10, 40, 90, 40, 100, 180 }, (a * b).data<double>());
        Assert.Equal(new double[] { 0.1, 0.1, 0.1, 0.4, 0.25, 0.2 }, (a / b).data<double>());
        Assert.Equal(new double[] { 2, 1, 0, -1, -2, -3 }, (3 - a).data<double>());
        // scalar / tensor is reciprocal(t) * scalar, as in PyTorch's __rtruediv__: 12 / 5 rounds to 2.4000000000000004.
        Assert.Equal(new double[] { 12, 6, 4, 3, 12 * (1.0 / 5), 2 }, (12 / a).data<double>());
        Assert.Equal(new double[] { 1, 0, 1, 0, 1, 0 }, (a % 2).data<double>());
        Assert.Equal(new double[] { 1, 4, 9, 16, 25, 36 }, a.pow(2).data<double>());
        Assert.Equal(new double[] { 2, 4, 8, 16, 32, 64 }, pow(2.0, a).data<double>());
    }

    [Fact]
    public void IntegerScalarsKeepIntegerTensorsIntegral()
    {
        using var a = arange(5);
        Assert.Equal(ScalarType.Int64, a.dtype);
        using var b = a * 2 + 1;
        Assert.Equal(ScalarType.Int64, b.dtype);
        Assert.Equal(new long[] { 1, 3, 5, 7, 9 }, b.data<long>());
        using var c = a * 0.5;
        Assert.Equal(ScalarType.Float32, c.dtype);
    }

    [Fact]
    public void BinaryOpGradientsMatchFiniteDifferences()
    {
        using var a = rand([2, 3], float64, generator: new Generator(1)) + 0.5;
        using var b = rand([3], float64, generator: new Generator(2)) + 0.5;
        autograd.gradcheck(t => t[0] * t[1] + t[0] / t[1] - t[1].pow(3), [a, b]);
        autograd.gradcheck(t => t[0].pow(t[1]), [a, b]);
        autograd.gradcheck(t => t[0].maximum(t[1] * 1.2) + t[0].atan2(t[1]), [a, b]);
        autograd.gradcheck(t => t[0].clamp(0.7, 1.2), [a]);
        autograd.gradcheck(t => where(t[0] > 1.0, t[0].square(), t[0].exp()), [a]);
        autograd.gradcheck(t => t[0].masked_fill(t[0] > 1.0, 0.0) * 3, [a]);
        autograd.gradcheck(t => t[0].softmax(1) + t[0].log_softmax(0), [a]);
        autograd.gradcheck(t => t[0].leaky_relu(0.2) + t[0].elu() + t[0].gelu(), [a - 1]);
    }

    [Fact]
    public void ClampAndComparisonsFollowPyTorch()
    {
        using var x = tensor(new float[] { -2, -0.5f, 0, 0.5f, 2 });
        Assert.Equal(new float[] { -1, -0.5f, 0, 0.5f, 1 }, x.clamp(-1, 1).data<float>());
        Assert.Equal(new float[] { 0, 0, 0, 0.5f, 2 }, x.clamp_min(0).data<float>());
        Assert.Equal(new[] { false, false, false, true, true }, (x > 0).data<bool>());
        Assert.Equal(new[] { true, true, true, false, false }, (x <= 0).data<bool>());
        Assert.Equal(new[] { false, false, true, false, false }, x.eq(0).data<bool>());
        Assert.Equal(new[] { true, false, false, false, true }, ((x < -1) | (x > 1)).data<bool>());
    }

    [Fact]
    public void InPlaceOpsReturnTheSameTensorAndChangeIt()
    {
        using var x = ones([3], float64);
        var y = x.mul_(3).add_(1).div_(2);
        Assert.Same(x, y);
        Assert.Equal(new double[] { 2, 2, 2 }, x.data<double>());
        using var t1 = full([3], 2.0, float64);
        x.addcmul_(t1, t1, 0.5).addcdiv_(t1, t1, -1);
        Assert.Equal(new double[] { 3, 3, 3 }, x.data<double>());
    }

    [Fact]
    public void InPlaceOnALeafThatRequiresGradIsRefusedOutsideNoGrad()
    {
        using var w = zeros([2], float64, requires_grad: true);
        var e = Assert.Throws<TorchException>(() => w.add_(1));
        Assert.Contains("leaf Variable that requires grad", e.Message);
        using (no_grad()) w.add_(1);
        Assert.Equal(new double[] { 1, 1 }, w.data<double>());
    }
}
