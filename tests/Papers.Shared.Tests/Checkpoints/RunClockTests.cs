using Papers.Shared.Checkpoints;

namespace Papers.Shared.Tests;

public sealed class RunClockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-run-clock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A resumed run's times continue from what its checkpoint recorded, through a save and a load.</summary>
    [Fact]
    public void AResumedRunsTimesContinueFromItsCheckpoint()
    {
        var first = new Checkpoint();
        var clock = new RunClock(first, resumed: false);
        clock.Record(40.5);
        var recorded = (double)first.Extras[RunClock.SecondsExtra];
        Assert.InRange(recorded, 0, clock.Seconds);
        Assert.Equal(40.5, (double)first.Extras[RunClock.StepSecondsExtra]);
        first.Extras[RunClock.SecondsExtra] = 100.25;                           // as if the first process had run 100 s
        var path = Path.Combine(_folder, "run.safetensors");
        first.Save(path);

        var second = new Checkpoint();
        second.Load(path);
        var resumed = new RunClock(second, resumed: true);
        Assert.True(resumed.Seconds >= 100.25, $"{resumed.Seconds} s: the first process's 100.25 s are lost");
        Assert.Equal(42.75, resumed.StepSeconds(2.25));
        resumed.Record(2.25);
        Assert.Equal(42.75, (double)second.Extras[RunClock.StepSecondsExtra]);
        Assert.True((double)second.Extras[RunClock.SecondsExtra] >= 100.25);
    }

    /// <summary>A fresh run ignores a checkpoint's times (DIRT-T starts from VADA's weights and extras); without step times Record writes the wall clock only.</summary>
    [Fact]
    public void AFreshRunStartsAtZeroAndRecordsOnlyWhatItTimes()
    {
        var checkpoint = new Checkpoint();
        checkpoint.Extras[RunClock.SecondsExtra] = 500.0;
        checkpoint.Extras[RunClock.StepSecondsExtra] = 300.0;
        var clock = new RunClock(checkpoint, resumed: false);
        Assert.True(clock.Seconds < 500, $"{clock.Seconds} s: the checkpoint's 500 s were counted");
        Assert.Equal(1.5, clock.StepSeconds(1.5));
        checkpoint.Extras.Remove(RunClock.StepSecondsExtra);
        clock.Record();
        Assert.True((double)checkpoint.Extras[RunClock.SecondsExtra] < 500);
        Assert.False(checkpoint.Extras.ContainsKey(RunClock.StepSecondsExtra));
    }
}
