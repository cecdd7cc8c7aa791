using System.Globalization;
using System.Text.RegularExpressions;
using Papers.Shared.Checkpoints;
using Papers.Shared.Tests.Trainer;
using static Papers.Torch.torch;

namespace Papers.Shared.Tests;

using Papers.Shared.Repro;

/// <summary>
/// The tiny trainer in child processes: killed with SIGKILL after its step-10 checkpoint and resumed, stopped with
/// SIGINT or SIGTERM, and killed halfway through a save. Linux only (signals, kill(1), bash's ulimit).
/// </summary>
[Collection("Serial")]
public sealed partial class KilledProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-killed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out(string run) => Path.Combine(_folder, run);

    private string CheckpointOf(string run) => Path.Combine(Out(run), "checkpoints", "last.safetensors");

    private string[] Args(string run, int steps = 20, int every = 10, params string[] more) =>
        ["--out", Out(run), "--steps", steps.ToString(CultureInfo.InvariantCulture), "--every", every.ToString(CultureInfo.InvariantCulture), "--threads", "1", .. more];

    private static string RunToEnd(IEnumerable<string> args)
    {
        using var trainer = TrainerProcess.Start(args);
        var exitCode = trainer.WaitForExit();
        Assert.True(exitCode == 0, $"the trainer exited with {exitCode}:\n{trainer.Transcript}");
        return trainer.Transcript;
    }

    /// <summary>"step N loss L" lines: the loss of every step, printed with all its digits.</summary>
    private static List<string> StepLines(string transcript) => transcript.Split('\n').Where(l => l.StartsWith("step ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void ARunKilledAfterItsCheckpointAndResumedEndsBitIdenticalToAStraightRun()
    {
        var straight = RunToEnd(Args("straight"));

        using (var killed = TrainerProcess.Start(Args("resumed", more: ["--step-delay-ms", "200"])))
        {
            // "step 12" is printed once step 12 is done: the child is now sleeping inside step 13, between backward and update.
            killed.WaitForLine(line => line.StartsWith("step 12 ", StringComparison.Ordinal));
            killed.Kill();
            Assert.Equal(128 + 9, killed.WaitForExit());
        }
        Assert.Equal("10", load_metadata(CheckpointOf("resumed"))["step"]);
        Assert.False(File.Exists(Path.Combine(Out("resumed"), "final.safetensors")));

        var resumed = RunToEnd(Args("resumed", more: "--resume"));
        Assert.Contains($"resuming at step 10 from {CheckpointOf("resumed")}", resumed);
        Assert.Equal(StepLines(straight)[10..], StepLines(resumed));

        using var scope = NewDisposeScope();
        var expected = load(Path.Combine(Out("straight"), "final.safetensors"), out var expectedMetadata);
        var actual = load(Path.Combine(Out("resumed"), "final.safetensors"), out var actualMetadata);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            var expectedBits = tensor.data<float>().Select(BitConverter.SingleToInt32Bits);
            var actualBits = actual[name].data<float>().Select(BitConverter.SingleToInt32Bits);
            Assert.True(expectedBits.SequenceEqual(actualBits), $"{name} differs after the resume");
        }
        Assert.Equal(expectedMetadata[TinyRun.BestLoss], actualMetadata[TinyRun.BestLoss]);
    }

    // A script's background job (`dotnet test a & dotnet test b & wait`, as on a busy CI machine) starts with SIGINT
    // ignored, and so did every trainer it started: the signal was lost, the run trained to step 1000 and then failed
    // to write final.safetensors (exit 134).
    [Theory]
    [InlineData("INT", "SIGINT (Ctrl+C)", Checkpointer.InterruptedExitCode, false)]
    [InlineData("INT", "SIGINT (Ctrl+C)", Checkpointer.InterruptedExitCode, true)]
    [InlineData("TERM", "SIGTERM", Checkpointer.TerminatedExitCode, false)]
    public void ASignalMidRunFinishesTheStepSavesAndExitsWithTheDocumentedCode(string signal, string reason, int exitCode, bool startedWithSigIntIgnored)
    {
        string transcript;
        using (var trainer = TrainerProcess.Start(Args("stopped", steps: 1000, every: 0, more: ["--step-delay-ms", "50"]), sigIntIgnored: startedWithSigIntIgnored))
        {
            trainer.WaitForLine(line => line.StartsWith("step 3 ", StringComparison.Ordinal));
            trainer.Signal(signal);
            var exited = trainer.WaitForExit();
            transcript = trainer.Transcript;
            Assert.True(exited == exitCode, $"the trainer exited with {exited}, not {exitCode}:\n{transcript}");
        }
        var stopped = StoppedLine().Match(transcript);
        Assert.True(stopped.Success, transcript);
        Assert.Equal(reason, stopped.Groups["reason"].Value);
        Assert.Equal(CheckpointOf("stopped"), stopped.Groups["path"].Value);
        var step = long.Parse(stopped.Groups["step"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(step, 4, 999);
        // The step under way when the signal came was finished and is the last one saved; no step began after it.
        Assert.StartsWith($"step {step - 1} ", StepLines(transcript)[^1]);

        Repro.SetThreads(1);
        Repro.Seed(0);
        using var run = new TinyRun();
        Assert.Equal(step, run.Checkpoint.Load(CheckpointOf("stopped")));
    }

    [Fact]
    public void AProcessDyingHalfwayThroughASaveLeavesThePreviousCheckpointIntact()
    {
        RunToEnd(Args("dying", steps: 10));
        var before = File.ReadAllBytes(CheckpointOf("dying"));
        Assert.True(before.Length > 12 * 1024, $"the checkpoint is {before.Length} bytes, not over the 8 KiB limit below");

        // Under an 8 KiB file size limit, the save after step 11 dies with SIGXFSZ once 8 KiB of the temporary are written.
        using (var dying = TrainerProcess.Start(Args("dying", every: 1, more: "--resume"), fileSizeLimitKiB: 8))
            Assert.Equal(128 + 25, dying.WaitForExit());
        Assert.Equal(before, File.ReadAllBytes(CheckpointOf("dying")));
        var temporary = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(CheckpointOf("dying"))!, ".last.safetensors.*.tmp"));
        Assert.Equal(8 * 1024, new FileInfo(temporary).Length);

        Assert.Contains("resuming at step 10", RunToEnd(Args("dying", more: "--resume")));
    }

    [GeneratedRegex(@"^stopped by (?<reason>.+) after step (?<step>\d+); checkpoint saved to (?<path>.+)\. To continue, run the same command with --resume$", RegexOptions.Multiline)]
    private static partial Regex StoppedLine();
}
