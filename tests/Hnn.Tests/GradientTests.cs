namespace Papers.Hnn.Tests;

/// <summary>
/// Each operation's backward pass against central finite differences (step 1e-7, float64) of ⟨w, op(inputs)⟩ for a fixed
/// random w, at points of norm 0.99 (near the boundary, where 1 − c‖x‖² is small) and 0.3, at c = 1 and c = 0.5.
/// Relative tolerance 1e-5.
/// </summary>
public class GradientTests
{
    private const int N = 5;

    public static TheoryData<double, double> Cases => new() { { 1.0, 0.99 }, { 1.0, 0.3 }, { 0.5, 0.99 }, { 0.5, 0.3 } };

    [Theory, MemberData(nameof(Cases))]
    public void MobiusAdditionBackward(double c, double radius)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (u, v, w) = (Point(1, radius / Math.Sqrt(c)), Point(2, 0.5 * radius / Math.Sqrt(c)), Point(3, 1));
        var (gu, gv) = (new double[N], new double[N]);
        ball.MobiusAdd(u, v, new double[N]);
        ball.MobiusAddBackward(u, v, w, gu, gv);
        Check(gu, u, () => Project(o => ball.MobiusAdd(u, v, o), w));
        Check(gv, v, () => Project(o => ball.MobiusAdd(u, v, o), w));
    }

    [Theory, MemberData(nameof(Cases))]
    public void MatrixVectorBackward(double c, double radius)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (x, w) = (Point(4, radius / Math.Sqrt(c)), Point(5, 1));
        var m = Matrix(6);
        var (gm, gx) = (new double[N * N], new double[N]);
        ball.MobiusMatVecBackward(m, x, w, gm, gx);
        Check(gm, m, () => Project(o => ball.MobiusMatVec(m, x, o), w));
        Check(gx, x, () => Project(o => ball.MobiusMatVec(m, x, o), w));
    }

    [Theory, MemberData(nameof(Cases))]
    public void PointwiseBackward(double c, double radius)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (x, u, w) = (Point(7, radius / Math.Sqrt(c)), Point(8, 1), Point(9, 1));
        var (gu, gx) = (new double[N], new double[N]);
        ball.MobiusPointwiseBackward(u, x, w, gu, gx);
        Check(gu, u, () => Project(o => ball.MobiusPointwise(u, x, o), w));
        Check(gx, x, () => Project(o => ball.MobiusPointwise(u, x, o), w));
    }

    [Theory, MemberData(nameof(Cases))]
    public void ExpAndLogAtZeroBackward(double c, double radius)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (y, v, w) = (Point(10, radius / Math.Sqrt(c)), Point(11, 2 * radius), Point(12, 1));
        var (gy, gv) = (new double[N], new double[N]);
        ball.LogZeroBackward(y, w, gy);
        ball.ExpZeroBackward(v, w, gv);
        Check(gy, y, () => Project(o => ball.LogZero(y, o), w));
        Check(gv, v, () => Project(o => ball.ExpZero(v, o), w));
    }

    [Theory, MemberData(nameof(Cases))]
    public void ScalarMultiplicationBackward(double c, double radius)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (x, w) = (Point(13, radius / Math.Sqrt(c)), Point(14, 1));
        var r = new[] { 0.7 };
        var gx = new double[N];
        var gr = ball.MobiusScalarBackward(r[0], x, w, gx);
        Check(gx, x, () => Project(o => ball.MobiusScalar(r[0], x, o), w));
        Check([gr], r, () => Project(o => ball.MobiusScalar(r[0], x, o), w));
    }

    [Theory, MemberData(nameof(Cases))]
    public void DistanceSquaredAndMlrBackward(double c, double radius)
    {
        var ball = PoincareBall.WithCurvature(c);
        var (x, y, a) = (Point(15, radius / Math.Sqrt(c)), Point(16, 0.6 / Math.Sqrt(c)), Point(17, 1.3));
        var (gx, gy) = (new double[N], new double[N]);
        ball.DistanceSquaredBackward(x, y, 1.0, gx, gy);
        Check(gx, x, () => ball.DistanceSquared(x, y));
        Check(gy, y, () => ball.DistanceSquared(x, y));
        var (gp, ga, gz) = (new double[N], new double[N], new double[N]);
        HyperbolicMlr.LogitBackward(ball, y, a, x, 1.0, gp, ga, gz);
        Check(gp, y, () => HyperbolicMlr.Logit(ball, y, a, x));
        Check(ga, a, () => HyperbolicMlr.Logit(ball, y, a, x));
        Check(gz, x, () => HyperbolicMlr.Logit(ball, y, a, x));
    }

    private static double Project(Action<double[]> op, double[] w)
    {
        var o = new double[w.Length];
        op(o);
        return Vec.Dot(o, w);
    }

    /// <summary>Central differences of f in each coordinate of <paramref name="x"/> (perturbed in place and restored).</summary>
    private static void Check(double[] analytic, double[] x, Func<double> f)
    {
        const double h = 1e-7;
        for (var i = 0; i < x.Length; i++)
        {
            var saved = x[i];
            x[i] = saved + h;
            var plus = f();
            x[i] = saved - h;
            var minus = f();
            x[i] = saved;
            var numeric = (plus - minus) / (2 * h);
            var error = Math.Abs(numeric - analytic[i]) / Math.Max(1e-2, Math.Abs(numeric));
            Assert.True(error < 1e-5, $"[{i}]: analytic {analytic[i]:R}, numeric {numeric:R}");
        }
    }

    private static double[] Point(int seed, double norm)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, N).Select(_ => random.NextDouble() - 0.5).ToArray();
        var n = Vec.Norm(x);
        return x.Select(v => v / n * norm).ToArray();
    }

    private static double[] Matrix(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, N * N).Select(_ => random.NextDouble() - 0.5).ToArray();
    }
}
