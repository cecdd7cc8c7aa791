using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Papers.Shared.Cli;
using Papers.Shared.Repro;

namespace Papers.Shared.Checkpoints;

/// <summary>
/// Checkpoints in a paper's training loop: a save every N steps; on Ctrl+C (SIGINT) or SIGTERM the current step
/// finishes, the state is saved and the process exits with a line saying how to resume; with --resume the loop
/// starts where the last checkpoint left it.
/// <code>
/// var checkpoint = new Checkpoint().Add(nameof(model), model).Add(nameof(optimizer), optimizer).Add("order", order);
/// using var checkpointer = Checkpointer.For("gcn", config, checkpoint, every: 50);
/// for (var step = checkpointer.Start(); step &lt; config.Steps; step++)
/// {
///     TrainStep(model, optimizer, order);
///     checkpointer.Completed(step + 1);         // saves every 50 steps; after Ctrl+C saves and exits
/// }
/// </code>
/// A second Ctrl+C stops at once, without saving; the previous checkpoint stays intact, since saves are atomic. A run
/// started with SIGINT ignored (a script's background job) stops on it all the same: <see cref="Cli.Cli.Apply"/>
/// undoes the inherited ignore.
/// </summary>
public sealed partial class Checkpointer : IDisposable
{
    /// <summary>The exit code after a stop on SIGINT (or <see cref="RequestStop"/>): 128 + 2, as shells report an interrupted command.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>The exit code after a stop on SIGTERM: 128 + 15.</summary>
    public const int TerminatedExitCode = 143;

    private readonly bool _resume;
    private readonly TextWriter _log;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Lock _gate = new();
    private StopRequest? _stop;
    private bool _disposed;

    /// <param name="checkpoint">What to save and restore.</param>
    /// <param name="path">The checkpoint file; each save replaces it.</param>
    /// <param name="every">Steps between saves; 0 saves only when stopped.</param>
    /// <param name="resume">Whether <see cref="Start"/> loads the checkpoint (--resume).</param>
    /// <param name="log">Where the resume and stop messages go; standard output by default.</param>
    public Checkpointer(Checkpoint checkpoint, string path, int every, bool resume, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (every < 0) throw new ArgumentOutOfRangeException(nameof(every), every, "checkpoints are saved every N ≥ 1 steps, or with 0 only when the run is stopped");
        Checkpoint = checkpoint;
        Path = System.IO.Path.GetFullPath(path);
        Every = every;
        _resume = resume;
        _log = log ?? Console.Out;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, "SIGINT (Ctrl+C)", InterruptedExitCode)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, "SIGTERM", TerminatedExitCode)),
        ];
    }

    /// <summary>
    /// A checkpointer at <see cref="DefaultPath"/> that resumes when <paramref name="config"/> says --resume.
    /// Runs of several seeds give each its own <paramref name="name"/> (<c>seed3</c>).
    /// </summary>
    public static Checkpointer For(string paper, RunConfig config, Checkpoint checkpoint, int every, string name = "last")
    {
        ArgumentNullException.ThrowIfNull(config);
        return new Checkpointer(checkpoint, DefaultPath(paper, config, name), every, config.Resume);
    }

    /// <summary>
    /// <c>checkpoints/&lt;name&gt;.safetensors</c> under --out when given, else under <c>artifacts/&lt;paper&gt;/</c> at the
    /// repository root, for full and quick runs alike: checkpoints never go into results/.
    /// </summary>
    public static string DefaultPath(string paper, RunConfig config, string name = "last")
    {
        ArgumentNullException.ThrowIfNull(config);
        if (paper is null || !PaperName().IsMatch(paper))
            throw new ArgumentException($"a paper's artifacts folder is its kebab-case folder name (gcn, cycle-gan), not '{paper}'", nameof(paper));
        if (name is null || !FileName().IsMatch(name))
            throw new ArgumentException($"a checkpoint's name is letters, digits, '_' and '-', not '{name}'", nameof(name));
        return System.IO.Path.Combine(Folder(paper, config), name + ".safetensors");
    }

    /// <summary>
    /// Where a paper's checkpoints live: <c>&lt;out&gt;/checkpoints</c> with --out, else
    /// <c>artifacts/&lt;paper&gt;/checkpoints</c> under the repository root; in a sweep's merge, the merged shards' logs.
    /// </summary>
    public static string Folder(string paper, RunConfig config) => config.MergedLog ??
        System.IO.Path.Combine(config.Out is { } output ? System.IO.Path.GetFullPath(output) : System.IO.Path.Combine(RepoRoot.Require(), "artifacts", paper), "checkpoints");

    public Checkpoint Checkpoint { get; }

    /// <summary>The checkpoint file, absolute.</summary>
    public string Path { get; }

    public int Every { get; }

    /// <summary>
    /// Whether <see cref="Completed"/> ends the process after saving on a stop (the default). Set false when the
    /// loop has more to do after an interruption (write the partial curves): <see cref="Completed"/> then returns
    /// false and the loop breaks.
    /// </summary>
    public bool ExitOnStop { get; set; } = true;

    /// <summary>True once a signal or <see cref="RequestStop"/> asked the loop to stop.</summary>
    public bool StopRequested => Volatile.Read(ref _stop) is not null;

    /// <summary>
    /// The step the loop starts from: with --resume the saved step, after restoring the whole checkpoint (a missing
    /// file is an error); otherwise 0, and an existing checkpoint is replaced at the first save.
    /// </summary>
    public long Start()
    {
        if (!_resume)
        {
            if (File.Exists(Path)) _log.WriteLine($"starting afresh: {Path} will be replaced at the first save (run with --resume to continue from it)");
            return 0;
        }
        if (!File.Exists(Path))
            throw new FileNotFoundException($"--resume: there is no checkpoint at {Path} to resume from; run without --resume to start afresh", Path);
        var step = Checkpoint.Load(Path);
        _log.WriteLine($"resuming at step {step} from {Path}");
        return step;
    }

    /// <summary>
    /// Call after each training step with the number of steps done. Saves every <see cref="Every"/> steps. After a
    /// stop request it saves, says how to resume, and exits the process (or returns false; see <see cref="ExitOnStop"/>).
    /// </summary>
    public bool Completed(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Checkpoint.Step = step;
        var stop = Volatile.Read(ref _stop);
        if (stop is not null || Every > 0 && step % Every == 0) Save();
        if (stop is null) return true;
        _log.WriteLine($"stopped by {stop.Reason} after step {step}; checkpoint saved to {Path}. To continue, run the same command with --resume");
        _log.Flush();
        if (ExitOnStop) Environment.Exit(stop.ExitCode);
        return false;
    }

    /// <summary>Saves now, at <see cref="Checkpoint"/>'s current step (after the loop, to keep the final state).</summary>
    public void Save() => Checkpoint.Save(Path);

    /// <summary>Stops as Ctrl+C does, from the loop itself (a wall-clock budget) or from another thread.</summary>
    public void RequestStop()
    {
        lock (_gate) _stop ??= new StopRequest("a stop request", InterruptedExitCode);
    }

    /// <summary>
    /// Runs on a thread of its own. The first signal waits for the step to end; a second one, or any signal once the
    /// checkpointer is disposed (its loop is over, nothing would honour the request), takes the default action and
    /// ends the process at once. .NET may hand a signal to a registration that is being disposed, hence the flag.
    /// </summary>
    private void OnSignal(PosixSignalContext context, string reason, int exitCode)
    {
        lock (_gate)
        {
            if (_disposed || _stop is not null) return;
            context.Cancel = true;
            // Said before the request is visible to the loop, so that this line always precedes "stopped by".
            _log.WriteLine($"{reason}: saving a checkpoint after this step, then exiting with {exitCode}; send it again to stop at once without saving");
            _stop = new StopRequest(reason, exitCode);
        }
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        foreach (var registration in _registrations) registration.Dispose();
    }

    private sealed record StopRequest(string Reason, int ExitCode);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex PaperName();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex FileName();
}
