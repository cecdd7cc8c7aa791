using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Hnn.Tests;

/// <summary>The managed hyperbolic GRU step and its hand-written backward against the libtorch port and its autograd, float64.</summary>
public class TorchReferenceTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void ManagedStepAndGradientsMatchLibtorchAutograd(double c)
    {
        const int n = 5;
        var random = new Random(21);
        var cell = new HyperbolicGru("gru", n, PoincareBall.WithCurvature(c), random);
        foreach (var p in cell.Parameters.Where(p => p.Rows == 1))
            for (var i = 0; i < n; i++) p.Value[i] = 0.3 * (random.NextDouble() - 0.5);
        double[] Point(double norm)
        {
            var v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            var scale = norm / Vec.Norm(v) / Math.Sqrt(c);
            return v.Select(a => a * scale).ToArray();
        }
        var (h, x, g) = (Point(0.95), Point(0.4), Point(1));
        var next = new double[n];
        var (gh, gx) = (new double[n], new double[n]);
        var tape = new double[cell.TapeLength];
        cell.Step(h, x, next, tape);
        cell.StepBackward(h, x, tape, g, gh, gx);

        using var scope = NewDisposeScope();
        var leaves = TorchGru.Leaves(cell);
        var th = tensor(h, [1, n], dtype: ScalarType.Float64, requires_grad: true);
        var tx = tensor(x, [1, n], dtype: ScalarType.Float64, requires_grad: true);
        var output = new TorchGru(c).Step(leaves, th, tx);
        (output * tensor(g, [1, n], dtype: ScalarType.Float64)).sum().backward();
        AssertClose.Equal(output.data<double>(), next, 1e-12);
        AssertClose.Equal(th.grad!.data<double>(), gh, 1e-10, 1e-8);
        AssertClose.Equal(tx.grad!.data<double>(), gx, 1e-10, 1e-8);
        foreach (var (leaf, p) in leaves.Zip(cell.Parameters)) AssertClose.Equal(leaf.grad!.data<double>(), p.Grad, 1e-10, 1e-8);
    }

    /// <summary>libtorch's own finite-difference check of the tensor Möbius addition and matrix product near the boundary.</summary>
    [Fact]
    public void TensorOperationsPassGradcheckNearTheBoundary()
    {
        var gru = new TorchGru(1.0);
        using var scope = NewDisposeScope();
        var u = tensor(new[] { 0.6, -0.5, 0.55, 0.1, -0.15 }, [1, 5], dtype: ScalarType.Float64);   // ‖u‖ ≈ 0.98
        var v = tensor(new[] { -0.3, 0.2, 0.1, 0.4, 0.2 }, [1, 5], dtype: ScalarType.Float64);
        var m = tensor(Enumerable.Range(0, 25).Select(i => Math.Sin(i)).ToArray(), [5, 5], dtype: ScalarType.Float64);
        Assert.True(autograd.gradcheck(t => gru.MobiusAdd(t[0], t[1]), [u, v]) < 1e-5);
        Assert.True(autograd.gradcheck(t => gru.MobiusMatVec(t[0], t[1]), [m, u]) < 1e-5);
    }
}
