using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Hnn;

/// <summary>
/// The hyperbolic GRU of <see cref="HyperbolicGru"/> written over libtorch tensors, one native call per operation, batched
/// over sentences [B, n]: the straightforward port of the authors' TensorFlow graph. It is the reference the managed
/// kernels are checked against (autograd gradients in the tests) and the "before" of the throughput benchmark.
/// Weights are [n, n] applied as W x (x.matmul(Wᵀ)); biases [1, n].
/// </summary>
public sealed class TorchGru(double c)
{
    private readonly double _sqrtC = Math.Sqrt(c);
    private readonly double _maxNorm = (1 - PoincareBall.ProjectionEpsilonFloat64) / Math.Sqrt(c);

    private Tensor Norm(Tensor x) => x.norm([1], keepdim: true).clamp_min(PoincareBall.NormFloor);           // [B, 1]
    private Tensor Project(Tensor x) => x * (_maxNorm / Norm(x)).clamp_max(1.0);
    private Tensor Dot(Tensor x, Tensor y) => (x * y).sum(1, keepdim: true);                                   // [B, 1]
    private Tensor Atanh(Tensor x) => x.clamp_max(PoincareBall.AtanhCap).atanh();

    /// <summary>Eq. 3.</summary>
    public Tensor MobiusAdd(Tensor u, Tensor v)
    {
        var (uv, uu, vv) = (Dot(u, v), Dot(u, u), Dot(v, v));
        var numerator = (uv * (2 * c) + vv * c + 1) * u + (1 - uu * c) * v;
        return Project(numerator / (uv * (2 * c) + uu * vv * (c * c) + 1));
    }

    /// <summary>Eq. 27 given x and its Euclidean image mx = M x.</summary>
    private Tensor MobiusLinear(Tensor x, Tensor mx)
    {
        var (xn, mn) = (Norm(x), Norm(mx));
        var s = (mn / xn * Atanh(xn * _sqrtC)).clamp(-PoincareBall.MaxTanhArgument, PoincareBall.MaxTanhArgument);
        return Project(s.tanh() / (mn * _sqrtC) * mx);
    }

    public Tensor MobiusMatVec(Tensor m, Tensor x) => MobiusLinear(x, x.matmul(m.t()));
    public Tensor MobiusPointwise(Tensor u, Tensor x) => MobiusLinear(x, u * x);

    public Tensor LogZero(Tensor y)
    {
        var n = Norm(y);
        return Atanh(n * _sqrtC) / (n * _sqrtC) * y;
    }

    private Tensor Transform(Tensor w, Tensor u, Tensor b, Tensor h, Tensor x) => MobiusAdd(MobiusAdd(MobiusMatVec(w, h), MobiusMatVec(u, x)), b);

    /// <summary>Eq. 31-33 with φ = id; weights in <see cref="HyperbolicGru.Parameters"/> order (z, r, h; each W, U, b).</summary>
    public Tensor Step(IReadOnlyList<Tensor> p, Tensor h, Tensor x)
    {
        var z = LogZero(Transform(p[0], p[1], p[2], h, x)).sigmoid();
        var r = LogZero(Transform(p[3], p[4], p[5], h, x)).sigmoid();
        var hTilde = Transform(p[6], p[7], p[8], MobiusPointwise(r, h), x);
        return MobiusAdd(h, MobiusPointwise(z, MobiusAdd(h.neg(), hTilde)));
    }

    /// <summary>Copies a managed cell's parameters into float64 leaf tensors that record gradients.</summary>
    public static Tensor[] Leaves(IRecurrentCell cell) =>
        cell.Parameters.Select(p => tensor(p.Value, [p.Rows, p.Cols], dtype: ScalarType.Float64, requires_grad: true)).ToArray();
}
