namespace Papers.Hnn.Tests;

/// <summary>
/// The gyrovector operations against closed forms at c = 1 and c = 0.5 (x = (0.3, 0.4), ‖x‖ = ½, so artanh(√c‖x‖)
/// and tanh have exact values), the gyrogroup identities, the c → 0 limit, and every backward pass against central
/// finite differences near the boundary of the ball. Tolerance 1e-12 for values, 1e-6 relative for gradients.
/// </summary>
public class PoincareBallTests
{
    private const double Exact = 1e-12;
    private static readonly double[] X = [0.3, 0.4];

    [Theory]
    [InlineData(1.0, 0.3873170731707318, 0.1258536585365854)]      // (1.12 u + 0.95 v)/1.025
    [InlineData(0.5, 0.3940667490729295, 0.11322620519159458)]     // (1.06 u + 0.975 v)/1.01125
    public void MobiusAdditionMatchesEquation3(double c, double e0, double e1)
    {
        var output = new double[2];
        PoincareBall.WithCurvature(c).MobiusAdd([0.1, 0.2], [0.3, -0.1], output);
        AssertClose([e0, e1], output, Exact);
    }

    [Theory]
    [InlineData(1.0, 0.2772702943560058, 0.3696937258080078)]      // tanh(½)/½ · x
    [InlineData(0.5, 0.28809490251267283, 0.38412653668356384)]
    public void ExpMapAtZeroMatchesLemma2(double c, double e0, double e1)
    {
        var output = new double[2];
        PoincareBall.WithCurvature(c).ExpZero(X, output);
        AssertClose([e0, e1], output, Exact);
    }

    [Theory]
    [InlineData(1.0, 0.32958368660043286, 0.43944491546724385)]    // artanh(½)/½ · x = ln(3) x
    [InlineData(0.5, 0.3135302744282879, 0.4180403659043839)]
    public void LogMapAtZeroMatchesLemma2(double c, double e0, double e1)
    {
        var output = new double[2];
        PoincareBall.WithCurvature(c).LogZero(X, output);
        AssertClose([e0, e1], output, Exact);
    }

    [Theory]
    [InlineData(1.0, 1.0986122886681096)]    // 2 artanh(½) = ln 3
    [InlineData(0.5, 1.0451009147609598)]    // (2/√c) artanh(√c/2)
    public void DistanceFromOriginMatchesEquation8(double c, double expected)
    {
        var ball = PoincareBall.WithCurvature(c);
        Assert.Equal(expected, ball.Distance([0, 0], X), Exact);
        Assert.Equal(expected * expected, ball.DistanceSquared(X, [0, 0]), Exact);
    }

    [Theory]
    [InlineData(1.0, 0.48, 0.64)]                                   // tanh(2 artanh ½) = 0.8
    [InlineData(0.5, 0.5333333333333333, 0.7111111111111112)]
    public void ScalarMultiplicationByTwoMatchesEquation4(double c, double e0, double e1)
    {
        var output = new double[2];
        PoincareBall.WithCurvature(c).MobiusScalar(2, X, output);
        AssertClose([e0, e1], output, Exact);
    }

    [Theory]
    [InlineData(1.0, 0.43701015492198064, 0.5681132013985749)]
    [InlineData(0.5, 0.4667607940986992, 0.6067890323283089)]
    public void MatrixVectorMultiplicationMatchesEquation27(double c, double e0, double e1)
    {
        var output = new double[2];
        PoincareBall.WithCurvature(c).MobiusMatVec([1, 0.5, -0.5, 2], X, output);   // M = [[1, ½], [−½, 2]]
        AssertClose([e0, e1], output, Exact);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void MatrixTwoIdentityIsScalarMultiplicationByTwo(double c)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (viaMatrix, viaScalar) = (new double[2], new double[2]);
        ball.MobiusMatVec([2, 0, 0, 2], X, viaMatrix);
        ball.MobiusScalar(2, X, viaScalar);
        AssertClose(viaScalar, viaMatrix, Exact);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void MobiusAdditionWithZeroIsIdentity(double c)
    {
        var ball = PoincareBall.WithCurvature(c);
        var output = new double[2];
        ball.MobiusAdd(X, [0, 0], output);
        AssertClose(X, output, Exact);
        ball.MobiusAdd([0, 0], X, output);
        AssertClose(X, output, Exact);
        ball.MinusAdd(X, X, output);
        AssertClose([0, 0], output, Exact);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void LeftCancellationHolds(double c)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (sum, back) = (new double[3], new double[3]);
        double[] y = [-0.2, 0.5, 0.1];
        ball.MobiusAdd([0.3, 0.1, -0.6], y, sum);
        ball.MinusAdd([0.3, 0.1, -0.6], sum, back);
        AssertClose(y, back, 1e-12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void LogMapInvertsExpMapAtAPoint(double c)
    {
        var ball = PoincareBall.WithCurvature(c);
        double[] x = [0.2, -0.3, 0.5];
        double[] v = [0.7, 0.1, -0.4];
        var (y, back) = (new double[3], new double[3]);
        ball.ExpMap(x, v, y);
        ball.LogMap(x, y, back);
        AssertClose(v, back, 1e-10);
        ball.ExpZero(v, y);
        ball.LogZero(y, back);
        AssertClose(v, back, 1e-12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void DistanceIsSymmetric(double c)
    {
        var ball = PoincareBall.WithCurvature(c);
        double[] x = [0.2, -0.3, 0.5];
        double[] y = [-0.6, 0.1, 0.2];
        Assert.Equal(ball.Distance(x, y), ball.Distance(y, x), 1e-12);
        Assert.Equal(0, ball.Distance(x, x), 1e-9);
    }

    /// <summary>At c → 0 the ball is ℝⁿ: ⊕ is +, ⊗ is the matrix product, d is 2‖x − y‖, exp₀ is the identity, and the MLR logit is 4⟨x − p, a⟩ (Eq. 22).</summary>
    [Fact]
    public void SmallCurvatureRecoversEuclideanOperations()
    {
        var ball = PoincareBall.WithCurvature(1e-12);
        double[] u = [0.3, -1.2, 2.0];
        double[] v = [1.5, 0.4, -0.7];
        var output = new double[3];
        ball.MobiusAdd(u, v, output);
        AssertClose([1.8, -0.8, 1.3], output, 1e-9);
        ball.MobiusMatVec([1, 2, 0, 0, 1, -1, 3, 0, 1], u, output);
        AssertClose([-2.1, -3.2, 2.9], output, 1e-9);
        Assert.Equal(2 * Math.Sqrt(1.44 + 2.56 + 7.29), ball.Distance(u, v), 1e-6);
        ball.ExpZero(u, output);
        AssertClose(u, output, 1e-9);
        double[] a = [0.5, 1.0, -0.25];
        Assert.Equal(4 * ((1.5 - 0.3) * 0.5 + (0.4 + 1.2) * 1.0 + (-0.7 - 2.0) * -0.25), HyperbolicMlr.Logit(ball, u, a, v), 1e-6);
    }

    [Fact]
    public void ProjectionKeepsPointsInsideTheBall()
    {
        var ball = PoincareBall.WithCurvature(1);
        var output = new double[2];
        ball.MobiusScalar(50, X, output);
        Assert.Equal(ball.MaxNorm, Vec.Norm(output), 1e-15);
        Assert.True(Vec.Norm(output) < 1);
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
