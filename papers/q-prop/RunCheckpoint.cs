using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.QProp;

/// <summary>
/// One run's checkpoint (checkpoints/&lt;task&gt;-&lt;algorithm&gt;-seed&lt;n&gt;.safetensors) and its curve so far
/// beside it, written before every checkpoint save so that a resumed run has every iteration it restarts after, and
/// the wall-clock seconds the run has taken in all its processes so far (<see cref="RunClock"/>).
/// </summary>
public sealed class RunCheckpoint : IDisposable
{
    private readonly Checkpointer _checkpointer;
    private readonly string _curvePath;
    private readonly RunClock _clock;

    private RunCheckpoint(Checkpointer checkpointer, Checkpoint checkpoint, string curvePath, long start, (long, long) totals)
    {
        (_checkpointer, _curvePath, Start, Totals) = (checkpointer, curvePath, (int)start, totals);
        _clock = new RunClock(checkpoint, resumed: start > 0);
    }

    /// <summary>The iteration to continue from (0 for a fresh run).</summary>
    public int Start { get; }

    /// <summary>Steps and episodes sampled before <see cref="Start"/>.</summary>
    public (long Steps, long Episodes) Totals { get; }

    /// <summary>Wall-clock seconds of the run so far: the processes before a resume (as of its checkpoint) and this one.</summary>
    public double Seconds => _clock.Seconds;

    /// <summary>Restores the run's state when --resume finds its checkpoint, and its curve into <paramref name="curve"/>.</summary>
    public static RunCheckpoint Open(QPropConfig config, string environment, string algorithm, int seed, Checkpoint checkpoint, List<QPropIteration> curve)
    {
        var name = $"{environment}-{algorithm}-seed{seed}";
        var path = Checkpointer.DefaultPath("q-prop", config, name);
        var curvePath = Path.ChangeExtension(path, ".curve.csv");
        var checkpointer = new Checkpointer(checkpoint, path, config.CheckpointEvery, resume: config.Resume && File.Exists(path));
        var start = checkpointer.Start();
        if (start > 0) curve.AddRange(Csv.Read<QPropIteration>(curvePath).Where(i => i.Iteration < start));
        var totals = curve.Count > 0 ? (curve[^1].Steps, curve[^1].Episodes) : (0L, 0L);
        return new RunCheckpoint(checkpointer, checkpoint, curvePath, start, totals);
    }

    /// <summary>After iteration <paramref name="iterations"/> − 1: the curve file, then the checkpoint when due.</summary>
    public void Completed(int iterations, IReadOnlyList<QPropIteration> curve)
    {
        Csv.Write(_curvePath, curve);
        _checkpointer.Completed(iterations);
    }

    public void Dispose()
    {
        _clock.Dispose();
        _checkpointer.Dispose();
    }
}
