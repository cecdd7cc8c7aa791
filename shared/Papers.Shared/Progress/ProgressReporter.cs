using System.Globalization;

namespace Papers.Shared.Progress;

/// <summary>
/// Receives a loop's progress; <see cref="Report"/> takes the number of steps completed so far (1 after the
/// first step, the total after the last). Dispose it when the loop ends, early stopping included.
/// </summary>
public abstract class ProgressReporter : IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly long _initialStep;
    private bool _disposed;

    private protected ProgressReporter(string name, long totalSteps, ProgressOptions options)
    {
        if (options.InitialStep < 0 || options.InitialStep > totalSteps)
            throw new ArgumentOutOfRangeException(nameof(options), options.InitialStep, $"the initial step must be within 0..{totalSteps}");
        Name = name;
        TotalSteps = totalSteps;
        _time = options.Time;
        _start = _time.GetTimestamp();
        _initialStep = options.InitialStep;
    }

    public string Name { get; }

    public long TotalSteps { get; }

    /// <summary>Reports that <paramref name="step"/> steps are done, with the latest loss and any further named values.</summary>
    public void Report(long step, double? loss = null, params (string Name, double Value)[] metrics)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (step < _initialStep || step > TotalSteps)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"{Name}: steps run from {_initialStep} to {TotalSteps}");
        var elapsed = _time.GetElapsedTime(_start);
        var rate = elapsed > TimeSpan.Zero ? (step - _initialStep) / elapsed.TotalSeconds : 0;
        TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((TotalSteps - step) / rate) : null;
        Show(new ProgressState(step, TotalSteps, loss, metrics, elapsed, rate, eta));
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Complete();
        GC.SuppressFinalize(this);
    }

    private protected abstract void Show(ProgressState state);

    private protected abstract void Complete();
}

/// <summary>One report with its derived throughput (steps per second) and estimated time left.</summary>
internal sealed record ProgressState(
    long Step, long Total, double? Loss, IReadOnlyList<(string Name, double Value)> Metrics, TimeSpan Elapsed, double Rate, TimeSpan? Eta)
{
    /// <summary>"loss 0.04  acc 0.8125": four significant digits, enough to see a trend on a slide.</summary>
    public string Values()
    {
        var values = (Loss is { } loss ? [("loss", loss)] : Array.Empty<(string, double)>()).Concat(Metrics);
        return string.Join("  ", values.Select(v => $"{v.Item1} {v.Item2.ToString("G4", CultureInfo.InvariantCulture)}"));
    }

    /// <summary>Steps per second, or seconds per step where a step takes over a second (a loop over whole runs).</summary>
    public string Throughput() => Rate is > 0 and < 1
        ? $"{(1 / Rate).ToString(1 / Rate >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture)} s/step"
        : $"{Rate.ToString(Rate >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture)} steps/s";

    /// <summary>m:ss, or h:mm:ss past an hour, to the nearest second.</summary>
    public static string Clock(TimeSpan? time)
    {
        if (time is not { } t) return "?";
        var seconds = (long)Math.Round(t.TotalSeconds, MidpointRounding.AwayFromZero);
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }
}
