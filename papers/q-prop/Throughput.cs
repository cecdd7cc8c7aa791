using System.Diagnostics;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>Raw speeds on this machine: a row of throughput.csv.</summary>
/// <summary>Raw speeds on this machine: a row of curves-throughput.csv. Per CPU second is the one-core speed; per
/// wall-clock second also counts whatever else ran on the machine's shared cores at the time.</summary>
public sealed record ThroughputRow(string Environment, string What, long Count, double Seconds, double PerSecond, double CpuSeconds, double PerCpuSecond)
{
    public static ThroughputRow Measure(string environment, string what, long count, Action body)
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        body();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new ThroughputRow(environment, what, count, seconds, count / seconds, cpuSeconds, count / cpuSeconds);
    }
}

/// <summary>
/// Environment steps per second (zero actions, resets at episode ends: MuJoCo and the Gym wrapper alone) and
/// critic steps per second (sample a minibatch, TD targets through μ and the target critic, one Adam step, Polyak
/// averaging) on a full replay buffer, outside the training loop, on the libtorch path and the fused one that
/// training uses.
/// </summary>
public static class Throughput
{
    public static IEnumerable<ThroughputRow> Measure(QPropConfig config, GymEnvironment env, int envSteps, int criticSteps)
    {
        using var generator = new Generator(0);
        var zero = new double[env.ActionSize];
        env.Reset(generator);
        yield return ThroughputRow.Measure(env.Name, "environment steps", envSteps, () =>
        {
            for (var t = 0; t < envSteps; t++)
                if (env.Step(zero).Done || (t + 1) % env.MaxEpisodeSteps == 0) env.Reset(generator);
        });

        var (s, a) = (env.ObservationSize, env.ActionSize);
        using var policy = new GaussianPolicy(s, a, config.PolicyHidden);
        using var critic = new Critic(s, a, config.CriticHidden, config.CriticLearningRate, config.CriticBatch, config.Gamma, config.Tau, rewardScale: 1);
        using var buffer = new ReplayBuffer(10_000, s, a);
        using (var rows = randn([10_000 * buffer.Width], generator: generator)) buffer.Add(rows.data<float>());
        yield return ThroughputRow.Measure(env.Name, "critic steps (libtorch, one call per op)", criticSteps,
            () => Train.TrainWithLibtorch(critic, buffer, policy, criticSteps, generator));
        var fused = new FusedCritic(s, a, config.CriticHidden, config.CriticBatch);
        yield return ThroughputRow.Measure(env.Name, "critic steps (fused)", criticSteps,
            () => fused.Train(critic, buffer, next => policy.call(next), criticSteps, generator));
    }
}
