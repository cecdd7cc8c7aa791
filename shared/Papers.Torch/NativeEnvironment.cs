using System.Runtime.InteropServices;

namespace Papers.Torch;

/// <summary>Sets variables that the native libraries read once, when they load (CpuKernels, ThreadPools).</summary>
internal static class NativeEnvironment
{
    /// <summary>
    /// Sets each of <paramref name="variables"/> that the environment does not already hold, where
    /// <paramref name="apply"/>; returns the names it already held, which are left as they are. .NET keeps its own
    /// copy of the environment on Linux, so each is set in the C library's too, which the native libraries read.
    /// </summary>
    public static string[] SetUnlessSet(IReadOnlyList<(string Name, string Value)> variables, bool apply = true)
    {
        var already = variables.Select(v => v.Name).Where(n => Environment.GetEnvironmentVariable(n) is not null).ToArray();
        if (!apply) return already;
        foreach (var (name, value) in variables)
        {
            if (already.Contains(name)) continue;
            if (setenv(name, value, overwrite: 0) != 0)
                throw new InvalidOperationException($"setenv({name}) failed (errno {Marshal.GetLastPInvokeError()})");
            Environment.SetEnvironmentVariable(name, value);
        }
        return already;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
