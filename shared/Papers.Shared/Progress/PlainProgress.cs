namespace Papers.Shared.Progress;

/// <summary>Periodic lines for logs: <c>train  25/100 (25%)  loss 0.04  5.0 steps/s  elapsed 0:05  ETA 0:15</c>.</summary>
internal sealed class PlainProgress : ProgressReporter
{
    private readonly TextWriter _output;
    private readonly long _everySteps;
    private readonly TimeSpan _every;
    private readonly TimeProvider _time;
    private long _lastPrintedStep;
    private long _lastPrintedAt;
    private ProgressState? _unprinted;

    public PlainProgress(string name, long totalSteps, ProgressOptions options, TextWriter output)
        : base(name, totalSteps, options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.EverySteps);
        _output = output;
        _everySteps = options.EverySteps > 0 ? options.EverySteps : Math.Max(1, totalSteps / 10);
        _every = options.Every;
        _time = options.Time;
        _lastPrintedStep = options.InitialStep;
        _lastPrintedAt = _time.GetTimestamp();
    }

    private protected override void Show(ProgressState state)
    {
        var due = state.Step - _lastPrintedStep >= _everySteps || state.Step == state.Total || _time.GetElapsedTime(_lastPrintedAt) >= _every;
        if (!due)
        {
            _unprinted = state;
            return;
        }
        Print(state);
    }

    /// <summary>A loop that stopped early still leaves its last state in the log.</summary>
    private protected override void Complete()
    {
        if (_unprinted is { } state) Print(state);
        _output.Flush();
    }

    private void Print(ProgressState state)
    {
        var percent = 100 * state.Step / state.Total;
        var values = state.Values();
        _output.WriteLine($"{Name}  {state.Step}/{state.Total} ({percent}%)  {(values.Length > 0 ? values + "  " : "")}" +
                          $"{state.Throughput()}  elapsed {ProgressState.Clock(state.Elapsed)}  ETA {ProgressState.Clock(state.Eta)}");
        _lastPrintedStep = state.Step;
        _lastPrintedAt = _time.GetTimestamp();
        _unprinted = null;
    }
}
