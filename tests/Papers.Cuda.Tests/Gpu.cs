using Papers.Torch;

namespace Papers.Cuda.Tests;

/// <summary>The CUDA device the tests compare against the CPU, and the skip that names why when there is none.</summary>
internal static class Gpu
{
    public static readonly Device Cuda = new(DeviceType.CUDA, 0);

    /// <summary>Skips the calling test, with the reason, unless libtorch sees a CUDA device.</summary>
    public static void Require() =>
        Assert.SkipUnless(torch.cuda.is_available(),
            $"no CUDA device: libtorch {torch.__version__} sees {torch.cuda.device_count()} " +
            "(run these on a GPU machine, with the native shim built against a CUDA libtorch: scripts/gpu.sh)");
}
