using System.Diagnostics;

namespace Papers.Shared.Checkpoints;

/// <summary>
/// The time a checkpointed run has taken in all its processes: wall-clock seconds, and the seconds its loop spent in
/// training steps (evaluations left out), each what the checkpoint it resumed from recorded plus this process's.
/// Every save of the checkpoint (<see cref="Checkpoint.Saving"/>) carries both as extras, a stop's save between two
/// scheduled ones included, until the clock is disposed.
/// <code>
/// var start = checkpointer.Start();
/// using var clock = new RunClock(checkpoint, resumed: start > 0, () => stepSeconds);
/// for (...) { stepSeconds += TimedStep(); checkpointer.Completed(step + 1); }
/// </code>
/// </summary>
public sealed class RunClock : IDisposable
{
    /// <summary>The checkpoint's extras: wall-clock seconds, and seconds in training steps.</summary>
    public const string SecondsExtra = "seconds", StepSecondsExtra = "step_seconds";

    private readonly Checkpoint _checkpoint;
    private readonly Func<double>? _stepSecondsThisProcess;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _earlierSeconds, _earlierStepSeconds;

    /// <param name="checkpoint">The run's checkpoint, restored already when the run resumed.</param>
    /// <param name="resumed">Whether the run continues from <paramref name="checkpoint"/>; a fresh run's earlier time is 0.</param>
    /// <param name="stepSecondsThisProcess">This process's seconds in training steps so far, when the loop times them;
    /// without it the saves carry the wall clock only.</param>
    public RunClock(Checkpoint checkpoint, bool resumed, Func<double>? stepSecondsThisProcess = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        (_checkpoint, _stepSecondsThisProcess) = (checkpoint, stepSecondsThisProcess);
        double Earlier(string key) => resumed && checkpoint.Extras.TryGetValue(key, out var value) ? Convert.ToDouble(value) : 0;
        (_earlierSeconds, _earlierStepSeconds) = (Earlier(SecondsExtra), Earlier(StepSecondsExtra));
        checkpoint.Saving += Record;
    }

    /// <summary>Wall-clock seconds of the run so far, in all its processes.</summary>
    public double Seconds => _earlierSeconds + _clock.Elapsed.TotalSeconds;

    /// <summary>Seconds in training steps so far in all the run's processes (0 in this process when the loop does not time them).</summary>
    public double StepSeconds => _earlierStepSeconds + (_stepSecondsThisProcess?.Invoke() ?? 0);

    /// <summary>Stops writing into the checkpoint's saves.</summary>
    public void Dispose() => _checkpoint.Saving -= Record;

    private void Record()
    {
        _checkpoint.Extras[SecondsExtra] = Seconds;
        if (_stepSecondsThisProcess is not null) _checkpoint.Extras[StepSecondsExtra] = StepSeconds;
    }
}
