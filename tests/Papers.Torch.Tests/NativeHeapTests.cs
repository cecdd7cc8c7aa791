namespace Papers.Torch.Tests;

public class NativeHeapTests
{
    /// <summary>glibc accepted all three heap settings before the first tensor, unless the environment tunes malloc itself.</summary>
    [Fact]
    public void MallocTakesTheHeapSettingsBeforeTheFirstTensor()
    {
        using var t = ones([2]);
        var tunedByEnvironment = new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES" }
            .Any(v => Environment.GetEnvironmentVariable(v) is not null);
        Assert.Equal(!tunedByEnvironment, NativeHeap.Tuned);
    }
}
