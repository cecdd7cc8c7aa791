using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp.Tests;

/// <summary>The fused critic against the libtorch path (Critic.Step) from the same weights, pool and random stream.</summary>
[Collection("Serial")]
public class FusedCriticTests
{
    private const int S = 17, A = 6, Hidden = 100, Batch = 64;

    /// <summary>
    /// 40 steps, then 60 more from the state the first call left (Adam's moments and step count read back): the
    /// mean losses agree to 1e-5 relative, and the weights, the target's and Adam's moments to 2e-6 absolute, float
    /// rounding from GEMMs that sum in another order. The random stream ends in the same place (the next draw is equal).
    /// </summary>
    [Fact]
    public void FusedStepsMatchTheLibtorchPath()
    {
        Repro.Seed(3);
        Repro.SetThreads(1);
        using var policy = new GaussianPolicy(S, A, [100, 50, 25]);
        using var reference = new Critic(S, A, Hidden, 1e-3, Batch, 0.99, 1e-3, rewardScale: 1);
        using var fused = new Critic(S, A, Hidden, 1e-3, Batch, 0.99, 1e-3, rewardScale: 1);
        Polyak.Copy(fused.Q, reference.Q);
        Polyak.Copy(fused.Target, reference.Target);
        using var buffer = Pool(3000);
        var kernel = new FusedCritic(S, A, Hidden, Batch);
        using var g1 = new Generator(11);
        using var g2 = new Generator(11);

        foreach (var steps in new[] { 40, 60 })
        {
            var expected = Train.TrainWithLibtorch(reference, buffer, policy, steps, g1);
            var actual = kernel.Train(fused, buffer, next => policy.call(next), steps, g2);
            AssertClose.Equal(expected, actual, abs: 0, rel: 1e-5);
            AssertClose.Equal(reference.Q.Weights.data<float>(), fused.Q.Weights.data<float>(), abs: 2e-6);
            AssertClose.Equal(reference.Target.Weights.data<float>(), fused.Target.Weights.data<float>(), abs: 2e-6);
            using var expectedState = reference.Optimizer.state_dict();
            using var actualState = fused.Optimizer.state_dict();
            Assert.Equal(expectedState.Scalars["state.0.step"], actualState.Scalars["state.0.step"]);
            foreach (var name in new[] { "state.0.exp_avg", "state.0.exp_avg_sq" })
                AssertClose.Equal(expectedState.Tensors[name].data<float>(), actualState.Tensors[name].data<float>(), abs: 2e-6);
        }
        using var next1 = randint(1000, [4], generator: g1);
        using var next2 = randint(1000, [4], generator: g2);
        Assert.Equal(next1.data<long>(), next2.data<long>());
    }

    /// <summary>A pool of random transitions [s, a, r, s', done] with about one terminal in ten.</summary>
    private static ReplayBuffer Pool(int n)
    {
        var buffer = new ReplayBuffer(n, S, A);
        var random = new Random(5);
        var rows = new float[n * buffer.Width];
        for (var i = 0; i < rows.Length; i++) rows[i] = (float)(random.NextDouble() * 2 - 1);
        for (var i = 0; i < n; i++) rows[i * buffer.Width + buffer.Width - 1] = random.NextDouble() < 0.1 ? 1f : 0f;
        buffer.Add(rows);
        return buffer;
    }
}
