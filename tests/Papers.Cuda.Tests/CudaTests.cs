using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Cuda.Tests;

/// <summary>Every case of <see cref="OpCases"/> and <see cref="ModuleCases"/>, forward and backward, CUDA against CPU.</summary>
[Trait("Tier", "Gpu")]
public class CudaOpTests
{
    public static TheoryData<string, string> Ops() => Pairs(OpCases.All.Keys);

    public static TheoryData<string, string> Modules() => Pairs(ModuleCases.All.Keys);

    private static TheoryData<string, string> Pairs(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in names)
            foreach (var dtype in new[] { "float64", "float32" })
                data.Add(name, dtype);
        return data;
    }

    internal static Tensor[] Inputs(Func<Generator, Tensor[]> inputs, string dtype)
    {
        var drawn = inputs(new Generator(0));
        return dtype == "float64" ? drawn : drawn.Select(t => t.is_floating_point() ? t.to(ScalarType.Float32) : t).ToArray();
    }

    private static Tolerance ToleranceOf(string dtype, bool tf32) =>
        dtype == "float64" ? SameOnCuda.Float64 : tf32 ? SameOnCuda.Float32Tf32 : SameOnCuda.Float32;

    [Theory]
    [MemberData(nameof(Ops))]
    public void OpMatchesCpu(string name, string dtype)
    {
        Gpu.Require();
        var op = OpCases.All[name];
        SameOnCuda.Check(op.F, Inputs(op.Inputs, dtype), ToleranceOf(dtype, op.Tf32), Gpu.Cuda);
    }

    /// <summary>
    /// The module is built twice from one seed (so both copies hold the same parameters), one copy moved to CUDA;
    /// outputs, input gradients and parameter gradients agree, and so do buffers such as batch norm's running statistics.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void ModuleMatchesCpu(string name, string dtype)
    {
        Gpu.Require();
        var c = ModuleCases.All[name];
        var type = dtype == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        using var onCpu = Build(c, type, CPU);
        using var onCuda = Build(c, type, Gpu.Cuda);
        SameOnCuda.Check(t => c.Run(t[0].device.type == DeviceType.CUDA ? onCuda : onCpu, t), Inputs(c.Inputs, dtype),
            ToleranceOf(dtype, c.Tf32), Gpu.Cuda);
        var tolerance = ToleranceOf(dtype, c.Tf32);
        var cudaParameters = onCuda.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (parameterName, p) in onCpu.named_parameters())
        {
            var q = cudaParameters[parameterName];
            Assert.Equal(p.grad is null, q.grad is null);
            if (p.grad is { } g) AssertClose.Equal(Values(g), Values(q.grad!), tolerance.Absolute, tolerance.Relative);
        }
        var cudaBuffers = onCuda.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (bufferName, b) in onCpu.named_buffers())
            AssertClose.Equal(Values(b), Values(cudaBuffers[bufferName]), tolerance.Absolute, tolerance.Relative);
    }

    internal static nn.Module Build(ModuleCase c, ScalarType dtype, Device device)
    {
        manual_seed(0);
        var module = c.Make().to(dtype).to(device);
        if (c.Name == "Dropout") module.eval();
        return module;
    }

    internal static double[] Values(Tensor t)
    {
        using var onCpu = t.detach().cpu();
        using var asDouble = onCpu.to(ScalarType.Float64).contiguous();
        return asDouble.data<double>();
    }
}
