namespace Papers.Shared.Tests;

using Papers.Shared.Progress;

public class ProgressTests
{
    /// <summary>A clock that moves only when told, so elapsed time, throughput and ETA are exact.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static (ProgressReporter Progress, StringWriter Output, ManualTime Time) Plain(long total, long everySteps, TimeSpan every, long initialStep = 0)
    {
        var output = new StringWriter { NewLine = "\n" };
        var time = new ManualTime();
        var options = new ProgressOptions { Mode = ProgressMode.Plain, EverySteps = everySteps, Every = every, Output = output, Time = time, InitialStep = initialStep };
        return (Progress.Start("train", total, options), output, time);
    }

    [Fact]
    public void PlainModePrintsEveryNStepsWithLossThroughputAndEta()
    {
        var (progress, output, time) = Plain(total: 100, everySteps: 25, every: TimeSpan.FromHours(1));
        using (progress)
        {
            for (var step = 1; step <= 100; step++)
            {
                time.Advance(TimeSpan.FromSeconds(0.2));   // 5 steps per second
                progress.Report(step, 1.0 / step);
            }
        }
        // At step 25: 5 s elapsed, 75 steps left at 5 steps/s = 15 s. Loss 1/75 = 0.01333 to four significant digits.
        Assert.Equal(
            "train  25/100 (25%)  loss 0.04  5.0 steps/s  elapsed 0:05  ETA 0:15\n" +
            "train  50/100 (50%)  loss 0.02  5.0 steps/s  elapsed 0:10  ETA 0:10\n" +
            "train  75/100 (75%)  loss 0.01333  5.0 steps/s  elapsed 0:15  ETA 0:05\n" +
            "train  100/100 (100%)  loss 0.01  5.0 steps/s  elapsed 0:20  ETA 0:00\n",
            output.ToString());
    }

    [Fact]
    public void PlainModeAlsoPrintsWhenTheIntervalHasPassed()
    {
        var (progress, output, time) = Plain(total: 1000, everySteps: 1000, every: TimeSpan.FromSeconds(1));
        using (progress)
        {
            for (var step = 1; step <= 9; step++)
            {
                time.Advance(TimeSpan.FromSeconds(0.3));
                progress.Report(step, metrics: ("acc", 0.5 + step / 100.0));
            }
        }
        // 0.3 s per step: a second has passed at steps 4 (1.2 s) and 8 (1.2 s after step 4); step 9 is printed on disposal.
        Assert.Equal(
            "train  4/1000 (0%)  acc 0.54  3.3 steps/s  elapsed 0:01  ETA 4:59\n" +
            "train  8/1000 (0%)  acc 0.58  3.3 steps/s  elapsed 0:02  ETA 4:58\n" +
            "train  9/1000 (0%)  acc 0.59  3.3 steps/s  elapsed 0:03  ETA 4:57\n",
            output.ToString());
    }

    [Fact]
    public void AResumedLoopCountsThroughputFromItsInitialStep()
    {
        var (progress, output, time) = Plain(total: 7200, everySteps: 100, every: TimeSpan.FromHours(1), initialStep: 3600);
        using (progress)
        {
            time.Advance(TimeSpan.FromSeconds(100));
            progress.Report(3700, 2.5);
        }
        // 100 steps in 100 s since step 3600: 3500 steps left take 58:20; past an hour the clock shows hours.
        Assert.Equal("train  3700/7200 (51%)  loss 2.5  1.0 steps/s  elapsed 1:40  ETA 58:20\n", output.ToString());
        Assert.Equal("1:00:01", ProgressStateClock(TimeSpan.FromSeconds(3600.6)));
    }

    /// <summary>A loop over whole runs, one run per 260 s: "260 s/step", not a rate that rounds to "0.0 steps/s".</summary>
    [Fact]
    public void ASlowLoopShowsSecondsPerStep()
    {
        var (progress, output, time) = Plain(total: 3, everySteps: 1, every: TimeSpan.FromHours(1));
        using (progress)
        {
            time.Advance(TimeSpan.FromSeconds(260));
            progress.Report(1, metrics: ("test accuracy %", 85.51));
            time.Advance(TimeSpan.FromSeconds(2.5));
            progress.Report(2);
        }
        Assert.Equal(
            "train  1/3 (33%)  test accuracy % 85.51  260 s/step  elapsed 4:20  ETA 8:40\n" +
            "train  2/3 (66%)  131 s/step  elapsed 4:23  ETA 2:11\n",
            output.ToString());
    }

    [Fact]
    public void StepsOutsideTheLoopAndReportsAfterDisposalAreErrors()
    {
        var (progress, _, _) = Plain(total: 10, everySteps: 1, every: TimeSpan.FromHours(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => progress.Report(11));
        Assert.Throws<ArgumentOutOfRangeException>(() => progress.Report(-1));
        progress.Dispose();
        Assert.Throws<ObjectDisposedException>(() => progress.Report(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Progress.Start("train", 0));
    }

    private static string ProgressStateClock(TimeSpan time)
    {
        var (progress, output, clock) = Plain(total: 2, everySteps: 1, every: TimeSpan.FromHours(2));
        clock.Advance(time);
        progress.Report(1);
        progress.Dispose();
        return output.ToString().Split("elapsed ")[1].Split(' ')[0];
    }
}
