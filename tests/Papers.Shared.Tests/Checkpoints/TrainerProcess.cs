using System.Collections.Concurrent;
using System.Diagnostics;
using Papers.Shared.Tests.Trainer;

namespace Papers.Shared.Tests;

/// <summary>
/// The tiny trainer (Papers.Shared.Tests.Trainer) in a child process, with one BLAS and OpenMP thread, its standard
/// output read line by line. Every wait is bounded by <see cref="Timeout"/>; disposing kills a child still running.
/// </summary>
internal sealed class TrainerProcess : IDisposable
{
    /// <summary>Generous: a child starts in about a second, but the machine may be busy with other builds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _transcript = new();

    private TrainerProcess(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        start.Environment["OMP_NUM_THREADS"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
                return;
            }
            _transcript.Enqueue(e.Data);
            _lines.Add(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) _transcript.Enqueue("stderr: " + e.Data);
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// <c>dotnet Papers.Shared.Tests.Trainer.dll args</c>; with <paramref name="fileSizeLimitKiB"/>, under bash's
    /// <c>ulimit -f</c>, so that a write past the limit kills the child with SIGXFSZ where it stands. The runtime's
    /// W^X double mapping sizes a memory file and would trip the limit at startup, so it is turned off there. With
    /// <paramref name="sigIntIgnored"/>, the child starts with SIGINT ignored, as a script's background job does.
    /// </summary>
    public static TrainerProcess Start(IEnumerable<string> args, int? fileSizeLimitKiB = null, bool sigIntIgnored = false)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var wrapped = fileSizeLimitKiB is not null || sigIntIgnored;
        var start = new ProcessStartInfo(wrapped ? "bash" : dotnet);
        if (wrapped)
        {
            var setup = new List<string>();
            if (fileSizeLimitKiB is { } limit)
            {
                setup.Add($"ulimit -f {limit}");
                start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
            }
            if (sigIntIgnored) setup.Add("trap '' INT");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"{string.Join(" && ", setup)} && exec \"$0\" \"$@\"");
            start.ArgumentList.Add(dotnet);
        }
        start.ArgumentList.Add(typeof(TinyRun).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new TrainerProcess(start);
    }

    /// <summary>Everything the child printed so far, standard error marked, for assertion messages.</summary>
    public string Transcript => string.Join("\n", _transcript);

    /// <summary>Waits for a line of standard output that satisfies <paramref name="match"/>, and returns it.</summary>
    public string WaitForLine(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) throw new TimeoutException($"no awaited line within {Timeout}; the trainer printed:\n{Transcript}");
            if (_lines.TryTake(out var line, remaining))
            {
                if (match(line)) return line;
            }
            else if (_lines.IsCompleted)
            {
                throw new InvalidOperationException($"the trainer exited without printing the awaited line; it printed:\n{Transcript}");
            }
        }
    }

    /// <summary>Waits for the child to exit, and for its output to be read to the end; returns its exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(Timeout)) throw new TimeoutException($"the trainer ran past {Timeout}; it printed:\n{Transcript}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the child ends where it stands, with no chance to save.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Sends a signal (INT, TERM) with kill(1), as a terminal or a job scheduler would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, _process.Id.ToString()]) { UseShellExecute = false })!;
        if (!kill.WaitForExit(Timeout)) throw new TimeoutException($"kill -{name} did not return within {Timeout}");
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{name} {_process.Id} failed with exit code {kill.ExitCode}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(Timeout);
        }
        finally
        {
            _process.Dispose();
            _lines.Dispose();
        }
    }
}
