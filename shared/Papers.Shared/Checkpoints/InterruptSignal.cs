using System.Runtime.InteropServices;

namespace Papers.Shared.Checkpoints;

/// <summary>
/// Makes SIGINT reach the run. A shell without job control (a script, a CI step, <c>dotnet test a &amp; dotnet test b</c>)
/// starts every background command with SIGINT ignored, and children inherit that. .NET keeps an inherited "ignore":
/// once its signal handling starts (the first console write, <c>Process.Start</c>, <c>PosixSignalRegistration</c>) it
/// marks SIGINT as handled without installing a handler, and no later registration changes that. A run started that
/// way would never see Ctrl+C or <c>kill -INT</c>: it trained to its last step instead of saving and exiting with 130.
/// </summary>
internal static partial class InterruptSignal
{
    private const int SigInt = 2;
    private static readonly IntPtr Ignore = 1;   // SIG_IGN; SIG_DFL is 0

    // Larger than struct sigaction on every Unix .NET runs on (152 bytes on glibc); sa_handler comes first in each.
    private const int SigactionBytes = 256;

    /// <summary>
    /// Puts SIGINT back to its default action when the process inherited it ignored. Call it before anything writes to the
    /// console or starts a process; <see cref="Cli.Cli.Apply"/> does, as every run's first call.
    /// </summary>
    public static unsafe void UndoInheritedIgnore()
    {
        if (OperatingSystem.IsWindows()) return;
        // Zeroed: sa_handler SIG_DFL, an empty mask, no flags.
        var current = stackalloc byte[SigactionBytes];
        var defaultAction = stackalloc byte[SigactionBytes];
        new Span<byte>(current, SigactionBytes).Clear();
        new Span<byte>(defaultAction, SigactionBytes).Clear();
        if (sigaction(SigInt, null, current) != 0) throw new InvalidOperationException($"sigaction(SIGINT) failed with errno {Marshal.GetLastPInvokeError()}");
        if (*(IntPtr*)current != Ignore) return;
        if (sigaction(SigInt, defaultAction, null) != 0) throw new InvalidOperationException($"sigaction(SIGINT, SIG_DFL) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int sigaction(int signal, byte* action, byte* previous);
}
