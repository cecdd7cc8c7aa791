using Papers.Shared.Checkpoints;
using Papers.Shared.Cli;
using Papers.Shared.Results;
using Papers.Shared.Sweeps;

namespace Papers.Shared.Tests;

/// <summary>A grid as a paper declares one: two list-valued axes, one list that is not an axis, and the seeds.</summary>
public sealed record GridTinyConfig : GridConfig
{
    [SweepAxis] public string[] Datasets { get; init; } = ["cora", "citeseer"];
    [SweepAxis] public Corpus[] Corpora { get; init; } = [Corpus.Cora, Corpus.PubMed, Corpus.CiteSeer];
    public int[] Layers { get; init; } = [64, 32];
    public override int Seeds { get; init; } = 5;

    public static GridTinyConfig Quick => new() { Seeds = 1 };
}

/// <summary>A grid whose axis is no list: the sweep cannot give each task one value of it.</summary>
public sealed record ScalarAxisConfig : GridConfig
{
    [SweepAxis] public string Dataset { get; init; } = "cora";
}

public sealed class SweepTests : IDisposable
{
    private readonly string _sweep = Directory.CreateTempSubdirectory("papers-sweep-").FullName;

    public void Dispose() => Directory.Delete(_sweep, recursive: true);

    [Fact]
    public void GridRunsEveryAxisValueWithEverySeedRangeFirstAxisOutermost()
    {
        var shards = Grid.Expand(new GridTinyConfig { Seeds = 5, FirstSeed = 2 }, seedsPerTask: 2);

        Assert.Equal(2 * 3 * 3, shards.Count);
        Assert.Equal(Enumerable.Range(0, 18), shards.Select(s => s.Index));
        Assert.Equal("--datasets cora --corpora cora --first-seed 2 --seeds 2", shards[0].Flags);
        Assert.Equal("--datasets cora --corpora cora --first-seed 6 --seeds 1", shards[2].Flags);   // 2..6: the last range is short
        Assert.Equal("--datasets cora --corpora pub-med --first-seed 2 --seeds 2", shards[3].Flags);
        Assert.Equal("--datasets citeseer --corpora cite-seer --first-seed 6 --seeds 1", shards[17].Flags);
        var last = (GridTinyConfig)shards[17].Config;
        Assert.Equal(["citeseer"], last.Datasets);
        Assert.Equal([Corpus.CiteSeer], last.Corpora);
        Assert.Equal([64, 32], last.Layers);
        Assert.Equal([6], last.SeedRange());
        // Every seed of every grid point once, none twice.
        var runs = shards.SelectMany(s => ((GridTinyConfig)s.Config).SeedRange().Select(seed => (((GridTinyConfig)s.Config).Datasets[0], ((GridTinyConfig)s.Config).Corpora[0], seed))).ToList();
        Assert.Equal(2 * 3 * 5, runs.Distinct().Count());
        Assert.Equal(runs.Count, runs.Distinct().Count());
    }

    [Fact]
    public void GridKeepsQuickAndTheSettingsOfTheCommandLine()
    {
        var bound = Cli.Cli.Parse(new GridTinyConfig(), ["--quick", "--datasets", "pubmed", "--layers", "8", "--seeds", "2"], TextWriter.Null, TextWriter.Null).Config!;
        var shards = Grid.Expand(bound, seedsPerTask: 1);
        Assert.Equal(3 * 2, shards.Count);
        Assert.All(shards, s => Assert.Equal([8], ((GridTinyConfig)s.Config).Layers));
        Assert.All(shards, s => Assert.True(s.Config.IsQuick));
    }

    [Fact]
    public void AnAxisThatIsNoListIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => Grid.Expand(new ScalarAxisConfig(), seedsPerTask: 1));
        Assert.Contains("must be a list", e.Message);
    }

    [Fact]
    public void NegativeFirstSeedIsAUsageError()
    {
        var error = new StringWriter();
        var result = Cli.Cli.Parse(new GridTinyConfig(), ["--first-seed", "-1"], TextWriter.Null, error);
        Assert.Null(result.Config);
        Assert.Contains("--first-seed must be 0 or more", error.ToString());
    }

    [Fact]
    public void ManifestListsTheSeedsOfTheRange()
    {
        Assert.Equal([3L, 4L], new GridTinyConfig { FirstSeed = 3, Seeds = 2 }.SeedNumbers());
        Assert.Equal([0L, 1L, 2L], new TinyConfig { Seeds = 3 }.SeedNumbers());
    }

    [Theory]
    [InlineData(new[] { 0 }, "0")]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 0, 1, 3, 5, 6, 7, 9 }, "0-1,3,5-7,9")]
    public void ArraySpecCompressesRuns(int[] indices, string spec) => Assert.Equal(spec, SlurmBackend.ArraySpec(indices));

    [Fact]
    public void BatchScriptRunsTheTaskOfItsArrayIndexAndAppendsItsLog()
    {
        var script = SlurmBackend.Script("/shared/sweep it's", "gcn", ["/opt/dotnet", "/repo/Gcn.dll"], cpusPerTask: 4);
        Assert.Contains("#SBATCH --cpus-per-task=4\n", script);
        Assert.Contains("#SBATCH --output=/shared/sweep it's/logs/%a.out\n", script);
        Assert.Contains("#SBATCH --open-mode=append\n", script);
        Assert.Contains("#SBATCH --requeue\n", script);
        Assert.EndsWith("exec '/opt/dotnet' '/repo/Gcn.dll' 'shard' '/shared/sweep it'\\''s' \"$SLURM_ARRAY_TASK_ID\"\n", script);
    }

    [Fact]
    public void PlanRoundTrips()
    {
        var plan = new SweepPlan("gcn", ["--quick", "--seeds", "3"], 2, ["--datasets cora --first-seed 0 --seeds 2", "--datasets cora --first-seed 2 --seeds 1"], "41");
        plan.Write(_sweep);
        var read = SweepPlan.Read(_sweep);
        Assert.Equal(plan.Args, read.Args);
        Assert.Equal(plan.Tasks, read.Tasks);
        Assert.Equal((plan.Paper, plan.SeedsPerTask, plan.SlurmJob), (read.Paper, read.SeedsPerTask, read.SlurmJob));
    }

    [Fact]
    public void MergeLaysTheShardLogsEndToEndInTaskOrderWhateverFinishedFirst()
    {
        var plan = Plan(3);
        // Task 2 finished first, then 0, then 1; task 1 logged no run (its dataset was missing).
        Shard(2, ("runs.csv", "task,seed\nb,1\n"), ("curves.csv", "task,seed,epoch\nb,1,1\n"));
        Shard(0, ("runs.csv", "task,seed\na,0\na,1\n"), ("curves.csv", "task,seed,epoch\na,0,1\na,0,2\n"), ("a-seed1.curve.csv", "unfinished,run\n"));
        Shard(1);

        var merged = ShardLogs.Merge(_sweep, plan);

        Assert.Equal("task,seed\na,0\na,1\nb,1\n", File.ReadAllText(Path.Combine(merged, "runs.csv")));
        Assert.Equal("task,seed,epoch\na,0,1\na,0,2\nb,1,1\n", File.ReadAllText(Path.Combine(merged, "curves.csv")));
        Assert.False(File.Exists(Path.Combine(merged, "a-seed1.curve.csv")));   // a run's own checkpoint file, not the log
        Assert.Equal(3, File.ReadAllLines(Path.Combine(merged, "shards.txt")).Length);
    }

    [Fact]
    public void MergeNamesEveryTaskThatDidNotFinish()
    {
        var plan = Plan(4);
        Shard(0, ("runs.csv", "task,seed\na,0\n"));
        Shard(3, ("runs.csv", "task,seed\na,3\n"));
        Directory.CreateDirectory(Path.Combine(SweepPlan.ShardFolder(_sweep, 1), "checkpoints"));   // started, killed, never finished

        var e = Assert.Throws<InvalidOperationException>(() => ShardLogs.Merge(_sweep, plan, new Dictionary<int, string> { [2] = "exited with code 137" }));

        Assert.Contains("2 of 4 tasks have not finished", e.Message);
        Assert.Contains("task 1 (--seeds 1 --first-seed 1): no manifest.json, so it did not finish; log " + SweepPlan.LogFile(_sweep, 1), e.Message);
        Assert.Contains("task 2 (--seeds 1 --first-seed 2): exited with code 137", e.Message);
        Assert.DoesNotContain("task 0", e.Message);
        Assert.False(Directory.Exists(SweepPlan.MergedFolder(_sweep)));
    }

    [Fact]
    public void MergeRefusesShardsWhoseTablesDisagree()
    {
        var plan = Plan(2);
        Shard(0, ("runs.csv", "task,seed\na,0\n"));
        Shard(1, ("runs.csv", "task,seed,loss\na,1,0.5\n"));
        var e = Assert.Throws<InvalidDataException>(() => ShardLogs.Merge(_sweep, plan));
        Assert.Contains("runs.csv of task 1 has the header task,seed,loss", e.Message);
    }

    [Fact]
    public void InAMergeARunNoShardLoggedIsAnErrorNotATrainingRun()
    {
        var plan = Plan(1);
        Shard(0, ("runs.csv", "task,seed,loss\na,0,0.5\n"));
        var merged = ShardLogs.Merge(_sweep, plan);
        var config = new TinyConfig { Resume = true, MergedLog = merged, IsMerge = true };
        var log = new RunLog<TaskRun, (string, int)>("tiny", config, r => (r.Task, r.Seed), TextWriter.Null);

        Assert.Equal(0.5, log.Run(("a", 0), () => throw new InvalidOperationException("trained")).Loss);
        var e = Assert.Throws<InvalidOperationException>(() => log.Run(("a", 1), () => new TaskRun("a", 1, 0.25)));
        Assert.Contains("no shard's log holds the run (a, 1)", e.Message);
    }

    [Theory]
    [InlineData("runs.csv", true)]
    [InlineData("curves.csv", true)]
    [InlineData("topics_2-b.csv", true)]
    [InlineData("HalfCheetah-trpo-seed0.curve.csv", false)]
    [InlineData("seed3.safetensors", false)]
    [InlineData(".csv", false)]
    public void RunLogTablesAreNamedAsWithAllows(string file, bool isTable) => Assert.Equal(isTable, RunLog<TaskRun, string>.IsTable(file));

    private SweepPlan Plan(int tasks)
    {
        var plan = new SweepPlan("tiny", [], 1, [.. Enumerable.Range(0, tasks).Select(i => $"--seeds 1 --first-seed {i}")]);
        plan.Write(_sweep);
        return plan;
    }

    /// <summary>A finished task: its run-log files, then its manifest.</summary>
    private void Shard(int index, params (string Name, string Text)[] files)
    {
        var folder = SweepPlan.ShardFolder(_sweep, index);
        Directory.CreateDirectory(Path.Combine(folder, "checkpoints"));
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(folder, "checkpoints", name), text);
        File.WriteAllText(Path.Combine(folder, Manifest.FileName), "{}");
    }
}
