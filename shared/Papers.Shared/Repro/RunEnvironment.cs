using System.Runtime.InteropServices;
using Papers.Torch;

namespace Papers.Shared.Repro;

/// <summary>
/// Everything besides the config that decides a run's numbers: seed, thread count (reductions are ordered by
/// thread, so 1 and 2 threads differ in the last bits), device, libtorch and .NET versions, machine, the CPU and
/// the kernels its native libraries ran (<see cref="Papers.Torch.CpuKernels"/>), and commit.
/// </summary>
public sealed record RunEnvironment(
    long? Seed,
    int Threads,
    string Device,
    string LibtorchVersion,
    string Machine,
    int Cores,
    string Cpu,
    string CpuExtensions,
    string CpuKernels,
    string OS,
    string DotnetVersion,
    GitState Git,
    DateTimeOffset StartedAt,
    string CommandLine)
{
    /// <summary>The environment now, with git read in the repository around the current directory.</summary>
    public static RunEnvironment Capture(int threads, string device, long? seed = null) => new(
        seed,
        threads,
        device,
        torch.__version__,
        Environment.MachineName,
        Environment.ProcessorCount,
        CpuInfo.Current.Model,
        string.Join(' ', CpuInfo.Current.VectorExtensions),
        Papers.Torch.CpuKernels.Describe(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GitState.Read(RepoRoot.Find()),
        DateTimeOffset.UtcNow,
        CommandLineOf(Environment.GetCommandLineArgs(), RepoRoot.Find()));

    /// <summary>
    /// The program's name and its arguments (<c>Gcn --tables 2,3</c>): the path it was started from says where a
    /// build lay on one machine, not how to run it again, so it is left out, and absolute paths inside the
    /// repository <paramref name="root"/> (an <c>--out</c>) are written relative to it.
    /// </summary>
    public static string CommandLineOf(IReadOnlyList<string> commandLine, string? root = null) =>
        commandLine.Count == 0
            ? ""
            : string.Join(" ", commandLine.Skip(1).Select(a => RepoRoot.Relative(a, root)).Prepend(Path.GetFileNameWithoutExtension(commandLine[0])));
}
