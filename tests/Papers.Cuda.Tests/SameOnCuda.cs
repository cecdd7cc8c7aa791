using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Cuda.Tests;

/// <summary>
/// Runs one computation on the CPU and on CUDA from the same inputs and compares what comes back: the output, and
/// for a floating output the gradients of ⟨output, w⟩ (w a fixed random cotangent) with respect to every floating
/// input. Tolerances are |cuda − cpu| ≤ abs + rel·|cpu| (numpy's isclose), per dtype.
/// </summary>
internal static class SameOnCuda
{
    /// <summary>float64: the same algorithms on both devices up to summation order and ~1 ulp in library math.</summary>
    public static readonly Tolerance Float64 = new(1e-10, 1e-8);

    /// <summary>float32: single-precision rounding of reductions and library math.</summary>
    public static readonly Tolerance Float32 = new(1e-4, 1e-3);

    /// <summary>
    /// float32 convolutions: cuDNN computes them in TF32 (10-bit mantissa) by default, as PyTorch does
    /// (<c>torch.backends.cudnn.allow_tf32</c> is true), so they agree with the CPU to about 1e-3 relative.
    /// </summary>
    public static readonly Tolerance Float32Tf32 = new(5e-3, 5e-3);

    /// <summary>Compares the computation on <paramref name="target"/> (CUDA; the CPU to check a case itself) with the CPU.</summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, Tolerance tolerance, Device target)
    {
        using var scope = NewDisposeScope();
        var (cpuOut, cpuGrads) = Run(f, inputs, CPU);
        var (cudaOut, cudaGrads) = Run(f, inputs, target);
        Assert.Equal(target.type, cudaOut.device.type);
        Assert.Equal(cpuOut.dtype, cudaOut.dtype);
        Assert.Equal(cpuOut.shape, cudaOut.shape);
        AssertClose.Equal(Values(cpuOut), Values(cudaOut), tolerance.Absolute, tolerance.Relative);
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(cpuGrads[i] is null, cudaGrads[i] is null);
            if (cpuGrads[i] is { } g) AssertClose.Equal(Values(g), Values(cudaGrads[i]!), tolerance.Absolute, tolerance.Relative);
        }
    }

    private static (Tensor Output, Tensor?[] Grads) Run(Func<Tensor[], Tensor> f, Tensor[] inputs, Device device)
    {
        var leaves = inputs.Select(x =>
        {
            var leaf = x.to(device).detach();
            return leaf.is_floating_point() && !leaf.is_sparse ? leaf.requires_grad_() : leaf;
        }).ToArray();
        var output = f(leaves);
        var grads = new Tensor?[inputs.Length];
        var differentiable = leaves.Where(l => l.requires_grad).ToArray();
        if (output.requires_grad && differentiable.Length > 0)
        {
            var dense = output.is_sparse ? output.to_dense() : output;
            using var cotangent = randn(dense.shape, dtype: dense.dtype, generator: new Generator(7)).to(device);
            var found = autograd.grad([(dense * cotangent).sum()], differentiable, allow_unused: true);
            for (int i = 0, k = 0; i < leaves.Length; i++)
                if (leaves[i].requires_grad) grads[i] = found[k++];
        }
        return (output, grads);
    }

    private static double[] Values(Tensor t)
    {
        using var dense = t.is_sparse ? t.to_dense() : t.alias();
        using var onCpu = dense.detach().cpu();
        using var asDouble = onCpu.to(ScalarType.Float64).contiguous();
        return asDouble.data<double>();
    }
}
