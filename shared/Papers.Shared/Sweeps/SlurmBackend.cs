using System.Diagnostics;
using System.Globalization;
using System.Text;
using Papers.Shared.Results;

namespace Papers.Shared.Sweeps;

/// <summary>
/// <c>--backend slurm</c>: the unfinished tasks as one Slurm job array (<c>sbatch --array</c>), one array task per
/// task of the plan, each with the config's thread count as its CPUs. A task that Slurm requeues (node failure,
/// preemption, <c>scontrol requeue</c>) starts again on the same shard folder and so resumes it (<c>--resume</c>:
/// finished runs come from its log, the unfinished one from its checkpoint). Logs are appended across attempts.
/// </summary>
public static class SlurmBackend
{
    /// <summary>Seconds between two looks at the queue while waiting.</summary>
    public const int PollSeconds = 5;

    /// <summary>Writes <c>slurm/sweep.sbatch</c> and submits it; returns the job id, or null when no task is left to run.</summary>
    public static string? Submit(string sweep, SweepPlan plan, IReadOnlyList<string> command, int cpusPerTask, int? throttle, IReadOnlyList<string> sbatchArgs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pending = Enumerable.Range(0, plan.Tasks.Count).Where(i => !SweepPlan.Finished(sweep, i)).ToList();
        if (pending.Count == 0) return null;
        Directory.CreateDirectory(Path.Combine(sweep, "logs"));
        var script = Path.Combine(sweep, "slurm", "sweep.sbatch");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        AtomicFile.WriteAllText(script, Script(sweep, plan.Paper, command, cpusPerTask));
        var array = ArraySpec(pending) + (throttle is { } t ? $"%{t}" : "");
        var (exit, output, error) = Execute("sbatch", ["--parsable", $"--array={array}", .. sbatchArgs, script]);
        if (exit != 0) throw new InvalidOperationException($"sbatch failed (exit {exit}): {error.Trim()}{output.Trim()}");
        var job = output.Trim().Split(';')[0];
        Console.WriteLine($"sweep: submitted job array {job} ({pending.Count} tasks: --array={array}); logs in {Path.Combine(sweep, "logs")}");
        return job;
    }

    /// <summary>The batch script: every array task runs the paper's <c>shard</c> command for its own index.</summary>
    public static string Script(string sweep, string paper, IReadOnlyList<string> command, int cpusPerTask)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={paper}-sweep\n");
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpusPerTask}\n");
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(sweep, "logs", "%a.out")}\n");
        script.Append("#SBATCH --open-mode=append\n");
        script.Append("#SBATCH --requeue\n");
        script.Append("echo \"task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname), attempt $((${SLURM_RESTART_COUNT:-0} + 1)), $(date -u +%FT%TZ)\"\n");
        script.Append("exec ").Append(string.Join(" ", command.Concat(["shard", sweep]).Select(Quote))).Append(" \"$SLURM_ARRAY_TASK_ID\"\n");
        return script.ToString();
    }

    /// <summary>Blocks until no task of <paramref name="job"/> is pending or running (requeued tasks included).</summary>
    public static void Wait(string job)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (exit, output, error) = Execute("squeue", ["--noheader", "--array", $"--jobs={job}", "--format=%i %T"]);
            // squeue forgets a job some minutes after it ended (MinJobAge) and then calls its id invalid.
            if (exit != 0 && !error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"squeue failed (exit {exit}): {error.Trim()}");
            var tasks = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (exit != 0 || tasks.Length == 0) break;
            Console.WriteLine($"sweep: job {job}: {tasks.Length} tasks queued or running ({string.Join(", ", tasks.GroupBy(t => t.Split(' ')[^1]).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}"))}), {clock.Elapsed.TotalMinutes:F1} min");
            Thread.Sleep(TimeSpan.FromSeconds(PollSeconds));
        }
        Console.WriteLine($"sweep: job {job} has no task left in the queue");
    }

    /// <summary><c>0-3,7,9-10</c>: the indices as Slurm's --array takes them.</summary>
    public static string ArraySpec(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var parts = new List<string>();
        for (var i = 0; i < indices.Count;)
        {
            var j = i;
            while (j + 1 < indices.Count && indices[j + 1] == indices[j] + 1) j++;
            parts.Add(j == i ? $"{indices[i]}" : $"{indices[i]}-{indices[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static (int Exit, string Output, string Error) Execute(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is not installed here ({e.Message}): --backend slurm runs on a Slurm login node (Debian: apt-get install slurm-client)", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }
}
