using System.Diagnostics;

namespace Papers.Shared.Checkpoints;

/// <summary>
/// The time a checkpointed run has taken in all its processes: wall-clock seconds, and the seconds its loop spent in
/// training steps (evaluations left out), each what the checkpoint it resumed from recorded plus this process's.
/// <see cref="Record"/> puts both in the checkpoint's extras, for the next save to carry.
/// <code>
/// var start = checkpointer.Start();
/// var clock = new RunClock(checkpoint, resumed: start > 0);
/// for (...) { stepSeconds += TimedStep(); clock.Record(stepSeconds); checkpointer.Completed(step + 1); }
/// </code>
/// </summary>
public sealed class RunClock
{
    /// <summary>The checkpoint's extras: wall-clock seconds, and seconds in training steps.</summary>
    public const string SecondsExtra = "seconds", StepSecondsExtra = "step_seconds";

    private readonly Checkpoint _checkpoint;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _earlierSeconds, _earlierStepSeconds;

    /// <param name="checkpoint">The run's checkpoint, restored already when the run resumed.</param>
    /// <param name="resumed">Whether the run continues from <paramref name="checkpoint"/>; a fresh run's earlier time is 0.</param>
    public RunClock(Checkpoint checkpoint, bool resumed)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _checkpoint = checkpoint;
        double Earlier(string key) => resumed && checkpoint.Extras.TryGetValue(key, out var value) ? Convert.ToDouble(value) : 0;
        (_earlierSeconds, _earlierStepSeconds) = (Earlier(SecondsExtra), Earlier(StepSecondsExtra));
    }

    /// <summary>Wall-clock seconds of the run so far, in all its processes.</summary>
    public double Seconds => _earlierSeconds + _clock.Elapsed.TotalSeconds;

    /// <summary>Seconds in training steps so far in all the run's processes, given this process's.</summary>
    public double StepSeconds(double thisProcess) => _earlierStepSeconds + thisProcess;

    /// <summary>
    /// Writes <see cref="Seconds"/> into the checkpoint's extras and, when the loop times its steps
    /// (<paramref name="stepSecondsThisProcess"/>: this process's seconds in them), <see cref="StepSeconds"/>.
    /// </summary>
    public void Record(double? stepSecondsThisProcess = null)
    {
        _checkpoint.Extras[SecondsExtra] = Seconds;
        if (stepSecondsThisProcess is { } steps) _checkpoint.Extras[StepSecondsExtra] = StepSeconds(steps);
    }
}
