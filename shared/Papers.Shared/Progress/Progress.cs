namespace Papers.Shared.Progress;

/// <summary>
/// Progress of a training loop: a live Spectre.Console bar (step, loss, throughput, ETA) on a terminal, plain
/// periodic lines when the output is redirected or <c>CI=true</c>, so logs stay readable.
/// <code>
/// using var progress = Progress.Start("train", config.Epochs);
/// for (var epoch = 1; epoch &lt;= config.Epochs; epoch++) progress.Report(epoch, TrainEpoch(...));
/// </code>
/// </summary>
public static class Progress
{
    /// <summary>Starts reporting a loop of <paramref name="totalSteps"/> steps.</summary>
    public static ProgressReporter Start(string name, long totalSteps, ProgressOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        options ??= new ProgressOptions();
        var mode = options.Mode == ProgressMode.Auto ? DefaultMode : options.Mode;
        return mode == ProgressMode.Live
            ? new LiveProgress(name, totalSteps, options)
            : new PlainProgress(name, totalSteps, options, options.Output ?? Console.Out);
    }

    /// <summary>Live on an interactive terminal; plain when stdout is redirected or the CI variable is "true".</summary>
    public static ProgressMode DefaultMode =>
        Console.IsOutputRedirected || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? ProgressMode.Plain
            : ProgressMode.Live;
}

public enum ProgressMode
{
    /// <summary><see cref="Progress.DefaultMode"/>.</summary>
    Auto,

    /// <summary>A Spectre.Console progress bar redrawn in place.</summary>
    Live,

    /// <summary>One line every <see cref="ProgressOptions.EverySteps"/> steps or <see cref="ProgressOptions.Every"/>, whichever comes first.</summary>
    Plain,
}

public sealed record ProgressOptions
{
    public ProgressMode Mode { get; init; } = ProgressMode.Auto;

    /// <summary>Plain mode prints after this many steps; 0 means a tenth of the total.</summary>
    public long EverySteps { get; init; }

    /// <summary>Plain mode also prints when this much time has passed since its last line.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The step the loop starts from (a resumed run): throughput and ETA count from here.</summary>
    public long InitialStep { get; init; }

    /// <summary>Where plain lines go; the console when null.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>The clock for elapsed time, throughput and ETA (a manual one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
