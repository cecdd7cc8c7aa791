using Papers.Shared.Cli;
using Papers.Torch;

namespace Papers.Shared.Repro;

/// <summary>
/// Seeding and thread counts. Same seed and same thread count give bit-identical runs on one machine; the kit
/// draws no numbers from <see cref="System.Random"/>, so libtorch's generators are the only randomness to seed
/// (use an explicit <c>torch.Generator</c> where a stream must be saved and resumed).
/// </summary>
public static class Repro
{
    /// <summary>Seeds libtorch's default CPU generator and every CUDA generator (<c>torch.manual_seed</c>).</summary>
    public static void Seed(long seed)
    {
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "seeds are non-negative: runs are seeded 0, 1, ..., n-1");
        torch.manual_seed(seed);
    }

    /// <summary>Fixes libtorch's intra-op thread count and OpenBLAS's pool to <paramref name="threads"/>.</summary>
    public static void SetThreads(int threads) => torch.set_num_threads(threads);

    /// <summary>
    /// Throws, naming the way out, when <paramref name="device"/> (cpu, cuda, cuda:N) is not one this libtorch can
    /// use: a CUDA device needs the native shim built against a CUDA libtorch (README, "GPU") and a GPU.
    /// </summary>
    public static void CheckDevice(string device)
    {
        var parsed = torch.device(device);
        if (parsed.type != DeviceType.CUDA) return;
        var count = torch.cuda.device_count();
        if (Math.Max(parsed.index, 0) < count) return;
        throw new InvalidOperationException(count == 0
            ? $"--device {device}: libtorch {torch.__version__} sees no CUDA device (a CPU-only libtorch, or no GPU); " +
              "build the native shim against a CUDA libtorch on a GPU machine (README, GPU), or run with --device cpu"
            : $"--device {device}: libtorch sees {count} CUDA device(s), numbered 0 to {count - 1}");
    }

    /// <summary>
    /// Prepares a run from its config: sets <see cref="RunConfig.Threads"/>, checks that
    /// <see cref="RunConfig.Device"/> exists, seeds when <paramref name="seed"/> is given (else seed each run with
    /// <see cref="Seed"/>), and returns the environment the manifest records.
    /// </summary>
    public static RunEnvironment Setup(RunConfig config, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        CheckDevice(config.Device);
        SetThreads(config.Threads);
        if (seed is { } s) Seed(s);
        return RunEnvironment.Capture(config.Threads, config.Device, seed);
    }
}
