using Papers.Shared.Checkpoints;
using Papers.Shared.Cli;
using static Papers.Torch.torch;

namespace Papers.Shared.Tests;

using Papers.Shared.Repro;

[Collection("Serial")]
public sealed class CheckpointerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-checkpointer-").FullName;
    private readonly StringWriter _log = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, "checkpoints", name);

    [Fact]
    public void TheDefaultPathIsUnderOutOrElseUnderTheArtifactsOfThePaper()
    {
        Assert.Equal(Path.Combine(_folder, "checkpoints", "last.safetensors"), Checkpointer.DefaultPath("gcn", new TinyConfig { Out = _folder }));
        var artifacts = Path.Combine(RepoRoot.Require(), "artifacts", "cycle-gan", "checkpoints");
        Assert.Equal(Path.Combine(artifacts, "last.safetensors"), Checkpointer.DefaultPath("cycle-gan", new TinyConfig()));
        Assert.Equal(Path.Combine(artifacts, "seed3.safetensors"), Checkpointer.DefaultPath("cycle-gan", new TinyConfig(), "seed3"));
        Assert.Throws<ArgumentException>(() => Checkpointer.DefaultPath("CycleGan", new TinyConfig()));
        Assert.Throws<ArgumentException>(() => Checkpointer.DefaultPath("gcn", new TinyConfig(), "../last"));
    }

    [Fact]
    public void ResumeWithoutACheckpointSaysWhereItLookedAndWhatToDo()
    {
        using var model = nn.Linear(2, 1);
        using var checkpointer = new Checkpointer(new Checkpoint().Add("model", model), PathOf("last.safetensors"), every: 5, resume: true, _log);
        var e = Assert.Throws<FileNotFoundException>(() => checkpointer.Start());
        Assert.Equal($"--resume: there is no checkpoint at {PathOf("last.safetensors")} to resume from; run without --resume to start afresh", e.Message);
    }

    [Fact]
    public void SavesEveryNStepsAndResumeStartsFromTheLastSave()
    {
        using var model = nn.Linear(2, 1);
        using (var checkpointer = new Checkpointer(new Checkpoint().Add("model", model), PathOf("last.safetensors"), every: 3, resume: false, _log))
        {
            Assert.Equal(0, checkpointer.Start());
            for (var step = 1; step <= 7; step++)
            {
                Assert.True(checkpointer.Completed(step));
                if (step == 1) Assert.False(File.Exists(checkpointer.Path));
            }
        }
        Assert.Equal("6", load_metadata(PathOf("last.safetensors"))["step"]);

        using var resumed = new Checkpointer(new Checkpoint().Add("model", model), PathOf("last.safetensors"), every: 3, resume: true, _log);
        Assert.Equal(6, resumed.Start());
        Assert.Equal($"resuming at step 6 from {PathOf("last.safetensors")}", _log.ToString().Trim());
    }

    [Fact]
    public void StartingAfreshOverAnExistingCheckpointSaysItWillBeReplaced()
    {
        using var model = nn.Linear(2, 1);
        new Checkpoint().Add("model", model).Save(PathOf("last.safetensors"));
        using var checkpointer = new Checkpointer(new Checkpoint().Add("model", model), PathOf("last.safetensors"), every: 3, resume: false, _log);
        Assert.Equal(0, checkpointer.Start());
        Assert.StartsWith($"starting afresh: {PathOf("last.safetensors")} will be replaced", _log.ToString());
    }

    [Fact]
    public void AStopRequestSavesAtTheStepReachedAndSaysHowToResume()
    {
        using var model = nn.Linear(2, 1);
        using var checkpointer = new Checkpointer(new Checkpoint().Add("model", model), PathOf("last.safetensors"), every: 0, resume: false, _log)
        {
            ExitOnStop = false,
        };
        Assert.True(checkpointer.Completed(1));
        Assert.False(File.Exists(checkpointer.Path));
        checkpointer.RequestStop();
        Assert.True(checkpointer.StopRequested);
        Assert.False(checkpointer.Completed(2));
        Assert.Equal("2", load_metadata(checkpointer.Path)["step"]);
        Assert.Equal($"stopped by a stop request after step 2; checkpoint saved to {checkpointer.Path}. To continue, run the same command with --resume",
            _log.ToString().Trim());
    }

    [Fact]
    public void ForReadsResumeAndOutFromTheRunConfig()
    {
        using var model = nn.Linear(2, 1);
        var checkpoint = new Checkpoint().Add("model", model);
        using var checkpointer = Checkpointer.For("gcn", new TinyConfig { Out = _folder, Resume = true }, checkpoint, every: 10);
        Assert.Equal(PathOf("last.safetensors"), checkpointer.Path);
        Assert.Equal(10, checkpointer.Every);
        Assert.Throws<FileNotFoundException>(() => checkpointer.Start());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpointer(checkpoint, PathOf("x.safetensors"), every: -1, resume: false));
    }
}
