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
    /// Prepares a run from its config: sets <see cref="RunConfig.Threads"/>, checks that
    /// <see cref="RunConfig.Device"/> exists, seeds when <paramref name="seed"/> is given (else seed each run with
    /// <see cref="Seed"/>), and returns the environment the manifest records.
    /// </summary>
    public static RunEnvironment Setup(RunConfig config, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var device = torch.device(config.Device);
        if (device.type == DeviceType.CUDA && Math.Max(device.index, 0) >= torch.cuda.device_count())
            throw new InvalidOperationException(
                $"--device {config.Device}, but libtorch sees {torch.cuda.device_count()} CUDA device(s); run with --device cpu");
        SetThreads(config.Threads);
        if (seed is { } s) Seed(s);
        return RunEnvironment.Capture(config.Threads, config.Device, seed);
    }
}
