using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Papers.Torch;

/// <summary>
/// Pins the CPU kernels libtorch's float arithmetic runs on, so that a seeded run gives the same numbers on every
/// x86-64 machine with AVX2 and FMA, whatever else its CPU has.
/// </summary>
/// <remarks>
/// <para>Three libraries choose their kernels from the CPU they load on, and each choice orders float sums
/// differently: OpenBLAS (every matmul and linear layer) picks a kernel set from the CPU model, ATen picks its
/// vectorised kernels (reductions, softmax, elementwise maths) from the widest vector extension, and oneDNN (the
/// convolutions) JIT-compiles for the widest one. OpenBLAS 0.3.21 (Debian 12) does not know every recent CPU: it ran
/// its SkylakeX-class kernels on one machine of this kind and fell back to its SSE3 (Prescott) kernels on another
/// (family 6, model 207), and the same seeded run then differed from the first batch on.</para>
/// <para>On a CPU with AVX2 and FMA each library is pinned to its AVX2 kernels (OpenBLAS's Haswell set), before
/// any of them is loaded. A variable already set in the environment is left as it is, so a benchmark can still ask
/// for other kernels; <see cref="Describe"/> says which ran, and every manifest records it.</para>
/// </remarks>
public static class CpuKernels
{
    /// <summary>The variables pinned on a CPU with AVX2 and FMA, and their values.</summary>
    public static IReadOnlyList<(string Name, string Value)> Pins { get; } =
    [
        ("OPENBLAS_CORETYPE", "Haswell"),
        ("ATEN_CPU_CAPABILITY", "avx2"),
        ("DNNL_MAX_CPU_ISA", "AVX2"),
    ];

    /// <summary>The pinned variables that were already set when the library loaded, and so were left alone.</summary>
    public static IReadOnlyList<string> SetBeforehand { get; private set; } = [];

    /// <summary>True where the CPU has AVX2 and FMA, the extensions the pinned kernels need.</summary>
    public static bool CanPin => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>
    /// The kernels in force: OpenBLAS's kernel set as it reports it, and the ATen and oneDNN limits, e.g.
    /// <c>OpenBLAS Haswell, ATen avx2, oneDNN AVX2</c> (<c>widest</c> where a library chose by itself).
    /// </summary>
    public static string Describe()
    {
        var blas = Marshal.PtrToStringUTF8(Native.pt_blas_corename()) is { } core ? $"OpenBLAS {core}" : "BLAS other than OpenBLAS";
        return $"{blas}, ATen {Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "widest"}, " +
               $"oneDNN {Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") ?? "widest"}";
    }

    // Runs before any type of this library is touched, so before the shim (and libtorch, OpenBLAS and oneDNN with
    // it) is loaded: OpenBLAS reads OPENBLAS_CORETYPE once, when it loads. .NET keeps its own copy of the
    // environment on Linux, so the variables are set in the C library's too, which the native libraries read.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "the pins must precede the first native call, whichever type makes it")]
    internal static void Pin() => SetBeforehand = NativeEnvironment.SetUnlessSet(Pins, apply: CanPin);
}
