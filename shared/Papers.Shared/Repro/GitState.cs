using System.Diagnostics;

namespace Papers.Shared.Repro;

/// <summary>The commit a run was built from and whether the working tree differed from it.</summary>
/// <param name="Commit">The full hash from <c>git rev-parse HEAD</c>, or <see cref="Unknown"/> outside git.</param>
/// <param name="Dirty">Whether <c>git status --porcelain</c> listed anything (untracked files included); null outside git.</param>
public sealed record GitState(string Commit, bool? Dirty)
{
    public const string Unknown = "unknown";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The state of the repository holding <paramref name="folder"/>; unknown where git or a repository is missing.</summary>
    public static GitState Read(string? folder)
    {
        if (folder is null || !Directory.Exists(folder)) return new GitState(Unknown, null);
        var head = Git(folder, "rev-parse", "HEAD");
        if (head is null) return new GitState(Unknown, null);
        var status = Git(folder, "status", "--porcelain");
        return new GitState(head.Trim(), status is null ? null : status.Trim().Length > 0);
    }

    /// <summary>git's standard output, or null when git is absent, fails or hangs.</summary>
    private static string? Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(folder);
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEndAsync();
            var error = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(Timeout))
            {
                git.Kill(entireProcessTree: true);
                return null;
            }
            Task.WaitAll(output, error);
            return git.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // git is not installed
        }
    }
}
