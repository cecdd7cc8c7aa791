using System.Text.Json;
using Papers.Shared.Results;

namespace Papers.Shared.Sweeps;

/// <summary>
/// <c>plan.json</c> in a sweep's folder: the paper, the command line its tasks share, how many seeds a task runs, and
/// each task's flags; a Slurm sweep adds its job id. Every task process reads it to find its own config, so the
/// submitting process, the tasks and the merge all expand the same grid from the same command line.
/// <code>
/// &lt;sweep&gt;/plan.json           this record
/// &lt;sweep&gt;/shards/&lt;i&gt;/          task i's --out: its results, manifest.json once finished, checkpoints/ (its run log)
/// &lt;sweep&gt;/logs/&lt;i&gt;.out          task i's standard output and error, every attempt appended
/// &lt;sweep&gt;/merged/checkpoints/   the shards' run logs end to end, which the merge tabulates
/// &lt;sweep&gt;/slurm/sweep.sbatch    the job array script (Slurm backend)
/// </code>
/// </summary>
public sealed record SweepPlan(string Paper, IReadOnlyList<string> Args, int SeedsPerTask, IReadOnlyList<string> Tasks, string? SlurmJob = null)
{
    public const string FileName = "plan.json";

    public static string ShardFolder(string sweep, int index) => Path.Combine(sweep, "shards", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string LogFile(string sweep, int index) => Path.Combine(sweep, "logs", $"{index}.out");

    public static string MergedFolder(string sweep) => Path.Combine(sweep, "merged");

    /// <summary>True once task <paramref name="index"/> ran to its end: its manifest is the last file a run writes.</summary>
    public static bool Finished(string sweep, int index) => File.Exists(Path.Combine(ShardFolder(sweep, index), Manifest.FileName));

    public static SweepPlan Read(string sweep)
    {
        var path = Path.Combine(sweep, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"no sweep in {sweep}: {FileName} is missing (start one with: sweep --backend local|slurm ...)", path);
        return JsonSerializer.Deserialize<SweepPlan>(File.ReadAllText(path), Manifest.JsonOptions)
            ?? throw new InvalidDataException($"{path} is empty");
    }

    public void Write(string sweep) => AtomicFile.WriteAllText(Path.Combine(sweep, FileName), JsonSerializer.Serialize(this, Manifest.JsonOptions) + "\n");
}
