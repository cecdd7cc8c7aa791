using System.Text.Json;

namespace Papers.Shared.Tests;

using Papers.Shared.Cli;
using Papers.Shared.Repro;
using Papers.Shared.Results;

public sealed class ResultsWriterTests : IDisposable
{
    private sealed record Run(string Dataset, int Seed, double TestAccuracy);

    private sealed record CurvePoint(string Dataset, int Seed, int Epoch, double Loss);

    private readonly string _out = Directory.CreateTempSubdirectory("papers-results-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void WritesRunsCurvesTableAndManifestIntoOut()
    {
        var config = new TinyConfig { Out = _out, Seeds = 2, Threads = 2 };
        var environment = ManifestTests.Environment with { StartedAt = DateTimeOffset.UtcNow.AddSeconds(-5) };
        var results = new ResultsWriter("gcn", config, environment);
        Assert.Equal(_out, results.Destination);

        results.WriteRuns([new Run("cora", 0, 81.25), new Run("cora", 1, 80.5)]);
        results.WriteCurves([new CurvePoint("cora", 0, 1, 1.9375)]);
        results.WriteTable("table2", [TableRow.Summarize("Table 2", "Cora", "accuracy", "mean over 2 seeds", 81.5, [81.25, 80.5])]);
        var manifestPath = results.WriteManifest();

        Assert.Equal(Path.Combine(_out, "manifest.json"), manifestPath);
        Assert.Equal(_out, results.Folder);
        Assert.Empty(Directory.GetDirectories(_out));
        Assert.Equal(["curves.csv", "manifest.json", "runs.csv", "table2.csv"],
            Directory.GetFiles(_out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("dataset,seed,test_accuracy\ncora,0,81.25\ncora,1,80.5\n", File.ReadAllText(Path.Combine(_out, "runs.csv")));
        Assert.Equal("dataset,seed,epoch,loss\ncora,0,1,1.9375\n", File.ReadAllText(Path.Combine(_out, "curves.csv")));
        // mean(81.25, 80.5) = 80.875; s = √((0.375² · 2) / 1) = 0.5303300858899106
        Assert.Equal(
            "table,row,column,statistic,paper,ours_mean,ours_std,n\n" +
            "Table 2,Cora,accuracy,mean over 2 seeds,81.5,80.875,0.5303300858899106,2\n",
            File.ReadAllText(Path.Combine(_out, "table2.csv")));

        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var root = manifest.RootElement;
        Assert.Equal("gcn", root.GetProperty("paper").GetString());
        Assert.Equal(environment.Git.Commit, root.GetProperty("git_commit").GetString());
        Assert.False(root.GetProperty("git_dirty").GetBoolean());
        Assert.Equal([0, 1], root.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt64()));
        Assert.Equal(_out, root.GetProperty("config").GetProperty("out").GetString());
        Assert.InRange(root.GetProperty("wall_time_seconds").GetDouble(), 5, 120);
    }

    /// <summary>A run that fails after writing some files (its figure, say) must not leave results without their manifest.</summary>
    [Fact]
    public void NothingReachesTheDestinationBeforeTheManifest()
    {
        File.WriteAllText(Path.Combine(_out, "runs.csv"), "from the last complete run\n");
        File.WriteAllText(Path.Combine(_out, "manifest.json"), "{}\n");
        var results = new ResultsWriter("gcn", new TinyConfig { Out = _out }, ManifestTests.Environment);
        results.WriteRuns([new Run("cora", 0, 81.25)]);
        results.WriteCurves([new CurvePoint("cora", 0, 1, 1.9375)]);
        Csv.Write(Path.Combine(results.Folder, "figures", "training.csv"), [new Run("cora", 0, 81.25)]);

        Assert.Equal(["manifest.json", "runs.csv"], Directory.GetFiles(_out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("from the last complete run\n", File.ReadAllText(Path.Combine(_out, "runs.csv")));
        Assert.Equal("{}\n", File.ReadAllText(Path.Combine(_out, "manifest.json")));
        var staging = Assert.Single(Directory.GetDirectories(_out));
        Assert.Equal(results.Folder, staging);
        Assert.StartsWith(".partial-", Path.GetFileName(staging));
    }

    [Fact]
    public void TheManifestPublishesEveryStagedFileAndClearsWhatFailedRunsLeft()
    {
        var failed = new ResultsWriter("gcn", new TinyConfig { Out = _out }, ManifestTests.Environment);
        failed.WriteRuns([new Run("cora", 0, 10)]);
        File.WriteAllText(Path.Combine(_out, "manifest.json"), "{}\n");

        var results = new ResultsWriter("gcn", new TinyConfig { Out = _out }, ManifestTests.Environment);
        results.WriteRuns([new Run("cora", 0, 81.25)]);
        Csv.Write(Path.Combine(results.Folder, "figures", "training.csv"), [new Run("cora", 0, 81.25)]);
        results.WriteManifest();

        Assert.Equal(["figures/training.csv", "manifest.json", "runs.csv"],
            Directory.GetFiles(_out, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_out, f)).Order(StringComparer.Ordinal));
        Assert.Equal("dataset,seed,test_accuracy\ncora,0,81.25\n", File.ReadAllText(Path.Combine(_out, "runs.csv")));
        Assert.Equal("gcn", Manifest.Read(Path.Combine(_out, "manifest.json")).Paper);
    }

    [Fact]
    public void QuickRunsGoToArtifactsAndFullRunsToResults()
    {
        var repo = RepoRoot.Require();
        var quick = Cli.Parse(new TinyConfig(), ["--quick"], TextWriter.Null, TextWriter.Null).Config!;
        Assert.Equal(Path.Combine(repo, "artifacts", "gcn"), ResultsWriter.FolderFor("gcn", quick));
        Assert.Equal(Path.Combine(repo, "results", "cycle-gan"), ResultsWriter.FolderFor("cycle-gan", new TinyConfig()));
        Assert.Equal(_out, ResultsWriter.FolderFor("gcn", quick with { Out = _out }));
    }

    [Theory]
    [InlineData("Gcn")]
    [InlineData("../gcn")]
    [InlineData("")]
    public void APaperNameThatIsNoFolderNameIsRejected(string paper)
    {
        var e = Assert.Throws<ArgumentException>(() => ResultsWriter.FolderFor(paper, new TinyConfig { Out = _out }));
        Assert.Contains("kebab-case", e.Message);
    }

    [Theory]
    [InlineData("results")]
    [InlineData("Table2")]
    [InlineData("table2.csv")]
    public void TableNamesFollowThePapersTables(string name)
    {
        var results = new ResultsWriter("gcn", new TinyConfig { Out = _out }, ManifestTests.Environment);
        var e = Assert.Throws<ArgumentException>(() => results.WriteTable(name, []));
        Assert.Contains("table2", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_out));
    }
}
