using System.Diagnostics;
using Papers.Shared.Repro;
using Papers.Testing;

namespace Papers.Shared.Tests;

/// <summary>
/// The sweep layer on a real Slurm (tier Slurm, opt-in: it installs slurm-wlm and munge as root and takes minutes):
/// <c>scripts/slurm-sweep-test.sh</c> starts a one-node cluster here, runs GCN's Table 2 seeds and a small Q-Prop grid
/// as job arrays with one task of each killed mid-run and requeued, and compares the merged tables with the local
/// backend's and with single-process runs.
/// </summary>
public sealed class SlurmSweepTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    [Fact, Trait("Tier", "Slurm")]
    public void SlurmSweepsResumeAKilledTaskAndMergeToTheTablesOfLocalRuns()
    {
        var root = RepoRoot.Require(AppContext.BaseDirectory);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "slurm-sweep-test.sh"));
        var script = PaperRun.Run(start, Timeout);
        var transcript = script.Output + script.Error;
        Assert.True(script.ExitCode == 0, transcript);
        Assert.Contains("task 0 resumed", transcript);
        Assert.Contains("task 1 resumed", transcript);
        Assert.DoesNotContain("DIFFERENT", transcript);
        Assert.Contains("[slurm-test] passed", transcript);
    }
}
