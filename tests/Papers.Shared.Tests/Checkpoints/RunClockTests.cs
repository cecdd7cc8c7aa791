using Papers.Shared.Checkpoints;

namespace Papers.Shared.Tests;

public sealed class RunClockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-run-clock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CheckpointPath => Path.Combine(_folder, "run.safetensors");

    /// <summary>A resumed run's times continue from what its checkpoint's last save recorded.</summary>
    [Fact]
    public void AResumedRunsTimesContinueFromItsCheckpoint()
    {
        var first = new Checkpoint();
        var stepSeconds = 40.5;
        using (var clock = new RunClock(first, resumed: false, () => stepSeconds))
        {
            first.Save(CheckpointPath);
            Assert.InRange((double)first.Extras[RunClock.SecondsExtra], 0, clock.Seconds);
            Assert.Equal(40.5, (double)first.Extras[RunClock.StepSecondsExtra]);
        }
        first.Extras[RunClock.SecondsExtra] = 100.25;                           // as if the first process had run 100 s
        first.Save(CheckpointPath);                                             // the disposed clock no longer overwrites it

        var second = new Checkpoint();
        second.Load(CheckpointPath);
        stepSeconds = 2.25;
        using var resumed = new RunClock(second, resumed: true, () => stepSeconds);
        Assert.True(resumed.Seconds >= 100.25, $"{resumed.Seconds} s: the first process's 100.25 s are lost");
        Assert.Equal(42.75, resumed.StepSeconds);
        second.Save(CheckpointPath);
        var third = new Checkpoint();
        third.Load(CheckpointPath);
        Assert.Equal(42.75, (double)third.Extras[RunClock.StepSecondsExtra]);
        Assert.True((double)third.Extras[RunClock.SecondsExtra] >= 100.25);
    }

    /// <summary>
    /// Every save carries the times as they are at that save, so a stop's save between two scheduled ones (Ctrl+C)
    /// has the seconds up to the stop, not those of the last scheduled save.
    /// </summary>
    [Fact]
    public void EverySaveCarriesTheTimesOfThatMoment()
    {
        var checkpoint = new Checkpoint();
        var stepSeconds = 1.0;
        using var clock = new RunClock(checkpoint, resumed: false, () => stepSeconds);
        checkpoint.Save(CheckpointPath);
        var atFirst = (double)checkpoint.Extras[RunClock.SecondsExtra];
        stepSeconds = 7.5;
        Thread.Sleep(20);
        checkpoint.Save(CheckpointPath);
        var saved = new Checkpoint();
        saved.Load(CheckpointPath);
        Assert.Equal(7.5, (double)saved.Extras[RunClock.StepSecondsExtra]);
        Assert.True((double)saved.Extras[RunClock.SecondsExtra] >= atFirst + 0.015,
            $"{saved.Extras[RunClock.SecondsExtra]} s at the second save, {atFirst} s at the first, 20 ms before");
    }

    /// <summary>A fresh run ignores a checkpoint's times (DIRT-T starts from VADA's weights and extras); a loop that does not time its steps saves the wall clock only.</summary>
    [Fact]
    public void AFreshRunStartsAtZeroAndSavesOnlyWhatItTimes()
    {
        var checkpoint = new Checkpoint();
        checkpoint.Extras[RunClock.SecondsExtra] = 500.0;
        checkpoint.Extras[RunClock.StepSecondsExtra] = 300.0;
        using var clock = new RunClock(checkpoint, resumed: false);
        Assert.True(clock.Seconds < 500, $"{clock.Seconds} s: the checkpoint's 500 s were counted");
        Assert.Equal(0, clock.StepSeconds);
        checkpoint.Extras.Remove(RunClock.StepSecondsExtra);
        checkpoint.Save(CheckpointPath);
        Assert.True((double)checkpoint.Extras[RunClock.SecondsExtra] < 500);
        Assert.False(checkpoint.Extras.ContainsKey(RunClock.StepSecondsExtra));
    }
}
