using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Papers.Torch;

/// <summary>
/// Makes libtorch's idle worker threads sleep after a brief spin instead of spinning on, so that a small model is not
/// slower on 2 threads than on 1, and a run does not take cores from the jobs beside it.
/// </summary>
/// <remarks>
/// <para>libtorch 1.13 runs its parallel loops on OpenMP (GNU libgomp) and its matmuls on OpenBLAS's own pthread pool:
/// two pools of N threads on N cores. By default the idle threads of both spin after their work (libgomp's for up to
/// 300,000 turns, OpenBLAS's for up to 2^28 cycles between yields). A small model's step alternates short matmuls
/// with short elementwise loops, so each pool's spinning threads hold the cores the other pool's threads need next,
/// and every process beside it loses those cores too. <c>OMP_WAIT_POLICY=PASSIVE</c> and
/// <c>OPENBLAS_THREAD_TIMEOUT=4</c> (2^4 cycles, the least OpenBLAS takes) make both pools sleep when they are idle.
/// Waking a sleeping thread for each short parallel loop costs more than the half of the loop it takes over, so
/// <c>GOMP_SPINCOUNT=10000</c> lets libgomp's threads spin for 10,000 turns first (about a tenth of a millisecond by
/// libgomp's own estimate of 100,000 turns a millisecond; its default is 300,000): long enough to catch the next loop
/// of the same step, short enough to give the core back soon to OpenBLAS's threads and to other jobs. On 2 threads it cut
/// CycleGAN's 32×32 iteration from 232 to 139 ms, GCN's epoch from 7.7 to 6.1 ms and ProdLDA's from 682 to 606 ms
/// (medians of four processes each, alternating, other runs paused; the MLP moved within its spread, and 1 thread,
/// which has no idle threads, not at all). The split of work between threads does not change, so neither do the
/// numbers.</para>
/// <para>Both variables are read once, when libgomp and OpenBLAS load, so they are set here, before the shim loads
/// them; a variable already set in the environment is left as it is, so a benchmark can still compare.</para>
/// </remarks>
public static class ThreadPools
{
    /// <summary>The variables set before libtorch loads, and their values.</summary>
    public static IReadOnlyList<(string Name, string Value)> Settings { get; } =
    [
        ("OMP_WAIT_POLICY", "PASSIVE"),
        ("OPENBLAS_THREAD_TIMEOUT", "4"),
        ("GOMP_SPINCOUNT", "10000"),
    ];

    /// <summary>The variables of <see cref="Settings"/> that were already set when the library loaded, and so were left alone.</summary>
    public static IReadOnlyList<string> SetBeforehand { get; private set; } = [];

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "libgomp and OpenBLAS read these when they load, on the first native call")]
    internal static void Configure() => SetBeforehand = NativeEnvironment.SetUnlessSet(Settings);
}
