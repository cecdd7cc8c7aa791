using System.Runtime.InteropServices;

namespace Papers.Shared.Repro;

/// <summary>
/// The CPU a run ran on: its model name and the vector extensions it has, the facts that decide which kernels the
/// native libraries may choose (see <see cref="Papers.Torch.CpuKernels"/>).
/// </summary>
public sealed record CpuInfo(string Model, IReadOnlyList<string> VectorExtensions)
{
    // The flags of /proc/cpuinfo that name vector or matrix extensions.
    private static readonly string[] s_vectorPrefixes = ["sse", "ssse", "avx", "fma", "f16c", "amx"];

    /// <summary>This machine's CPU, read from <c>/proc/cpuinfo</c> where there is one.</summary>
    public static CpuInfo Current { get; } = Read();

    private static CpuInfo Read() =>
        File.Exists("/proc/cpuinfo")
            ? Parse(File.ReadAllText("/proc/cpuinfo"))
            : new CpuInfo(RuntimeInformation.ProcessArchitecture.ToString(), []);

    /// <summary>The first processor's <c>model name</c> and the vector extensions among its <c>flags</c>.</summary>
    public static CpuInfo Parse(string cpuinfo)
    {
        string? model = null, flags = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            if (key == "model name") model ??= line[(colon + 1)..].Trim();
            else if (key == "flags") flags ??= line[(colon + 1)..];
        }
        var extensions = (flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => s_vectorPrefixes.Any(p => f.StartsWith(p, StringComparison.Ordinal)))
            .ToArray();
        return new CpuInfo(model ?? RuntimeInformation.ProcessArchitecture.ToString(), extensions);
    }
}
