using System.Diagnostics;
using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>One policy iteration (one batch) of one run: a row of curves.csv; Eta is the batch's mean η (0 without a control variate).</summary>
public sealed record QPropIteration(
    string Environment, string Algorithm, int Seed, int Iteration, long Steps, long Episodes,
    double AverageReturn, double Eta, double CriticLoss, double Kl,
    double SampleSeconds, double CriticSeconds, double PolicySeconds, long CriticSteps);

/// <summary>
/// Algorithm 1 and its baselines over batches: TRPO and VPG (the likelihood-ratio estimator with the linear value
/// baseline and GAE), and TR-Q-Prop with the three η rules. Each run checkpoints every
/// <see cref="QPropConfig.CheckpointEvery"/> iterations and resumes with --resume; <c>Run</c> returns the run's
/// wall-clock seconds over all its processes.
/// </summary>
public static class Train
{
    public static bool IsQProp(string algorithm) => algorithm.StartsWith("qprop-", StringComparison.Ordinal);

    public static EtaRule Rule(string algorithm) => algorithm switch
    {
        "qprop-s" => EtaRule.Standard,
        "qprop-c" => EtaRule.Conservative,
        "qprop-a" => EtaRule.Aggressive,
        "qprop-c-batch" => EtaRule.ConservativeBatch,
        _ => throw new ArgumentException($"'{algorithm}' is not a Q-Prop variant", nameof(algorithm)),
    };

    /// <summary>One run of a batch algorithm; its iterations go into <paramref name="curve"/>.</summary>
    public static double Run(QPropConfig config, GymEnvironment env, string algorithm, int seed, List<QPropIteration> curve)
    {
        Repro.Seed(seed);
        var qprop = IsQProp(algorithm);
        var (s, a) = (env.ObservationSize, env.ActionSize);
        using var policy = new GaussianPolicy(s, a, config.PolicyHidden);
        using var baseline = new LinearFeatureBaseline(s);
        using var sampling = new Generator((ulong)seed);
        var checkpoint = new Checkpoint().Add("policy", policy).Add("baseline", baseline).Add("sampling", sampling);
        using var critic = qprop ? new Critic(s, a, config.CriticHidden, config.CriticLearningRate, config.CriticBatch, config.Gamma, config.Tau, rewardScale: 1) : null;
        var fused = qprop ? new FusedCritic(s, a, config.CriticHidden, config.CriticBatch) : null;
        using var buffer = qprop ? new ReplayBuffer((int)Math.Min(config.ReplaySize, config.Steps + env.MaxEpisodeSteps + config.BatchSize), s, a) : null;
        if (critic is not null) checkpoint.Add("critic", critic.Q).Add("critic_target", critic.Target).Add("critic_optimizer", critic.Optimizer).Add("replay", buffer!);
        var vpg = algorithm == "vpg" ? optim.Adam(policy.parameters(), config.LearningRate) : null;
        if (vpg is not null) checkpoint.Add("policy_optimizer", vpg);

        using var run = RunCheckpoint.Open(config, env.Name, algorithm, seed, checkpoint, curve);
        var (steps, episodes) = run.Totals;
        for (var iteration = run.Start; steps < config.Steps; iteration++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            var paths = Rollouts.Sample(env, policy, config.BatchSizeFor(algorithm, env.Name), sampling);
            var sampleSeconds = clock.Elapsed.TotalSeconds;
            var batch = Batch.From(paths, baseline, config.Gamma, config.Lambda);

            // rllab++ process_samples: the learning signal from the critic as it stands; then the baseline refit.
            var (signal, eta) = LearningSignal(algorithm, policy, critic, batch);
            baseline.Fit(paths, batch.Returns);

            // Algorithm 1, lines 4-6: the batch joins the replay pool, then one critic step per sample.
            clock.Restart();
            var (criticLoss, criticSteps) = (double.NaN, 0L);
            if (critic is not null)
            {
                buffer!.Add(Batch.ReplayRows(paths));
                if (buffer.Count >= config.MinPoolSize)
                {
                    criticSteps = (long)Math.Ceiling(batch.Size * config.CriticUpdatesPerSample);
                    criticLoss = config.CriticKernel == "fused"
                        ? fused!.Train(critic, buffer, next => policy.call(next), criticSteps, sampling)
                        : TrainWithLibtorch(critic, buffer, policy, criticSteps, sampling);
                }
            }
            var criticSeconds = clock.Elapsed.TotalSeconds;

            clock.Restart();
            var kl = PolicyStep(config, policy, critic, vpg, batch, signal, eta).Kl;
            var policySeconds = clock.Elapsed.TotalSeconds;

            steps += batch.Size;
            episodes += paths.Count;
            curve.Add(new QPropIteration(env.Name, algorithm, seed, iteration, steps, episodes, paths.Average(p => p.Return),
                eta.Average(), criticLoss, kl, sampleSeconds, criticSeconds, policySeconds, criticSteps));
            run.Completed(iteration + 1, curve);
        }
        return run.Seconds;
    }

    /// <summary>
    /// rllab++ process_samples: with a critic, Ā from it as it stands, η by the algorithm's rule and the signal Â − ηĀ;
    /// without one, Â and η = 0. The signal is returned centred.
    /// </summary>
    internal static (double[] Signal, double[] Eta) LearningSignal(string algorithm, GaussianPolicy policy, Critic? critic, Batch batch)
    {
        var (signal, eta) = (batch.Advantages, new double[batch.Size]);
        if (critic is not null)
        {
            Tensor mean;
            using (no_grad()) mean = policy.call(batch.Observations);
            var gradient = QPropEstimator.ActionGradient(critic.Q.call, batch.Observations, mean);
            var controlVariate = QPropEstimator.ControlVariate(gradient, batch.Actions, mean).to(ScalarType.Float64).data<double>();
            eta = QPropEstimator.Eta(Rule(algorithm), batch.Advantages, controlVariate);
            signal = QPropEstimator.LearningSignal(batch.Advantages, controlVariate, eta);
        }
        return (QPropEstimator.Center(signal), eta);
    }

    /// <summary>The reference path of <see cref="FusedCritic.Train"/>: <see cref="Critic.Step"/> once per step; returns the mean loss.</summary>
    public static double TrainWithLibtorch(Critic critic, ReplayBuffer buffer, GaussianPolicy policy, long steps, Generator generator)
    {
        using var total = zeros([]);
        for (var i = 0; i < steps; i++)
        {
            using var stepScope = NewDisposeScope();
            total.add_(critic.Step(buffer.Sample(critic.BatchSize, generator), next => policy.call(next)));
        }
        return total.ToDouble() / steps;
    }

    /// <summary>
    /// TRPO's constrained step (TRPO, Q-Prop) or one Adam step (VPG) on the surrogate; returns the surrogate (after a
    /// constrained step, before an Adam step) and the mean KL moved.
    /// </summary>
    internal static (double Loss, double Kl) PolicyStep(QPropConfig config, GaussianPolicy policy, Critic? critic, optim.Optimizer? vpg, Batch batch, double[] signal, double[] eta)
    {
        var (obs, actions) = (batch.Observations, batch.Actions);
        var signalT = tensor(Array.ConvertAll(signal, x => (float)x));                  // [B]
        var etaT = tensor(Array.ConvertAll(eta, x => (float)x));                        // [B]
        Tensor oldMean, oldLogStd, oldLogLikelihood;
        using (no_grad())
        {
            oldMean = policy.call(obs);
            oldLogStd = policy.LogStd.detach().clone();
            oldLogLikelihood = GaussianPolicy.LogLikelihood(actions, oldMean, oldLogStd);
        }
        Tensor? QAtMean(Tensor mean) => critic?.Q.call(obs, mean);                      // Q_w(s, μ_θ(s)): [B]
        Tensor MeanKl() => GaussianPolicy.Kl(oldMean, oldLogStd, policy.call(obs), policy.LogStd).mean();

        if (vpg is not null)
        {
            var mean = policy.call(obs);
            var loss = QPropEstimator.Surrogate(GaussianPolicy.LogLikelihood(actions, mean, policy.LogStd), signalT, QAtMean(mean), etaT);
            vpg.zero_grad();
            loss.backward();
            vpg.step();
            using var _ = no_grad();
            return (loss.ToDouble(), MeanKl().ToDouble());
        }
        Tensor Loss()
        {
            var mean = policy.call(obs);
            var ratio = (GaussianPolicy.LogLikelihood(actions, mean, policy.LogStd) - oldLogLikelihood).exp(); // π_θ/π_old: [B]
            return QPropEstimator.Surrogate(ratio, signalT, QAtMean(mean), etaT);
        }
        return TrustRegion.Step(policy.parameters().ToList<Tensor>(), Loss, MeanKl, config.StepSize);
    }
}

/// <summary>A sampled batch, flattened: observations and actions as tensors, GAE advantages and discounted returns.</summary>
public sealed class Batch
{
    internal Batch(Tensor observations, Tensor actions, double[] advantages, double[][] returns)
    {
        (Observations, Actions, Advantages, Returns) = (observations, actions, advantages, returns);
    }

    /// <summary>[B, S] float32</summary>
    public Tensor Observations { get; }

    /// <summary>[B, A] float32</summary>
    public Tensor Actions { get; }

    /// <summary>Â_t: GAE(γ, λ) with the baseline as it stood before this batch, [B]</summary>
    public double[] Advantages { get; }

    /// <summary>Σ γᵏ r_{t+k} per path: the baseline's regression targets.</summary>
    public double[][] Returns { get; }

    public int Size => Advantages.Length;

    public static Batch From(IReadOnlyList<Trajectory> paths, LinearFeatureBaseline baseline, double gamma, double lambda)
    {
        var advantages = paths.SelectMany(p => Rollouts.Gae(p.Rewards, baseline.Predict(p), gamma, lambda)).ToArray();
        var returns = paths.Select(p => Rollouts.DiscountCumsum(p.Rewards, gamma)).ToArray();
        var (s, a) = (paths[0].ObservationSize, paths[0].ActionSize);
        var observations = tensor(paths.SelectMany(p => p.Observations).Select(x => (float)x).ToArray(), [advantages.Length, s]);
        var actions = tensor(paths.SelectMany(p => p.Actions).Select(x => (float)x).ToArray(), [advantages.Length, a]);
        return new Batch(observations, actions, advantages, returns);
    }

    /// <summary>
    /// Replay rows [s, a, r, s', done] (rllab++ add_pool). Every path's last transition counts as terminal, the step
    /// limit included, as the authors' sampler marks it.
    /// </summary>
    public static float[] ReplayRows(IReadOnlyList<Trajectory> paths)
    {
        var rows = new List<float>();
        foreach (var p in paths)
        {
            for (var t = 0; t < p.Length; t++)
            {
                foreach (var x in p.Observations.AsSpan(t * p.ObservationSize, p.ObservationSize)) rows.Add((float)x);
                foreach (var x in p.Actions.AsSpan(t * p.ActionSize, p.ActionSize)) rows.Add((float)x);
                rows.Add((float)p.Rewards[t]);
                foreach (var x in p.NextObservation(t)) rows.Add((float)x);
                rows.Add(t == p.Length - 1 ? 1f : 0f);
            }
        }
        return [.. rows];
    }
}
