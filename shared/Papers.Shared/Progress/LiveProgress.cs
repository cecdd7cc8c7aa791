using Spectre.Console;

namespace Papers.Shared.Progress;

/// <summary>
/// A Spectre.Console progress bar. Spectre's display owns the thread that runs it, so it runs on a background
/// task until disposal while <see cref="ProgressReporter.Report"/> updates its task from the training loop.
/// </summary>
internal sealed class LiveProgress : ProgressReporter
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProgressTask> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _display;

    public LiveProgress(string name, long totalSteps, ProgressOptions options)
        : base(name, totalSteps, options)
    {
        _display = Task.Run(() => AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: totalSteps);
                task.Value = options.InitialStep;
                _started.SetResult(task);
                await _finished.Task;
                context.Refresh();
            }));
        // Surfaces a display that failed to start (no terminal after all) here rather than at the first report.
        Task.WaitAny(_started.Task, _display);
        if (_display.IsFaulted) _display.GetAwaiter().GetResult();
    }

    private protected override void Show(ProgressState state)
    {
        var task = _started.Task.Result;
        task.Value = state.Step;
        var values = state.Values();
        task.Description = Markup.Escape($"{Name}  {state.Step}/{state.Total}  {(values.Length > 0 ? values + "  " : "")}{state.Throughput()}");
    }

    private protected override void Complete()
    {
        _finished.TrySetResult();
        _display.GetAwaiter().GetResult();
    }
}
