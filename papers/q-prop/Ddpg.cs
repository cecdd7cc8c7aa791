using System.Diagnostics;
using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>
/// DDPG (Lillicrap et al. 2016), the paper's DDPG-r0.1 baseline as the authors' launcher builds it: deterministic
/// 100-50-25 ReLU actor with tanh output, the same critic as Q-Prop's with rewards scaled by 0.1, Ornstein-Uhlenbeck
/// exploration (θ = 0.15, σ = 0.3, rllab's OUStrategy), and per environment step (once the pool holds
/// min_pool_size transitions) one critic and one actor Adam step on one minibatch, then both targets' Polyak averaging.
/// Iterations are whole episodes adding up to at least batch_size steps, as the batch algorithms' are.
/// </summary>
public static class Ddpg
{
    public const double OuTheta = 0.15;
    public const double OuSigma = 0.3;

    public static double Run(QPropConfig config, GymEnvironment env, int seed, List<QPropIteration> curve)
    {
        Repro.Seed(seed);
        var (s, a) = (env.ObservationSize, env.ActionSize);
        using var actor = new DeterministicPolicy(s, a, config.PolicyHidden);
        using var targetActor = new DeterministicPolicy(s, a, config.PolicyHidden);
        Polyak.Copy(targetActor, actor);
        using var critic = new Critic(s, a, config.CriticHidden, config.CriticLearningRate, config.CriticBatch, config.Gamma, config.Tau, config.DdpgRewardScale);
        using var buffer = new ReplayBuffer((int)Math.Min(config.ReplaySize, config.Steps + env.MaxEpisodeSteps + config.BatchSize), s, a);
        using var sampling = new Generator((ulong)seed);
        var actorOptimizer = optim.Adam(actor.parameters(), config.LearningRate);
        var checkpoint = new Checkpoint().Add("actor", actor).Add("actor_target", targetActor).Add("actor_optimizer", actorOptimizer)
            .Add("critic", critic.Q).Add("critic_target", critic.Target).Add("critic_optimizer", critic.Optimizer)
            .Add("replay", buffer).Add("sampling", sampling);

        using var run = RunCheckpoint.Open(config, env.Name, "ddpg", seed, checkpoint, curve);
        var (steps, episodes) = run.Totals;
        for (var iteration = run.Start; steps < config.Steps; iteration++)
        {
            var clock = Stopwatch.StartNew();
            var returns = new List<double>();
            var (batchSteps, criticSteps) = (0, 0L);
            using var criticLoss = zeros([]);
            while (batchSteps < config.BatchSize)
            {
                var (length, episodeReturn, trained) = Episode(config, env, actor, targetActor, actorOptimizer, critic, buffer, sampling, criticLoss);
                returns.Add(episodeReturn);
                batchSteps += length;
                criticSteps += trained;
            }
            steps += batchSteps;
            episodes += returns.Count;
            curve.Add(new QPropIteration(env.Name, "ddpg", seed, iteration, steps, episodes, returns.Average(), double.NaN,
                criticSteps > 0 ? criticLoss.ToDouble() / criticSteps : double.NaN, double.NaN, clock.Elapsed.TotalSeconds, 0, 0, criticSteps));
            run.Completed(iteration + 1, curve);
        }
        return run.Seconds;
    }

    /// <summary>One exploring episode with training after every step; returns its length, return and trained steps.</summary>
    private static (int Length, double Return, long Trained) Episode(QPropConfig config, GymEnvironment env, DeterministicPolicy actor,
        DeterministicPolicy targetActor, optim.Optimizer actorOptimizer, Critic critic, ReplayBuffer buffer, Generator generator, Tensor criticLoss)
    {
        var (s, a) = (env.ObservationSize, env.ActionSize);
        var ou = new double[a];                                                    // OU state starts at μ = 0 each episode
        var observation = env.Reset(generator);
        var (total, trained) = (0.0, 0L);
        for (var t = 1; ; t++)
        {
            using var scope = NewDisposeScope();
            float[] mean;
            using (no_grad()) mean = actor.call(tensor(Array.ConvertAll(observation, x => (float)x), [1, s])).data<float>();
            var noise = randn([a], ScalarType.Float64, generator: generator).data<double>();
            var action = new double[a];
            for (var i = 0; i < a; i++)
            {
                ou[i] += OuTheta * -ou[i] + OuSigma * noise[i];
                action[i] = Math.Clamp(mean[i] + ou[i], -1, 1);
            }
            var step = env.Step(action);
            total += step.Reward;
            var last = step.Done || t == env.MaxEpisodeSteps;
            var row = new float[buffer.Width];
            var k = 0;
            foreach (var x in observation) row[k++] = (float)x;
            foreach (var x in action) row[k++] = (float)x;
            row[k++] = (float)step.Reward;
            foreach (var x in step.Observation) row[k++] = (float)x;
            row[k] = last ? 1f : 0f;
            buffer.Add(row);
            observation = step.Observation;
            if (buffer.Count >= config.MinPoolSize)
            {
                var batch = buffer.Sample(critic.BatchSize, generator);
                criticLoss.add_(critic.Step(batch, next => targetActor.call(next)));
                var actorLoss = -critic.Q.call(batch.Observations, actor.call(batch.Observations)).mean();
                actorOptimizer.zero_grad();
                actorLoss.backward();
                actorOptimizer.step();
                Polyak.Update(targetActor, actor, config.Tau);
                trained++;
            }
            if (last) return (t, total, trained);
        }
    }
}
