using Papers.Shared.Tests.Trainer;
using static Papers.Torch.torch;

namespace Papers.Shared.Tests;

using Papers.Shared.Repro;

/// <summary>
/// The tiny run's weights depend on every piece of state a checkpoint restores, so the bit-identity tests
/// (in-process in <see cref="CheckpointTests"/>, across a killed process in <see cref="KilledProcessTests"/>)
/// fail when any one of them is not restored.
/// </summary>
[Collection("Serial")]
public sealed class ExactResumeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("default generator")]
    [InlineData("order generator")]
    [InlineData("optimizer")]
    [InlineData("scheduler")]
    public void LosingAnyRestoredStateChangesTheWeights(string lost)
    {
        var path = Path.Combine(_folder, "last.safetensors");
        Repro.SetThreads(1);
        Repro.Seed(0);
        using var original = new TinyRun();
        CheckpointTests.Train(original, 10);
        original.Checkpoint.Save(path);
        var expected = CheckpointTests.Train(original, 10);

        Repro.Seed(0);
        using var resumed = new TinyRun();
        using var freshOptimizer = resumed.Optimizer.state_dict();
        using var freshScheduler = resumed.Scheduler.state_dict();
        resumed.Checkpoint.Load(path);
        switch (lost)
        {
            case "default generator": Repro.Seed(0); break;
            case "order generator": resumed.Order.manual_seed(7); break;
            case "optimizer": resumed.Optimizer.load_state_dict(freshOptimizer); break;
            case "scheduler": resumed.Scheduler.load_state_dict(freshScheduler); break;
        }
        Assert.NotEqual(expected, CheckpointTests.Train(resumed, 10));
    }
}
