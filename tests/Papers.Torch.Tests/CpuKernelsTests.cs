namespace Papers.Torch.Tests;

public class CpuKernelsTests
{
    /// <summary>
    /// On a CPU with AVX2 and FMA every library runs its AVX2 kernels, whatever wider ones the CPU has: OpenBLAS
    /// reports its Haswell set (on an unknown CPU model it would report Prescott, on an AVX-512 one SkylakeX or
    /// Cooperlake), and the C library's environment, which ATen and oneDNN read, holds the pins. Every machine the
    /// pinned snapshots run on needs AVX2 and FMA: without them the kernels are the CPU's own choice.
    /// </summary>
    [Fact]
    public void TheAvx2KernelsArePinnedBeforeLibtorchLoads()
    {
        Assert.True(CpuKernels.CanPin, "this CPU lacks AVX2 or FMA: the pinned snapshots were made with AVX2 kernels");
        foreach (var (name, value) in CpuKernels.Pins.Where(p => !CpuKernels.SetBeforehand.Contains(p.Name)))
            Assert.Equal(value, NativeEnvironment(name));
        if (!CpuKernels.SetBeforehand.Contains("OPENBLAS_CORETYPE"))
            Assert.StartsWith("OpenBLAS Haswell, ", CpuKernels.Describe());
        if (CpuKernels.SetBeforehand.Count == 0)
            Assert.Equal("OpenBLAS Haswell, ATen avx2, oneDNN AVX2", CpuKernels.Describe());
    }

    private static string? NativeEnvironment(string name) =>
        System.Runtime.InteropServices.Marshal.PtrToStringUTF8(getenv(name));

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern IntPtr getenv(string name);
}
