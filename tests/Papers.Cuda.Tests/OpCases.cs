using System.Reflection;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Cuda.Tests;

/// <summary>
/// One computation of the tensor library: inputs drawn (in float64) from a seeded generator, the function, and the
/// public names it exercises (<see cref="CoverageTests"/> holds every public operation to having a case).
/// </summary>
internal sealed record OpCase(string Name, Func<Generator, Tensor[]> Inputs, Func<Tensor[], Tensor> F, string[] Covers, bool Tf32 = false)
{
    public override string ToString() => Name;
}

/// <summary>The cases, by name: every tensor operation, function of <c>torch</c> and <c>nn.functional</c>.</summary>
internal static class OpCases
{
    private static Tensor U(Generator g, double lo, double hi, params long[] shape) =>
        rand(shape, dtype: ScalarType.Float64, generator: g) * (hi - lo) + lo;

    private static Tensor N(Generator g, params long[] shape) => randn(shape, dtype: ScalarType.Float64, generator: g);

    private static Tensor Index(Generator g, long high, params long[] shape) => randint(high, shape, generator: g);

    private static Tensor Mask(Generator g, params long[] shape) => rand(shape, generator: g) > 0.5;

    private static Tensor Spd(Generator g, long n)
    {
        using var a = N(g, n, n);
        using var eye = torch.eye(n, dtype: ScalarType.Float64);
        return a.matmul(a.t()) + eye * n;
    }

    private static Tensor Sparse(Generator g)
    {
        using var indices = tensor(new long[] { 0, 1, 1, 3, 2, 0, 3, 1 }, [2, 4]);
        using var values = U(g, 0.5, 1.5, 4);
        return sparse_coo_tensor(indices, values, [4, 4]);
    }

    /// <summary>Methods that take no argument need only an input their domain accepts.</summary>
    private static readonly Dictionary<string, Func<Generator, Tensor>> ZeroArgumentInputs = new()
    {
        ["coalesce"] = Sparse,
        ["to_dense"] = Sparse,
        ["indices"] = Sparse,
        ["values"] = Sparse,
        ["nonzero"] = g => Mask(g, 4, 4),
        ["logical_not"] = g => Mask(g, 4, 4),
        ["acosh"] = g => U(g, 1.2, 3, 4, 4),
    };

    /// <summary>
    /// Tensor members that are not device computations: metadata, reads into .NET values, handle and scope
    /// bookkeeping, the moves between devices themselves, autograd's entry points (every case runs backward), and the
    /// random draws, which CUDA makes from other streams than the CPU (CudaRuntimeTests holds them to their
    /// distributions instead).
    /// </summary>
    internal static readonly HashSet<string> NotOperations =
    [
        "dim", "size", "stride", "numel", "is_contiguous", "is_floating_point", "str", "ToString",
        "data", "item", "ToBoolean", "ToDouble", "ToInt32", "ToInt64", "ToSingle",
        "Dispose", "MoveToOuterDisposeScope", "DetachFromDisposeScope", "alias", "cuda", "cpu",
        "backward", "retain_grad", "detach_",
        "bernoulli", "bernoulli_", "multinomial", "normal_", "uniform_",
    ];

    private static IEnumerable<OpCase> ZeroArgumentMethods() =>
        typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.GetParameters().Length == 0 && m.ReturnType == typeof(Tensor) && !NotOperations.Contains(m.Name))
            .Select(m => m.Name).Distinct().Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var method = typeof(Tensor).GetMethod(name, Type.EmptyTypes)!;
                var input = ZeroArgumentInputs.GetValueOrDefault(name, g => U(g, 0.2, 0.8, 4, 4));
                // In-place methods run on a copy: a leaf that requires grad cannot be modified in place.
                Func<Tensor[], Tensor> f = name.EndsWith('_')
                    ? t => (Tensor)method.Invoke(t[0].clone(), null)!
                    : t => (Tensor)method.Invoke(t[0], null)!;
                return new OpCase(name, g => [input(g)], f, [name]);
            });

    private static OpCase Case(string name, Func<Generator, Tensor[]> inputs, Func<Tensor[], Tensor> f, params string[] covers) =>
        new(name, inputs, f, covers.Length == 0 ? [name] : covers);

    // F.meta_lstm_step's equations as separate ops (papers/meta-lstm, MetaLearner.Composite).
    private static (Tensor h, Tensor c, Tensor f, Tensor i, Tensor theta) MetaLstmStepAsOps(Tensor[] t)
    {
        var (h, c) = nn.functional.lstm_cell(t[0], (t[1], t[2]), t[7], t[8], t[9]);
        var theta = t[3].unsqueeze(1);
        var f = cat([h, theta, t[4]], 1).matmul(t[10]) + t[12];
        var i = cat([h, theta, t[5]], 1).matmul(t[11]) + t[13];
        return (h, c, f, i, (f.sigmoid() * theta - i.sigmoid() * t[6].unsqueeze(1)).squeeze(1));
    }

    private static IEnumerable<OpCase> WithArguments()
    {
        // Element-wise, with arguments
        yield return Case("activations", g => [N(g, 3, 5)], t => t[0].softplus(2, 10) + t[0].leaky_relu(0.2) + t[0].elu(0.7) +
            t[0].gelu() + t[0].gelu("tanh") + t[0].hardtanh(-0.5, 0.5) + t[0].softmax(1) + t[0].log_softmax(0),
            "softplus", "leaky_relu", "elu", "gelu", "hardtanh", "softmax", "log_softmax");
        yield return Case("arithmetic", g => [N(g, 3, 4), U(g, 0.5, 2, 3, 4)], t => t[0].add(t[1], 2) + t[0].add(1.5) + t[0].sub(t[1], 0.5) +
            t[0].sub(2) + t[0].mul(t[1]) + t[0].mul(3) + t[0].div(t[1]) + t[0].div(4) + t[1].pow(t[0]) + t[1].pow(2.5) +
            t[0].maximum(t[1]) + t[0].minimum(t[1]) + t[0].atan2(t[1]),
            "add", "sub", "mul", "div", "pow", "maximum", "minimum", "atan2");
        yield return Case("remainder, fmod", g => [N(g, 3, 4) * 3, U(g, 0.5, 2, 3, 4)],
            t => t[0].remainder(t[1]) + t[0].remainder(0.7) + t[0].fmod(t[1]) + t[0].fmod(0.7), "remainder", "fmod");
        yield return Case("lerp, addcmul, addcdiv", g => [N(g, 3, 4), N(g, 3, 4), U(g, 0.5, 2, 3, 4)],
            t => t[0].lerp(t[1], t[2] / 2) + t[0].addcmul(t[1], t[2], 0.3) + t[0].addcdiv(t[1], t[2], 0.7), "lerp", "addcmul", "addcdiv");
        yield return Case("in-place arithmetic", g => [N(g, 3, 4), U(g, 0.5, 2, 3, 4)], t => t[0].clone().add_(t[1], 2).add_(1.5)
            .sub_(t[1], 0.5).sub_(2).mul_(t[1]).mul_(3).div_(t[1]).div_(4).addcmul_(t[1], t[1], 0.3).addcdiv_(t[1], t[1], 0.7)
            .lerp_(t[1], 0.25) + t[0].abs().add(0.5).pow_(1.5) + t[0].abs().add(0.5).pow_(t[1] / 4) + t[0].clone().fill_(2),
            "add_", "sub_", "mul_", "div_", "addcmul_", "addcdiv_", "lerp_", "pow_", "fill_");
        yield return Case("clamp", g => [N(g, 3, 4), N(g, 3, 4) - 1, N(g, 3, 4) + 1], t => t[0].clamp(-0.5, 0.7) + t[0].clamp(min: 0.1) +
            t[0].clamp(t[1], t[2]) + t[0].clone().clamp_(-0.2, 0.3) + t[0].clamp_min(0.2) + t[0].clamp_max(-0.1) + clamp(t[0], -0.3, 0.3),
            "clamp", "clamp_", "clamp_min", "clamp_max");
        yield return Case("comparisons", g => [Index(g, 3, 4, 5).to(ScalarType.Float64), Index(g, 3, 4, 5).to(ScalarType.Float64)],
            t => stack([t[0].eq(t[1]), t[0].eq(1), t[0].ne(t[1]), t[0].ne(1), t[0].lt(t[1]), t[0].lt(1), t[0].le(t[1]), t[0].le(1),
                t[0].gt(t[1]), t[0].gt(1), t[0].ge(t[1]), t[0].ge(1)]), "eq", "ne", "lt", "le", "gt", "ge");
        yield return Case("logical, bitwise", g => [Mask(g, 4, 5), Mask(g, 4, 5), Index(g, 16, 4, 5), Index(g, 16, 4, 5)],
            t => stack([t[0].logical_and(t[1]).to(ScalarType.Int64), t[0].logical_or(t[1]).to(ScalarType.Int64),
                t[0].logical_xor(t[1]).to(ScalarType.Int64), t[2].bitwise_and(t[3]), t[2].bitwise_or(t[3]), t[2].bitwise_xor(t[3])]),
            "logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor");
        yield return Case("allclose, equal", g => [N(g, 3, 4)], t => tensor(new[]
            {
                t[0].allclose(t[0] + 1e-12) ? 1.0 : 0, t[0].allclose(t[0] + 1) ? 1.0 : 0, t[0].equal(t[0].clone()) ? 1.0 : 0,
                allclose(t[0], t[0] * 2) ? 1.0 : 0,
            }), "allclose", "equal");
        yield return Case("masked", g => [N(g, 4, 5), Mask(g, 4, 5)], t => t[0].masked_fill(t[1], 0.5) + t[0].clone().masked_fill_(t[1], -1) +
            t[0].masked_select(t[1]).sum(), "masked_fill", "masked_fill_", "masked_select");
        yield return Case("where", g => [Mask(g, 4, 5), N(g, 4, 5), N(g, 4, 5)], t => where(t[0], t[1], t[2]) + where(t[0], t[1], 0.5), "where");

        // Products
        yield return Case("matrix products", g => [N(g, 3, 4), N(g, 4, 5), N(g, 2, 3, 4), N(g, 2, 4, 5), N(g, 4), N(g, 3, 5)],
            t => t[0].matmul(t[1]).sum() + t[0].mm(t[1]).sum() + t[2].bmm(t[3]).sum() + t[0].mv(t[4]).sum() + t[4].dot(t[4]) +
                 t[4].outer(t[4]).sum() + t[5].addmm(t[0], t[1], 0.5, 2).sum() + matmul(t[2], t[3]).sum() + mm(t[0], t[1]).sum() +
                 bmm(t[2], t[3]).sum() + outer(t[4], t[4]).sum() + addmm(t[5], t[0], t[1]).sum(),
            "matmul", "mm", "bmm", "mv", "dot", "outer", "addmm");
        yield return Case("einsum", g => [N(g, 2, 3, 4), N(g, 2, 4, 5)], t => einsum("bij,bjk->bik", t[0], t[1]));
        yield return Case("linalg", g => [Spd(g, 4)], t => linalg.eigvalsh(t[0]) + linalg.eigvalsh(t[0], "U") + linalg.inv(t[0]).sum(),
            "linalg.eigvalsh", "linalg.inv");
        yield return Case("sparse.mm", g => [Sparse(g), N(g, 4, 3)], t => sparse.mm(t[0], t[1]), "sparse.mm", "sparse_coo_tensor");

        // Reductions
        yield return Case("reductions", g => [U(g, 0.5, 1.5, 3, 4, 5)], t => t[0].sum(1) .sum() + t[0].sum([0, 2], true).sum() +
            t[0].mean(2).sum() + t[0].mean([0, 1]).sum() + t[0].prod(1).sum() + t[0].amax([1]).sum() + t[0].amin([0, 2]).sum() +
            t[0].logsumexp(1).sum() + t[0].logsumexp([1, 2]).sum() + t[0].norm() + t[0].norm([2], 1, true).sum() +
            t[0].var().sum() + t[0].var(1, false).sum() + t[0].std([0, 1]).sum() + t[0].std(2).sum() + t[0].cumsum(1).sum() +
            t[0].cumprod(2).sum() + t[0].max(1).values.sum() + t[0].min(2).values.sum() + t[0].var_mean([1L]).var.sum() +
            t[0].var_mean([0L, 2L], false).mean.sum(),
            "sum", "mean", "prod", "amax", "amin", "logsumexp", "norm", "var", "var_mean", "std", "cumsum", "cumprod", "max", "min");
        yield return Case("index reductions", g => [N(g, 4, 6)], t => stack([t[0].argmax(1), t[0].argmin(0, true).flatten().narrow(0, 0, 4),
                t[0].max(1).indexes, t[0].min(1).indexes, t[0].topk(2).indexes.select(1, 1), t[0].sort(1, true).indexes.select(1, 0)]),
            "argmax", "argmin", "topk", "sort");
        yield return Case("topk, sort values", g => [N(g, 4, 6)], t => t[0].topk(3, 1).values.sum(1) + t[0].sort(0).values.sum(0).narrow(0, 0, 4),
            "topk", "sort");
        yield return Case("all, any", g => [Mask(g, 4, 5)], t => stack([t[0].all(1), t[0].any(1), t[0].any(0, true).flatten().narrow(0, 0, 4)]),
            "all", "any");

        // Shapes and views
        yield return Case("views", g => [N(g, 2, 3, 4), N(g, 4, 3, 2)], t => t[0].view(6, 4).sum(0) + t[0].reshape(4, 6).sum(1) +
            t[0].permute(2, 0, 1).reshape(4, 6).sum(1) + t[0].view_as(t[1]).sum([0, 1]).sum() + t[0].reshape_as(t[1]).flatten(1).sum(1).sum() +
            t[0].transpose(0, 2).flatten().narrow(0, 1, 4) + t[0].unsqueeze(1).squeeze(1).flatten(0, 1).select(0, 2) +
            t[0].slice(2, 0, 4, 2).flatten().narrow(0, 0, 4) + t[0].flip(0, 2).select(0, 1).select(0, 2) + t[0].roll([1, -1], [0, 2]).select(0, 0).select(0, 1),
            "view", "reshape", "permute", "view_as", "reshape_as", "transpose", "unsqueeze", "squeeze", "flatten", "narrow", "select", "slice",
            "flip", "roll");
        yield return Case("expand, repeat", g => [N(g, 3, 1), N(g, 3, 4)], t => t[0].expand(3, 4) + t[0].expand_as(t[1]) * 2 + t[0].repeat(1, 4),
            "expand", "expand_as", "repeat");
        yield return Case("triangles, diagonals", g => [N(g, 4, 4), N(g, 4)], t => t[0].tril() + t[0].triu(1) * 2 + t[1].diag() +
            t[0].diagonal().diag(-0).sum() + t[0].diag(1).sum() + t[0].diagonal(1).sum(), "tril", "triu", "diag", "diagonal");
        yield return Case("split, chunk, unbind, cat, stack", g => [N(g, 6, 4)], t => cat(t[0].split(2), 1) + cat(t[0].split([1, 5]), 0).narrow(0, 0, 2).repeat(1, 3) +
            stack(t[0].chunk(3)).sum(0).repeat(1, 3) + stack(t[0].unbind(0), 0).narrow(0, 0, 2).repeat(1, 3),
            "split", "chunk", "unbind", "cat", "stack");

        // Indexing
        yield return Case("gather, scatter", g => [N(g, 4, 5), Index(g, 5, 4, 3), N(g, 4, 3)], t => t[0].gather(1, t[1]).sum() +
            t[0].scatter(1, t[1].narrow(1, 0, 1), t[2].narrow(1, 0, 1)).sum() + t[0].scatter_add(1, t[1], t[2]).sum() +
            t[0].clone().scatter_add_(1, t[1], t[2]).sum(), "gather", "scatter", "scatter_add", "scatter_add_");
        yield return Case("index_select, index_add", g => [N(g, 5, 3), Index(g, 5, 4), N(g, 4, 3)],
            t => t[0].index_select(0, t[1]).sum(0) + t[0].index_add(0, t[1], t[2]).sum(0), "index_select", "index_add");
        yield return Case("indexing", g => [N(g, 4, 5, 6), Index(g, 4, 3), Mask(g, 4)], t => t[0].index(1, TensorIndex.Slice(1, 4), TensorIndex.Ellipsis).sum() +
            t[0].index(t[1]).sum() + t[0].index(t[2]).sum() + t[0].index(TensorIndex.None, ^1).sum() +
            t[0].clone().index_put_(0.5, TensorIndex.Slice(null, 2)).sum() + t[0].clone().index_put_(t[0].index(0) * 2, 1).sum(),
            "index", "index_put_");
        yield return Case("one_hot", g => [Index(g, 5, 7)], t => one_hot(t[0], 5) + one_hot(t[0].flip(0), 6).narrow(1, 0, 5), "torch.one_hot");
        yield return Case("dtype, copy_, set_data", g => [N(g, 3, 4)], t =>
            {
                var copy = zeros([3, 4], dtype: t[0].dtype, device: t[0].device).copy_(t[0] * 2);
                var target = zeros([1], dtype: t[0].dtype, device: t[0].device);
                target.set_data(t[0].detach() + 1);
                return copy + target + t[0].to(ScalarType.Float32).to(t[0].dtype) + t[0].requires_grad_().exp();
            }, "copy_", "set_data", "to", "requires_grad_");

        // torch.* functions of one or more tensors
        yield return Case("torch functions", g => [U(g, 0.2, 0.8, 3, 4), U(g, 0.2, 0.8, 3, 4)], t => abs(t[0]) + exp(t[0]) + log(t[0]) +
            sqrt(t[0]) + tanh(t[0]) + sigmoid(t[0]) + relu(t[0] - 0.5) + atanh(t[0]) + lgamma(t[0]) + pow(t[0], t[1]) + pow(t[0], 2) +
            maximum(t[0], t[1]) + minimum(t[0], t[1]) + softmax(t[0], 1) + log_softmax(t[0], 0),
            "torch.abs", "torch.exp", "torch.log", "torch.sqrt", "torch.tanh", "torch.sigmoid", "torch.relu", "torch.atanh", "torch.lgamma",
            "torch.pow", "torch.maximum", "torch.minimum", "torch.softmax", "torch.log_softmax", "torch.clamp", "torch.where", "torch.einsum",
            "torch.allclose");

        // nn.functional
        yield return Case("F.activations", g => [N(g, 3, 5)], t => nn.functional.relu(t[0]) + nn.functional.leaky_relu(t[0], 0.1) +
            nn.functional.elu(t[0]) + nn.functional.tanh(t[0]) + nn.functional.sigmoid(t[0]) + nn.functional.softplus(t[0], 2) +
            nn.functional.gelu(t[0]) + nn.functional.softmax(t[0], 1) + nn.functional.log_softmax(t[0], 1),
            "F.relu", "F.leaky_relu", "F.elu", "F.tanh", "F.sigmoid", "F.softplus", "F.gelu", "F.softmax", "F.log_softmax");
        yield return Case("F.linear, embedding", g => [N(g, 4, 3), N(g, 5, 3), N(g, 5), Index(g, 7, 2, 3), N(g, 7, 3)],
            t => nn.functional.linear(t[0], t[1], t[2]).sum(1) + nn.functional.linear(t[0], t[1]).sum(1) +
                 nn.functional.embedding(t[3], t[4]).sum() + nn.functional.embedding(t[3], t[4], padding_idx: 0).sum(),
            "F.linear", "F.embedding");
        yield return new OpCase("F.conv2d", g => [N(g, 2, 3, 7, 7), N(g, 4, 3, 3, 3), N(g, 4), N(g, 3, 2, 3, 3)],
            t => nn.functional.conv2d(t[0], t[1], t[2], stride: [2, 2], padding: [1, 1]).sum([2, 3]) +
                 nn.functional.conv_transpose2d(t[0], t[3], stride: [2, 2], padding: [1, 1]).sum([1, 2, 3]).unsqueeze(1),
            ["F.conv2d", "F.conv_transpose2d"], Tf32: true);
        yield return Case("F.pooling, pad", g => [N(g, 2, 3, 8, 8)], t => nn.functional.max_pool2d(t[0], [2, 2]).sum([2, 3]) +
            nn.functional.max_pool2d_with_indices(t[0], [3, 3], stride: [2, 2]).output.sum([2, 3]) +
            nn.functional.avg_pool2d(t[0], [3, 3], stride: [2, 2], padding: [1, 1]).sum([2, 3]) +
            nn.functional.pad(t[0], [1, 2, 0, 1], PaddingModes.Reflect).sum([2, 3]) + nn.functional.pad(t[0], [1, 1, 1, 1], value: 0.5).sum([2, 3]),
            "F.max_pool2d", "F.max_pool2d_with_indices", "F.avg_pool2d", "F.pad");
        yield return Case("F.normalization", g => [N(g, 4, 3, 5, 5), U(g, 0.5, 1.5, 3), N(g, 3), N(g, 5)],
            t => nn.functional.batch_norm(t[0], null, null, t[1], t[2], training: true).sum([2, 3]) +
                 nn.functional.instance_norm(t[0], weight: t[1], bias: t[2]).sum([2, 3]) +
                 nn.functional.layer_norm(t[0], [5], t[3], t[3]).sum([2, 3]), "F.batch_norm", "F.instance_norm", "F.layer_norm");
        yield return Case("F.gru_cell, lstm_cell", g => [N(g, 3, 4), N(g, 3, 5), N(g, 15, 4), N(g, 15, 5), N(g, 15), N(g, 15), N(g, 20, 4), N(g, 20, 5)],
            t =>
            {
                var (h, c) = nn.functional.lstm_cell(t[0], (t[1], t[1] * 0.5), t[6], t[7]);
                return nn.functional.gru_cell(t[0], t[1], t[2], t[3], t[4], t[5]) + h + c;
            }, "F.gru_cell", "F.lstm_cell");
        // The fused meta-learner step runs on float32 CPU tensors only; elsewhere it returns null and the caller runs the
        // same equations as separate ops, as this case does: CUDA's separate ops against the CPU's fused pass in float32.
        yield return Case("F.meta_lstm_step", g => [N(g, 6, 4), N(g, 6, 3), N(g, 6, 3), N(g, 6), N(g, 6, 1), N(g, 6, 1), N(g, 6),
                N(g, 12, 4), N(g, 12, 3), N(g, 12), N(g, 5, 1), N(g, 5, 1), N(g, 1), N(g, 1)],
            t =>
            {
                var (h, c, f, i, theta) = nn.functional.meta_lstm_step(t[0], (t[1], t[2]), t[3], t[4], t[5], t[6], t[7], t[8], t[9],
                    t[10], t[11], t[12], t[13]) ?? MetaLstmStepAsOps(t);
                return h.sum(1) + c.sum(1) + f.squeeze(1) + i.squeeze(1) + theta;
            });
        // ProdLDA's fused decoder and reconstruction term, likewise: CUDA's separate ops (Avitm.DecoderComposite,
        // Elbo.ReconstructionComposite) against the CPU's fused passes in float32.
        yield return Case("F.batch_norm_softmax, count_nll", g => [N(g, 5, 9), N(g, 9), U(g, 0, 3, 5, 9)],
            t =>
            {
                var xHat = nn.functional.batch_norm_softmax(t[0], t[1], 1e-3)
                    ?? ((t[0] - t[0].mean([0], keepdim: true)) / (t[0].var(0, unbiased: false, keepdim: true) + 1e-3).sqrt() + t[1]).softmax(1);
                var counts = t[2].detach().floor();
                return (xHat * t[0]).sum(1) + (nn.functional.count_nll(counts, xHat, 1e-10) ?? -(counts * (xHat + 1e-10).log()).sum(1));
            }, "F.batch_norm_softmax", "F.count_nll");
        yield return Case("F.losses", g => [N(g, 6, 4), Index(g, 4, 6), U(g, 0.1, 0.9, 6, 4), U(g, 0.5, 2, 4), N(g, 6, 4)],
            t => nn.functional.cross_entropy(t[0], t[1]) + nn.functional.cross_entropy(t[0], t[1], t[3].detach(), label_smoothing: 0.1) +
                 nn.functional.nll_loss(t[0].log_softmax(1), t[1]) + nn.functional.mse_loss(t[0], t[4]) + nn.functional.l1_loss(t[0], t[4]) +
                 nn.functional.binary_cross_entropy_with_logits(t[0], t[2]) + nn.functional.binary_cross_entropy(t[2], t[2].flip(0)) +
                 nn.functional.kl_div(t[0].log_softmax(1), t[2].softmax(1), Reduction.Sum) + nn.functional.kl_div(t[0].log_softmax(1), t[4].log_softmax(1), log_target: true),
            "F.cross_entropy", "F.nll_loss", "F.mse_loss", "F.l1_loss", "F.binary_cross_entropy_with_logits", "F.binary_cross_entropy", "F.kl_div");
        yield return Case("F.dropout off", g => [N(g, 4, 5)], t => nn.functional.dropout(t[0], 0.5, training: false) + nn.functional.dropout(t[0], 0), "F.dropout");
    }

    public static readonly IReadOnlyDictionary<string, OpCase> All =
        ZeroArgumentMethods().Concat(WithArguments()).ToDictionary(c => c.Name);
}
