using System.Diagnostics;
using System.Reflection;
using Papers.Shared.Figures;
using Papers.Shared.Repro;

namespace Papers.Testing;

/// <summary>
/// A paper's executable run in a child process, as a user runs it (<c>dotnet Gcn.dll --quick</c>), for what only a
/// whole run shows: its exit code, what it prints, what it writes.
/// </summary>
public static class PaperRun
{
    /// <summary>Generous: such a run stops within seconds, but the machine may be busy with other builds.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>
    /// Runs the executable of <paramref name="paper"/> with <paramref name="args"/> and the variables in
    /// <paramref name="environment"/>, for at most <paramref name="timeout"/> (default two minutes).
    /// </summary>
    public static Outcome Run(Assembly paper, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(paper.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Run(start, timeout ?? Timeout);
    }

    /// <summary>Runs <paramref name="start"/> with its output read; past <paramref name="timeout"/> its whole tree is killed.</summary>
    public static Outcome Run(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        (start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (true, true, false);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(start.FileName)} {string.Join(" ", start.ArgumentList)} ran past {timeout}");
        }
        return new Outcome(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Runs the quick run of <paramref name="paper"/> twice, with <see cref="GenericChart.NodeModulesVariable"/> and then
    /// <see cref="GenericChart.ChromiumVariable"/> naming a path that does not exist, and checks that each stops before
    /// its first step: exit code 2, nothing on standard output, one line on standard error naming what is missing and
    /// the fix, and no results folder.
    /// </summary>
    public static void AssertTheQuickRunNeedsPlotlyAndChromiumBeforeItsFirstStep(Assembly paper)
    {
        AssertStopsBeforeItsFirstStep(paper, GenericChart.NodeModulesVariable, "run `npm ci`");
        AssertStopsBeforeItsFirstStep(paper, GenericChart.ChromiumVariable, "point it at a Chromium executable");
    }

    private static void AssertStopsBeforeItsFirstStep(Assembly paper, string variable, string fix)
    {
        var folder = Directory.CreateTempSubdirectory("papers-prerequisite-").FullName;
        try
        {
            var missing = Path.Combine(folder, "missing");
            var results = Path.Combine(folder, "results");
            var run = Run(paper, ["--quick", "--out", results], new Dictionary<string, string> { [variable] = missing });
            var transcript = $"{variable}: exit code {run.ExitCode}\nstdout:\n{run.Output}\nstderr:\n{run.Error}";
            Assert.True(run.ExitCode == Prerequisites.ExitCode, transcript);
            Assert.True(run.Output.Length == 0, transcript);
            // One error line; a data file read for the check may say beside it which catalogued copy it is.
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
            Assert.StartsWith($"error: {variable} is {missing}, which ", line);
            Assert.Contains(fix, line);
            Assert.False(Directory.Exists(results), $"the run wrote {results}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
