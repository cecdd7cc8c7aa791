namespace Papers.Gcn.Tests;

/// <summary>
/// GCN's grid through the kit's sweep, local backend: three tasks (one seed each) run as two processes at a time,
/// merged, then compared with the single process that runs the same seeds. The tables are the same bytes; runs.csv
/// too once its wall-clock column is dropped.
/// </summary>
[Collection("Serial")]
public sealed class SweepTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly string _folder = Directory.CreateTempSubdirectory("gcn-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [DataFact("planetoid/ind.cora.graph")]
    public void LocalSweepMergesToTheTablesOfOneProcess()
    {
        var (sweep, merged, single) = (Path.Combine(_folder, "sweep"), Path.Combine(_folder, "merged"), Path.Combine(_folder, "single"));

        var (exit, output) = Gcn("sweep", "--backend", "local", "--jobs", "2", "--sweep-dir", sweep, "--quick", "--seeds", "3", "--out", merged);
        Assert.True(exit == 0, output);
        Assert.Contains("sweep: 3 tasks", output);
        (exit, output) = Gcn("--quick", "--seeds", "3", "--out", single);
        Assert.True(exit == 0, output);

        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "table2.csv")), File.ReadAllBytes(Path.Combine(merged, "table2.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "curves.csv")), File.ReadAllBytes(Path.Combine(merged, "curves.csv")));
        Assert.Equal(WithoutSeconds(Path.Combine(single, "runs.csv")), WithoutSeconds(Path.Combine(merged, "runs.csv")));
        Assert.Equal(1 + 3 + 1, File.ReadAllLines(Path.Combine(merged, "runs.csv")).Length);   // header, 3 seeds, 1 random split

        // A task that did not finish is named, and nothing is merged past it.
        File.Delete(Path.Combine(sweep, "shards", "1", "manifest.json"));
        (exit, output) = Gcn("merge", "--sweep-dir", sweep);
        Assert.Equal(1, exit);
        Assert.Contains("1 of 3 tasks have not finished", output);
        Assert.Contains("task 1 (--datasets cora --first-seed 1 --seeds 1)", output);
    }

    [Fact]
    public void SweepNeedsABackendAndResumesByItself()
    {
        var (exit, output) = Gcn("sweep", "--quick", "--sweep-dir", _folder);
        Assert.Equal(2, exit);
        Assert.Contains("sweep needs --backend local or --backend slurm", output);
        (exit, output) = Gcn("sweep", "--backend", "local", "--quick", "--resume", "--sweep-dir", _folder);
        Assert.Equal(2, exit);
        Assert.Contains("sweep resumes by itself", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    /// <summary>runs.csv's lines without the wall-clock column <c>seconds</c> (the last).</summary>
    private static List<string> WithoutSeconds(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.EndsWith(",seconds", lines[0]);
        Assert.All(lines, l => Assert.DoesNotContain("\"", l));
        return [.. lines.Select(l => l[..l.LastIndexOf(',')])];
    }

    /// <summary><c>dotnet Gcn.dll args</c>, standard output and error together.</summary>
    private static (int Exit, string Output) Gcn(params string[] args)
    {
        var run = PaperRun.Run(typeof(GcnConfig).Assembly, args, new Dictionary<string, string>(), Timeout);
        return (run.ExitCode, run.Output + run.Error);
    }
}
