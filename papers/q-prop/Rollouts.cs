using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>
/// One episode: T steps of (s_t, a_t, r_t), the state after the last step, and whether it ended by the task's
/// termination (rather than the 1000-step limit). Flat row-major arrays: observations [T·S], actions [T·A].
/// </summary>
public sealed record Trajectory(int ObservationSize, int ActionSize, double[] Observations, double[] Actions, double[] Rewards, double[] LastObservation, bool Terminated)
{
    public int Length => Rewards.Length;
    public double Return => Rewards.Sum();

    /// <summary>s_{t+1}: the next row, or the state after the last step.</summary>
    public ReadOnlySpan<double> NextObservation(int t) =>
        t + 1 < Length ? Observations.AsSpan((t + 1) * ObservationSize, ObservationSize) : LastObservation;
}

/// <summary>Sampling (Algorithm 1, line 3) and the returns and advantages of sampled paths.</summary>
public static class Rollouts
{
    /// <summary>
    /// Whole episodes until at least <paramref name="batchSize"/> steps (rllab's BatchSampler with whole_paths):
    /// a ~ π_θ(·|s) = μ_θ(s) + σ·ε, ε ~ N(0, I).
    /// </summary>
    public static List<Trajectory> Sample(GymEnvironment env, GaussianPolicy policy, int batchSize, Generator generator)
    {
        float[] std;
        using (no_grad())
        using (var s = policy.LogStd.exp())
            std = s.data<float>();
        var paths = new List<Trajectory>();
        var steps = 0;
        while (steps < batchSize)
        {
            paths.Add(Episode(env, observation =>
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var mean = policy.call(tensor(Array.ConvertAll(observation, x => (float)x), [1, observation.Length])).data<float>();
                var noise = randn([mean.Length], generator: generator).data<float>();
                return mean.Select((m, i) => (double)(m + std[i] * noise[i])).ToArray();
            }, generator));
            steps += paths[^1].Length;
        }
        return paths;
    }

    /// <summary>One episode from a reset, acting with <paramref name="act"/>, until done or the step limit.</summary>
    public static Trajectory Episode(GymEnvironment env, Func<double[], double[]> act, Generator generator)
    {
        var (s, a) = (env.ObservationSize, env.ActionSize);
        var observations = new List<double>();
        var actions = new List<double>();
        var rewards = new List<double>();
        var observation = env.Reset(generator);
        var done = false;
        for (var t = 0; t < env.MaxEpisodeSteps && !done; t++)
        {
            var action = act(observation);
            var step = env.Step(action);
            observations.AddRange(observation);
            actions.AddRange(action);
            rewards.Add(step.Reward);
            observation = step.Observation;
            done = step.Done;
        }
        return new Trajectory(s, a, [.. observations], [.. actions], [.. rewards], observation, done);
    }

    /// <summary>Σ_k γᵏ x_{t+k} for every t (rllab's discount_cumsum).</summary>
    public static double[] DiscountCumsum(double[] x, double gamma)
    {
        var result = new double[x.Length];
        var running = 0.0;
        for (var t = x.Length - 1; t >= 0; t--) result[t] = running = x[t] + gamma * running;
        return result;
    }

    /// <summary>
    /// GAE (Schulman et al. 2016, Eq. 16): δ_t = r_t + γV(s_{t+1}) − V(s_t), Â_t = Σ_l (γλ)ˡ δ_{t+l}, with V = 0
    /// after the last step of every path, as rllab's process_samples (the step limit counts as an end too).
    /// </summary>
    public static double[] Gae(double[] rewards, double[] values, double gamma, double lambda)
    {
        if (values.Length != rewards.Length) throw new ArgumentException($"{values.Length} values for {rewards.Length} rewards", nameof(values));
        var deltas = new double[rewards.Length];
        for (var t = 0; t < rewards.Length; t++)
            deltas[t] = rewards[t] + gamma * (t + 1 < values.Length ? values[t + 1] : 0) - values[t];
        return DiscountCumsum(deltas, gamma * lambda);
    }
}
