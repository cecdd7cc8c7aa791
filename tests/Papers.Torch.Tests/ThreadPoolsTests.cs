namespace Papers.Torch.Tests;

public class ThreadPoolsTests
{
    /// <summary>
    /// libgomp and OpenBLAS read their wait policies from the C library's environment when they load: by the time a
    /// tensor exists, both must say "sleep when idle" (libgomp after its short spin), unless the environment chose
    /// otherwise before the process began.
    /// </summary>
    [Fact]
    public void IdleWorkerThreadsAreToldToSleepBeforeLibtorchLoads()
    {
        using var t = ones([2]);
        Assert.Equal(["OMP_WAIT_POLICY", "OPENBLAS_THREAD_TIMEOUT", "GOMP_SPINCOUNT"], ThreadPools.Settings.Select(s => s.Name));
        foreach (var (name, value) in ThreadPools.Settings.Where(s => !ThreadPools.SetBeforehand.Contains(s.Name)))
            Assert.Equal(value, System.Runtime.InteropServices.Marshal.PtrToStringUTF8(getenv(name)));
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern IntPtr getenv(string name);
}
