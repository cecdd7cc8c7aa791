using System.Diagnostics;

namespace Papers.Shared.Sweeps;

/// <summary>
/// <c>--backend local</c>: the unfinished tasks as child processes of this machine, <c>--jobs</c> at a time, each
/// writing its log to <c>logs/&lt;i&gt;.out</c>. A task that exits non-zero is reported with its exit code; the others
/// still run. Started again, the sweep runs only the tasks without a manifest, each resuming its own shard.
/// </summary>
public static class LocalBackend
{
    /// <summary>Runs the tasks and returns the failures: task index → what went wrong.</summary>
    public static IReadOnlyDictionary<int, string> Run(string sweep, SweepPlan plan, IReadOnlyList<string> command, int jobs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (jobs < 1) throw new ArgumentException($"--jobs must be at least 1, not {jobs}");
        var pending = Enumerable.Range(0, plan.Tasks.Count).Where(i => !SweepPlan.Finished(sweep, i)).ToList();
        Console.WriteLine($"sweep: {pending.Count} of {plan.Tasks.Count} tasks to run, {jobs} at a time");
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            var clock = Stopwatch.StartNew();
            var exit = RunTask(sweep, command, i);
            if (exit != 0) failures[i] = $"exited with code {exit}";
            Console.WriteLine($"sweep: task {i} ({plan.Tasks[i]}) {(exit == 0 ? "finished" : $"failed with exit code {exit}")} in {clock.Elapsed.TotalSeconds:F1} s");
        });
        return failures;
    }

    private static int RunTask(string sweep, IReadOnlyList<string> command, int index)
    {
        var log = SweepPlan.LogFile(sweep, index);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in command.Skip(1).Concat(Sweep.TaskArgs(sweep, index))) start.ArgumentList.Add(arg);
        using var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is null) return;
            lock (gate) writer.WriteLine(line);
        }
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
