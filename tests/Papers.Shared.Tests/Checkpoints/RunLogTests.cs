using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.Shared.Tests;

/// <summary>One run of a task: a row of runs.csv. Its loss cannot be written while NaN, as if the disk filled then.</summary>
public sealed record TaskRun(string Task, int Seed, double Loss)
{
    public double Loss { get => double.IsNaN(field) ? throw new IOException("disk full") : field; init; } = Loss;
}

/// <summary>One epoch of a run: a row of curves.csv.</summary>
public sealed record TaskEpoch(string Task, int Seed, int Epoch, double Loss);

/// <summary>A note on a run, ours or someone else's: a row of notes.csv, keyed with its source.</summary>
public sealed record TaskNote(string Source, string Task, int Seed, string Text);

public sealed class RunLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-runlog-").FullName;
    private readonly List<(string Task, int Seed)> _trained = [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Checkpoints => Path.Combine(_folder, "checkpoints");

    private RunLog<TaskRun, (string, int)> Log(bool resume = false, TextWriter? log = null) =>
        new RunLog<TaskRun, (string, int)>("tiny", new TinyConfig { Out = _folder, Resume = resume }, r => (r.Task, r.Seed), log ?? TextWriter.Null)
            .With("curves", (TaskEpoch e) => (e.Task, e.Seed));

    private TaskRun Train(string task, int seed, List<TaskEpoch> curve, double loss = 0.5)
    {
        _trained.Add((task, seed));
        curve.AddRange(Enumerable.Range(1, 2).Select(epoch => new TaskEpoch(task, seed, epoch, 1.0 / epoch + seed)));
        return new TaskRun(task, seed, loss + seed);
    }

    private List<string> Lines(string file) => [.. File.ReadAllLines(Path.Combine(Checkpoints, file))];

    [Fact]
    public void ResumeSkipsLoggedRunsAndReturnsTheirRowsAndCompanionRows()
    {
        var first = Log();
        first.Run(("a", 0), new List<TaskEpoch>(), curve => Train("a", 0, curve));
        first.Run(("a", 1), new List<TaskEpoch>(), curve => Train("a", 1, curve));

        var message = new StringWriter();
        var resumed = Log(resume: true, message);
        var curve = new List<TaskEpoch>();
        var again = resumed.Run(("a", 0), curve, epochs => Train("a", 0, epochs, loss: 9));
        resumed.Run(("a", 2), curve, epochs => Train("a", 2, epochs));

        Assert.Equal([("a", 0), ("a", 1), ("a", 2)], _trained);
        Assert.Equal(new TaskRun("a", 0, 0.5), again);
        Assert.Equal([new TaskEpoch("a", 0, 1, 1.0), new TaskEpoch("a", 0, 2, 0.5), new TaskEpoch("a", 2, 1, 3.0), new TaskEpoch("a", 2, 2, 2.5)], curve);
        Assert.Equal(["task,seed,loss", "a,0,0.5", "a,1,1.5", "a,2,2.5"], Lines("runs.csv"));
        Assert.Equal(7, Lines("curves.csv").Count);
        Assert.Equal($"resuming: 2 runs already done ({Path.Combine(Checkpoints, "runs.csv")})\n", message.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TwoCompanionTablesComeBackWithTheirRunAndOthersRowsOfTheSameRunStayOut()
    {
        RunLog<TaskRun, (string, string, int)> Log(bool resume) =>
            new RunLog<TaskRun, (string, string, int)>("tiny", new TinyConfig { Out = _folder, Resume = resume }, r => ("ours", r.Task, r.Seed), TextWriter.Null)
                .With("notes", (TaskNote n) => (n.Source, n.Task, n.Seed))
                .With("curves", (TaskEpoch e) => ("ours", e.Task, e.Seed));
        TaskRun TrainWithNotes(List<TaskNote> notes, List<TaskEpoch> curve)
        {
            notes.Add(new TaskNote("ours", "a", 0, "converged"));
            return Train("a", 0, curve);
        }
        Log(resume: false).Run(("ours", "a", 0), new List<TaskNote>(), new List<TaskEpoch>(), TrainWithNotes);
        // Someone else's note on the same task and seed, in the same file: not a row of our run.
        var notesPath = Path.Combine(Checkpoints, "notes.csv");
        Csv.Write(notesPath, [.. Csv.Read<TaskNote>(notesPath), new TaskNote("theirs", "a", 0, "diverged")]);

        var (notes, curve) = (new List<TaskNote>(), new List<TaskEpoch>());
        Log(resume: true).Run(("ours", "a", 0), notes, curve, TrainWithNotes);

        Assert.Single(_trained);
        Assert.Equal([new TaskNote("ours", "a", 0, "converged")], notes);
        Assert.Equal(2, curve.Count);
    }

    [Fact]
    public void ASaveThatFailsWritingRunsCsvLeavesNoHalfFileAndTheRunIsTrainedAgainWithItsRowsOnce()
    {
        Log().Run(("a", 0), new List<TaskEpoch>(), curve => Train("a", 0, curve));
        var runs = File.ReadAllText(Path.Combine(Checkpoints, "runs.csv"));

        // Run 1's curve is saved, then writing runs.csv fails: the run must not count as done.
        var failed = Assert.ThrowsAny<Exception>(() => Log(resume: true).Run(("a", 1), new List<TaskEpoch>(), curve => Train("a", 1, curve, loss: double.NaN)));
        Assert.Equal("disk full", failed.InnerException?.Message);
        Assert.Equal(runs, File.ReadAllText(Path.Combine(Checkpoints, "runs.csv")));
        Assert.Equal(5, Lines("curves.csv").Count);
        Assert.Equal(["curves.csv", "runs.csv"], Directory.GetFiles(Checkpoints).Select(Path.GetFileName).Order());

        var curve = new List<TaskEpoch>();
        Log(resume: true).Run(("a", 1), curve, epochs => Train("a", 1, epochs));

        Assert.Equal([("a", 0), ("a", 1), ("a", 1)], _trained);
        Assert.Equal([new TaskEpoch("a", 1, 1, 2.0), new TaskEpoch("a", 1, 2, 1.5)], curve);
        Assert.Equal(5, Lines("curves.csv").Count);
        Assert.Equal(["task,seed,loss", "a,0,0.5", "a,1,1.5"], Lines("runs.csv"));
    }

    [Fact]
    public void ResumeWithNothingInTheCheckpointFolderSaysHowToStart()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Log(resume: true));
        Assert.Equal($"--resume: nothing to resume in {Checkpoints}; run without --resume to start afresh", e.Message);
    }

    [Fact]
    public void ResumeWithOnlyARunsOwnCheckpointStartsWithNoRunDone()
    {
        Directory.CreateDirectory(Checkpoints);
        File.WriteAllText(Path.Combine(Checkpoints, "a-seed0.safetensors"), "a run killed before it finished");
        var message = new StringWriter();
        Log(resume: true, message).Run(("a", 0), new List<TaskEpoch>(), curve => Train("a", 0, curve));
        Assert.Equal([("a", 0)], _trained);
        Assert.StartsWith("resuming: 0 runs already done", message.ToString());
    }

    [Fact]
    public void WithoutResumeTheLogStartsAfresh()
    {
        Log().Run(("a", 0), new List<TaskEpoch>(), curve => Train("a", 0, curve));
        Log().Run(("a", 0), new List<TaskEpoch>(), curve => Train("a", 0, curve, loss: 2));
        Assert.Equal([("a", 0), ("a", 0)], _trained);
        Assert.Equal(["task,seed,loss", "a,0,2"], Lines("runs.csv"));
    }

    [Fact]
    public void RowsKeyedForAnotherRunAreRefusedBeforeAnythingIsSaved()
    {
        var log = Log();
        var run = Assert.Throws<InvalidOperationException>(() => log.Run(("a", 0), () => new TaskRun("b", 0, 1)));
        Assert.Equal("the run trained for (a, 0) is keyed (b, 0): it would never be found again", run.Message);
        var row = Assert.Throws<InvalidOperationException>(() => log.Run(("a", 0), new List<TaskEpoch>(), curve =>
        {
            curve.Add(new TaskEpoch("a", 1, 1, 1));
            return new TaskRun("a", 0, 1);
        }));
        Assert.Equal("a row of curves.csv trained for (a, 0) is keyed (a, 1): it would never be found again", row.Message);
        Assert.False(Directory.Exists(Checkpoints));
    }

    /// <summary>A mis-keyed row of the second companion table stops the run before the first table is written.</summary>
    [Fact]
    public void WithTwoTablesAMisKeyedRowOfTheSecondLeavesTheFirstUnwritten()
    {
        var log = new RunLog<TaskRun, (string, string, int)>("tiny", new TinyConfig { Out = _folder }, r => ("ours", r.Task, r.Seed), TextWriter.Null)
            .With("notes", (TaskNote n) => (n.Source, n.Task, n.Seed))
            .With("curves", (TaskEpoch e) => ("ours", e.Task, e.Seed));
        var row = Assert.Throws<InvalidOperationException>(() => log.Run(("ours", "a", 0), new List<TaskNote>(), new List<TaskEpoch>(), (notes, curve) =>
        {
            notes.Add(new TaskNote("ours", "a", 0, "converged"));
            curve.Add(new TaskEpoch("a", 1, 1, 1));
            return new TaskRun("a", 0, 1);
        }));
        Assert.Equal("a row of curves.csv trained for (ours, a, 0) is keyed (ours, a, 1): it would never be found again", row.Message);
        Assert.False(Directory.Exists(Checkpoints));
    }

    [Fact]
    public void ACompanionTableIsNamedOnceAndNeverRuns()
    {
        var log = Log();
        Assert.Throws<ArgumentException>(() => log.With("runs", (TaskNote n) => (n.Task, n.Seed)));
        Assert.Throws<ArgumentException>(() => log.With("../notes", (TaskNote n) => (n.Task, n.Seed)));
        Assert.Throws<ArgumentException>(() => log.With("epochs", (TaskEpoch e) => (e.Task, e.Seed)));
        var e = Assert.Throws<InvalidOperationException>(() => log.Run(("a", 0), [], (List<TaskNote> notes) => new TaskRun("a", 0, 1)));
        Assert.Equal("the log has no table of TaskNote rows; add it with With<TaskNote>(name, key)", e.Message);
    }
}
