using System.Diagnostics;
using System.Text.Json;
using Papers.Shared.Repro;
using Papers.Torch.Benchmarks;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Tests;

/// <summary>
/// The benchmarks set our step beside a PyTorch twin (scripts/bench/workloads); the comparison means something only
/// if the twin computes what our code computes. From the same prepared inputs and seed, on one thread, the two must
/// give the same losses over their first steps: both call the same libtorch 1.13 kernels, so the expected difference
/// is none, and the tolerance only allows for a different order of float sums.
/// </summary>
public sealed class PyTorchTwinTests
{
    private const int Steps = 5;

    [Theory]
    [InlineData("mlp")]
    [InlineData("tiny-op")]
    public void TheTwinComputesOurLosses(string name) => AssertTwinMatches(name);

    /// <summary>A paper's step, with dropout: the twin draws the same masks from the same seed.</summary>
    [DataFact("planetoid/ind.cora.graph")]
    public void TheGcnTwinComputesOurLosses() => AssertTwinMatches("gcn-epoch");

    private static void AssertTwinMatches(string name)
    {
        var folder = Directory.CreateTempSubdirectory("papers-twin-").FullName;
        try
        {
            var workload = Workload.Find(name);
            manual_seed(0);
            workload.Prepare(folder);

            set_num_threads(1);
            manual_seed(0);
            var step = workload.Build(folder);
            var ours = Enumerable.Range(0, Steps).Select(_ => step()).ToArray();

            var theirs = PyTorchLosses(name, folder);
            AssertClose.Equal(ours, theirs, abs: 0, rel: 1e-6);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The losses of the twin's first <see cref="Steps"/> steps, run as scripts/bench/run runs it.</summary>
    private static double[] PyTorchLosses(string name, string folder)
    {
        var python = Environment.GetEnvironmentVariable("PAPERS_PYTHON") ?? "/usr/bin/python3";
        var worker = Path.Combine(RepoRoot.Require(), "scripts", "bench", "worker.py");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { worker, name, folder, "--threads", "1", "--warmup", Steps.ToString(), "--steps", "0" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0,
            $"{python} {worker} {name} exited with {process.ExitCode} (PyTorch comes from Debian's python3-torch, which scripts/setup.sh installs; " +
            $"PAPERS_PYTHON names another interpreter):\n{stderr}");
        using var json = JsonDocument.Parse(stdout.Result.Trim().Split('\n')[^1]);
        return json.RootElement.GetProperty("losses").EnumerateArray().Select(l => l.GetDouble()).ToArray();
    }
}
