using System.Reflection;
using Papers.Torch;

namespace Papers.Cuda.Tests;

/// <summary>
/// Holds the CUDA cases to the library's public surface: a new tensor method, <c>nn.functional</c> function or
/// module without a CPU-versus-CUDA case fails here, on any machine.
/// </summary>
public class CoverageTests
{

    private static readonly HashSet<string> Covered =
        OpCases.All.Values.SelectMany(c => c.Covers).Concat(ModuleCases.All.Keys).ToHashSet();

    [Fact]
    public void EveryTensorOperationHasACudaCase()
    {
        var operations = typeof(torch.Tensor).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && !OpCases.NotOperations.Contains(m.Name)).Select(m => m.Name).Distinct();
        Assert.Empty(operations.Where(name => !Covered.Contains(name)).Order());
    }

    [Fact]
    public void EveryFunctionalHasACudaCase()
    {
        var functions = typeof(torch.nn.functional).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => "F." + m.Name).Distinct();
        Assert.Empty(functions.Where(name => !Covered.Contains(name)).Order());
    }

    [Fact]
    public void EveryModuleHasACudaCase()
    {
        var modules = typeof(torch.nn.Module).Assembly.GetTypes()
            .Where(t => t.IsPublic || t.IsNestedPublic)
            .Where(t => !t.IsAbstract && typeof(torch.nn.Module).IsAssignableFrom(t))
            .Select(t => t.Name.Split('`')[0]).Distinct();
        Assert.Empty(modules.Where(name => !Covered.Contains(name)).Order());
    }

    /// <summary>
    /// Every case runs, forward and backward, on the CPU twice with identical results: a case that fails on a GPU
    /// machine then fails there for CUDA's sake, not its own.
    /// </summary>
    [Theory]
    [MemberData(nameof(CudaOpTests.Ops), MemberType = typeof(CudaOpTests))]
    public void EveryOpCaseRunsOnTheCpu(string name, string dtype)
    {
        var op = OpCases.All[name];
        SameOnCuda.Check(op.F, CudaOpTests.Inputs(op.Inputs, dtype), Tolerance.Exact, torch.CPU);
    }

    [Theory]
    [MemberData(nameof(CudaOpTests.Modules), MemberType = typeof(CudaOpTests))]
    public void EveryModuleCaseRunsOnTheCpu(string name, string dtype)
    {
        var c = ModuleCases.All[name];
        var type = dtype == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        using var module = CudaOpTests.Build(c, type, torch.CPU);
        SameOnCuda.Check(t => c.Run(module, t), CudaOpTests.Inputs(c.Inputs, dtype), Tolerance.Exact, torch.CPU);
    }
}
