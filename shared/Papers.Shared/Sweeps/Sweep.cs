using System.Reflection;
using Papers.Shared.Cli;
using Papers.Shared.Repro;

namespace Papers.Shared.Sweeps;

/// <summary>
/// A paper's grid run as independent tasks, then merged: the verbs a <see cref="GridConfig"/> paper takes before its
/// flags (<see cref="PaperMain.Start{T}"/> hands them here).
/// <code>
/// Gcn sweep --backend local --jobs 2 [--seeds-per-task N] [--sweep-dir D] [paper flags]   run, wait, merge, tabulate
/// Gcn sweep --backend slurm [--sbatch ARG]... [--no-wait] [paper flags]                    one job array; waits unless --no-wait
/// Gcn merge [--sweep-dir D] [--no-wait]                                                    check, merge and tabulate a sweep
/// Gcn shard D i                                                                            task i of the sweep in D (what a backend runs)
/// </code>
/// The merge writes the results where the same command without <c>sweep</c> would (results/&lt;paper&gt;/, or --out),
/// tabulated by the paper's own code from the shards' run logs, so its tables are byte for byte those of a
/// single-process run of the same seeds.
/// </summary>
public static class Sweep
{
    public static readonly string[] Verbs = ["sweep", "merge", "shard"];

    private const string Usage =
        "usage: sweep --backend local|slurm [--jobs N] [--seeds-per-task N] [--sweep-dir DIR] [--sbatch ARG]... [--no-wait] [paper flags]\n" +
        "       merge [--sweep-dir DIR] [--no-wait]\n" +
        "  --backend local   the tasks as processes here, --jobs at a time (default: cores / --threads)\n" +
        "  --backend slurm   one Slurm job array, a task per array index, --cpus-per-task = --threads; --jobs N throttles it (%N)\n" +
        "  --seeds-per-task  seeds one task runs (default 1)\n" +
        "  --sweep-dir       the sweep's folder (default artifacts/<paper>/sweep); on a cluster, a shared file system\n" +
        "  --sbatch ARG      passed to sbatch, once per flag: --sbatch --partition=cpu --sbatch --time=4:00:00\n" +
        "  --no-wait         slurm: return after submitting (merge later with: merge --sweep-dir DIR)\n" +
        "paper flags: as for a single run (--help lists them); the merged results go where that run's would";

    /// <summary>The config a verb leaves to the paper's Program: a task's narrowed config, or the merge's.</summary>
    public static T Run<T>(string paper, T defaults, string[] args) where T : RunConfig
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            if (defaults is not GridConfig)
                throw new ArgumentException($"{paper}'s experiment is not a grid of logged runs ({defaults.GetType().Name} is no GridConfig), so it has no '{args[0]}'");
            return args[0] switch
            {
                "shard" => Task(defaults, args),
                "merge" => Merge(paper, defaults, args),
                _ => Start(paper, defaults, args),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or FileNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Environment.Exit(e is ArgumentException ? Cli.Cli.UsageError : 1);
            throw;
        }
    }

    /// <summary>The arguments of task <paramref name="index"/> after the paper's executable: <c>shard D i</c>.</summary>
    public static IReadOnlyList<string> TaskArgs(string sweep, int index) => ["shard", sweep, index.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>How to start this paper again: its apphost, or <c>dotnet Paper.dll</c>.</summary>
    public static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly")]
            : [process];
    }

    private static T Start<T>(string paper, T defaults, string[] args) where T : RunConfig
    {
        var options = new Options(args[1..]);
        if (options.Help)
        {
            Console.WriteLine(Usage);
            Environment.Exit(0);
        }
        if (options.Rest.Contains("--resume"))
            throw new ArgumentException("sweep resumes by itself: run the same sweep again and its unfinished tasks resume their shards; drop --resume");
        var backend = options.Backend ?? throw new ArgumentException("sweep needs --backend local or --backend slurm\n" + Usage);
        var config = Cli.Cli.Apply(defaults, [.. options.Rest]);
        if (((GridConfig)(RunConfig)config).WhyNotSweepable() is { } why) throw new ArgumentException($"this config cannot be swept: {why}");
        var sweep = options.SweepDir ?? DefaultFolder(paper);
        var plan = Plan(paper, sweep, config, options.Rest, options.SeedsPerTask);
        Console.WriteLine($"sweep: {plan.Tasks.Count} tasks in {sweep}");
        if (backend == "local")
        {
            var failures = LocalBackend.Run(sweep, plan, Command(), options.Jobs ?? Math.Max(1, Environment.ProcessorCount / config.Threads));
            return Merged(config, ShardLogs.Merge(sweep, plan, failures));
        }
        var job = SlurmBackend.Submit(sweep, plan, Command(), config.Threads, options.Jobs, options.Sbatch);
        if (job is not null) (plan = plan with { SlurmJob = job }).Write(sweep);
        if (options.NoWait)
        {
            Console.WriteLine($"sweep: not waiting; when job {job} is done, merge with: {string.Join(" ", Command())} merge --sweep-dir {sweep}");
            Environment.Exit(0);
        }
        if (job is not null) SlurmBackend.Wait(job);
        return Merged(config, ShardLogs.Merge(sweep, plan));
    }

    private static T Merge<T>(string paper, T defaults, string[] args) where T : RunConfig
    {
        var options = new Options(args[1..]);
        if (options.Rest.Count > 0 || options.Backend is not null)
            throw new ArgumentException($"merge takes only --sweep-dir and --no-wait (the paper's flags are the sweep's, in plan.json), not {string.Join(" ", options.Rest)}");
        var sweep = options.SweepDir ?? DefaultFolder(paper);
        var plan = SweepPlan.Read(sweep);
        if (plan.SlurmJob is { } job && !options.NoWait) SlurmBackend.Wait(job);
        var config = Cli.Cli.Apply(defaults, [.. plan.Args]);
        Plan(paper, sweep, config, plan.Args, plan.SeedsPerTask);
        return Merged(config, ShardLogs.Merge(sweep, plan));
    }

    /// <summary><c>shard D i</c>: task i's config, its results and log in its own shard, resumed when it holds anything.</summary>
    private static T Task<T>(T defaults, string[] args) where T : RunConfig
    {
        if (args.Length != 3 || !int.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out var index))
            throw new ArgumentException("usage: shard <sweep folder> <task index>");
        var sweep = Path.GetFullPath(args[1]);
        var plan = SweepPlan.Read(sweep);
        var config = Cli.Cli.Apply(defaults, [.. plan.Args]);
        var shards = Grid.Expand((GridConfig)(RunConfig)config, plan.SeedsPerTask);
        if (index < 0 || index >= shards.Count) throw new ArgumentException($"task {index}: the sweep in {sweep} has tasks 0 to {shards.Count - 1}");
        if (shards[index].Flags != plan.Tasks[index])
            throw new InvalidOperationException($"task {index} of {sweep} was planned as {plan.Tasks[index]}, but this build expands it to {shards[index].Flags}");
        var folder = SweepPlan.ShardFolder(sweep, index);
        var log = Path.Combine(folder, "checkpoints");
        var resume = Directory.Exists(log) && Directory.EnumerateFiles(log).Any();
        Console.WriteLine($"sweep task {index} of {shards.Count}: {shards[index].Flags}{(resume ? "; resuming its shard" : "")}");
        return (T)(RunConfig)(shards[index].Config with { Out = folder, Resume = resume });
    }

    /// <summary>The plan of this command line: a new one, or the folder's own when it is the same sweep (run again to finish it).</summary>
    private static SweepPlan Plan(string paper, string sweep, RunConfig config, IReadOnlyList<string> args, int seedsPerTask)
    {
        var plan = new SweepPlan(paper, args, seedsPerTask, [.. Grid.Expand((GridConfig)config, seedsPerTask).Select(s => s.Flags)]);
        if (File.Exists(Path.Combine(sweep, SweepPlan.FileName)))
        {
            var old = SweepPlan.Read(sweep);
            if (old.Paper != plan.Paper || !old.Args.SequenceEqual(plan.Args) || old.SeedsPerTask != plan.SeedsPerTask || !old.Tasks.SequenceEqual(plan.Tasks))
                throw new ArgumentException($"{sweep} holds another sweep ({old.Paper} {string.Join(" ", old.Args)}, {old.SeedsPerTask} seeds per task); give this one its own --sweep-dir, or delete that folder");
            return old;
        }
        if (Directory.Exists(sweep) && Directory.EnumerateFileSystemEntries(sweep).Any())
            throw new ArgumentException($"{sweep} is not empty and holds no {SweepPlan.FileName}; give the sweep an empty --sweep-dir");
        Directory.CreateDirectory(sweep);
        plan.Write(sweep);
        return plan;
    }

    private static T Merged<T>(T config, string mergedLog) where T : RunConfig
    {
        Console.WriteLine($"sweep: merged the shards' run logs into {mergedLog}; tabulating");
        return config with { Resume = true, MergedLog = mergedLog, IsMerge = true };
    }

    private static string DefaultFolder(string paper) => Path.Combine(RepoRoot.Require(), "artifacts", paper, "sweep");

    /// <summary>The sweep's own flags, taken out of the arguments; the rest are the paper's.</summary>
    private sealed class Options
    {
        public Options(string[] args)
        {
            var rest = new List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Count()
                {
                    var name = args[i];
                    return int.TryParse(Value(), System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw new ArgumentException($"{name} takes a positive integer, not '{args[i]}'");
                }
                switch (args[i])
                {
                    case "--backend":
                        Backend = Value();
                        if (Backend is not ("local" or "slurm")) throw new ArgumentException($"--backend is local or slurm, not '{Backend}'");
                        break;
                    case "--jobs": Jobs = Count(); break;
                    case "--seeds-per-task": SeedsPerTask = Count(); break;
                    case "--sweep-dir": SweepDir = Path.GetFullPath(Value()); break;
                    case "--sbatch": Sbatch.Add(Value()); break;
                    case "--no-wait": NoWait = true; break;
                    case "--help" or "-h": Help = true; break;
                    default: rest.Add(args[i]); break;
                }
            }
            Rest = rest;
        }

        public string? Backend { get; }
        public int? Jobs { get; }
        public int SeedsPerTask { get; } = 1;
        public string? SweepDir { get; }
        public List<string> Sbatch { get; } = [];
        public bool NoWait { get; }
        public bool Help { get; }
        public IReadOnlyList<string> Rest { get; }
    }
}
