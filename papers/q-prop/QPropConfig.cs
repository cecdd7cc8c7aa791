using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.QProp;

/// <summary>
/// Gu, Lillicrap, Ghahramani, Turner, Levine, "Q-Prop: Sample-Efficient Policy Gradient with an Off-Policy
/// Critic", ICLR 2017 (arXiv:1611.02247v3). Defaults are the values of the paper's §5 and Appendix, and where the
/// paper is silent the defaults of the authors' launcher (shaneshixiang/rllabplusplus, launcher_utils.py and
/// launcher_stub_utils.py). Override on the command line: <c>--environments Hopper --algorithms trpo --steps 500000</c>.
/// </summary>
public sealed record QPropConfig : GridConfig, IValidatable
{
    [Paper("Table 1"), Description("tasks: HalfCheetah, Hopper, Walker2d, Swimmer (Gym -v1)"), SweepAxis]
    public string[] Environments { get; init; } = ["HalfCheetah", "Hopper"];

    [Paper("§5, Table 1"), Description("algorithms: qprop-c (conservative), qprop-s (standard), qprop-a (aggressive), qprop-c-batch (one η per batch), trpo, vpg, ddpg"), SweepAxis]
    public string[] Algorithms { get; init; } = ["qprop-c", "trpo"];

    [Paper("deviation: the paper runs 30k episodes"), Description("environment steps per run (the sample budget)")]
    public long Steps { get; init; } = 300_000;

    [Paper("deviation: budget"), Description("runs per task and algorithm, seeded first-seed, ..., first-seed + n-1")]
    public override int Seeds { get; init; } = 2;

    [Paper("§5.1; launcher batch_size"), Description("on-policy steps per batch (whole episodes, at least this many)")]
    public int BatchSize { get; init; } = 5000;

    [Paper("Table 1: TRPO at its best batch size per task"),
     Description("TRPO's batch size per task, as Task=steps (e.g. HalfCheetah=25000); tasks not listed use --batch-size")]
    public string[] TrpoBatchSizes { get; init; } = [];

    [Paper("launcher discount"), Description("discount γ")]
    public double Gamma { get; init; } = 0.99;

    [Paper("launcher gae_lambda"), Description("GAE λ")]
    public double Lambda { get; init; } = 0.97;

    [Paper("§5; launcher step_size"), Description("TRPO's KL bound δ")]
    public double StepSize { get; init; } = 0.01;

    [Paper("Appendix; launcher_stub_utils get_policy"), Description("policy hidden layers (tanh; ReLU for DDPG's)")]
    public int[] PolicyHidden { get; init; } = [100, 50, 25];

    [Paper("Appendix; launcher qf_hid_size"), Description("critic hidden units, two ReLU layers")]
    public int CriticHidden { get; init; } = 100;

    [Paper("Appendix; launcher qf_learning_rate"), Description("critic Adam learning rate")]
    public double CriticLearningRate { get; init; } = 1e-3;

    [Paper("Appendix; launcher_stub_utils qf_batch_size"), Description("critic minibatch")]
    public int CriticBatch { get; init; } = 64;

    [Paper("Appendix; batch_polopt soft_target_tau"), Description("target-network Polyak rate τ")]
    public double Tau { get; init; } = 1e-3;

    [Paper("Appendix; launcher replay_pool_size"), Description("replay buffer capacity")]
    public int ReplaySize { get; init; } = 1_000_000;

    [Paper("launcher_stub_utils min_pool_size"), Description("transitions in the pool before the critic trains")]
    public int MinPoolSize { get; init; } = 1000;

    [Paper("Algorithm 1; launcher qf_updates_ratio"), Description("critic steps per on-policy sample")]
    public double CriticUpdatesPerSample { get; init; } = 1.0;

    [Paper("launcher learning_rate"), Description("Adam learning rate of VPG's policy and DDPG's actor")]
    public double LearningRate { get; init; } = 1e-3;

    [Paper("§5.1, DDPG-r0.1"), Description("DDPG's reward scale for the critic")]
    public double DdpgRewardScale { get; init; } = 0.1;

    [Description("how Q-Prop's critic trains: fused (managed kernels, FusedCritic.cs) or libtorch (one native call per op; the reference path, slower)")]
    public string CriticKernel { get; init; } = "fused";

    [Description("policy iterations between checkpoints of a run")]
    public int CheckpointEvery { get; init; } = 10;

    /// <summary>One thread: the networks are small, and two cores are shared by the runs.</summary>
    [Description("intra-op threads; the networks are small enough for one")]
    public override int Threads { get; init; } = 1;

    /// <summary>A few batches of every algorithm on HalfCheetah: seconds, for CI and live demos.</summary>
    public static QPropConfig Quick => new()
    {
        Environments = ["HalfCheetah"],
        Algorithms = ["qprop-c", "trpo"],
        Seeds = 1,
        Steps = 4000,
        BatchSize = 1000,
        CriticUpdatesPerSample = 0.25,
        MinPoolSize = 500,
    };

    public static readonly string[] AlgorithmNames = ["qprop-c", "qprop-s", "qprop-a", "qprop-c-batch", "trpo", "vpg", "ddpg"];

    /// <summary>On-policy steps per batch for an algorithm on a task: --trpo-batch-sizes for TRPO, else --batch-size.</summary>
    public int BatchSizeFor(string algorithm, string environment)
    {
        if (algorithm != "trpo") return BatchSize;
        foreach (var entry in TrpoBatchSizes)
        {
            var parts = entry.Split('=');
            if (parts.Length != 2 || !int.TryParse(parts[1], out var size) || size < 1)
                throw new ArgumentException($"--trpo-batch-sizes: '{entry}' is not Task=steps with a positive number of steps");
            if (parts[0] == environment) return size;
        }
        return BatchSize;
    }

    public void Validate()
    {
        if (Device != "cpu")
            throw new ArgumentException($"--device {Device}: Q-Prop runs on the CPU only (the MuJoCo tasks step on the CPU, and the policy, " +
                                        "critic and baseline are not moved to a GPU); use --device cpu");
        foreach (var e in Environments)
            if (!QProp.Environments.Names.Contains(e)) throw new ArgumentException($"--environments: unknown task '{e}' (known: {string.Join(", ", QProp.Environments.Names)})");
        foreach (var a in Algorithms)
            if (!AlgorithmNames.Contains(a)) throw new ArgumentException($"--algorithms: unknown algorithm '{a}' (known: {string.Join(", ", AlgorithmNames)})");
        if (Steps < 1) throw new ArgumentException($"--steps must be positive, not {Steps}");
        if (BatchSize < 1) throw new ArgumentException($"--batch-size must be positive, not {BatchSize}");
        foreach (var e in TrpoBatchSizes.Select(entry => entry.Split('=')[0]))
            if (!QProp.Environments.Names.Contains(e)) throw new ArgumentException($"--trpo-batch-sizes: unknown task '{e}' (known: {string.Join(", ", QProp.Environments.Names)})");
        foreach (var e in Environments) BatchSizeFor("trpo", e);
        if (Gamma is <= 0 or > 1) throw new ArgumentException($"--gamma must be in (0, 1], not {Gamma}");
        if (Lambda is < 0 or > 1) throw new ArgumentException($"--lambda must be in [0, 1], not {Lambda}");
        if (StepSize <= 0) throw new ArgumentException($"--step-size must be positive, not {StepSize}");
        if (PolicyHidden.Length == 0 || PolicyHidden.Any(h => h < 1)) throw new ArgumentException("--policy-hidden needs one or more positive widths");
        if (CriticHidden < 1) throw new ArgumentException($"--critic-hidden must be positive, not {CriticHidden}");
        if (CriticLearningRate <= 0 || LearningRate <= 0) throw new ArgumentException("learning rates must be positive");
        if (CriticBatch < 1) throw new ArgumentException($"--critic-batch must be positive, not {CriticBatch}");
        if (Tau is <= 0 or > 1) throw new ArgumentException($"--tau must be in (0, 1], not {Tau}");
        if (ReplaySize < 1) throw new ArgumentException($"--replay-size must be positive, not {ReplaySize}");
        if (MinPoolSize < 1) throw new ArgumentException($"--min-pool-size must be positive, not {MinPoolSize}");
        if (CriticUpdatesPerSample < 0) throw new ArgumentException($"--critic-updates-per-sample must be 0 or more, not {CriticUpdatesPerSample}");
        if (DdpgRewardScale <= 0) throw new ArgumentException($"--ddpg-reward-scale must be positive, not {DdpgRewardScale}");
        if (CriticKernel is not ("fused" or "libtorch")) throw new ArgumentException($"--critic-kernel must be fused or libtorch, not '{CriticKernel}'");
        if (CheckpointEvery < 1) throw new ArgumentException($"--checkpoint-every must be positive, not {CheckpointEvery}");
    }
}
