using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Tests;

using Papers.Shared.Repro;

[Collection("Serial")]
public class ReproTests
{
    /// <summary>
    /// y = X w* + 0.1 ε fitted by plain gradient descent on the mean squared error, every number drawn from the
    /// default generator: data, noise and the initial weights. Returns the loss of every step and the final weights.
    /// </summary>
    private static (float[] Losses, float[] Weights) TrainLinearRegression(long seed, int threads, int steps = 40)
    {
        Repro.SetThreads(threads);
        Repro.Seed(seed);
        using var scope = NewDisposeScope();
        var x = randn([256, 16]);
        var wTrue = randn([16, 1]);
        var y = x.matmul(wTrue) + 0.1 * randn([256, 1]);
        var w = randn([16, 1]).requires_grad_();
        var losses = new float[steps];
        for (var step = 0; step < steps; step++)
        {
            var loss = (x.matmul(w) - y).square().mean();
            loss.backward();
            using (no_grad())
            {
                w.sub_(w.grad!, alpha: 0.1);
                w.grad!.zero_();
            }
            losses[step] = loss.ToSingle();
        }
        return (losses, w.detach().data<float>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SameSeedAndThreadCountGiveBitIdenticalTraining(int threads)
    {
        var first = TrainLinearRegression(seed: 7, threads);
        var second = TrainLinearRegression(seed: 7, threads);
        Assert.Equal(first.Losses.Select(BitConverter.SingleToInt32Bits), second.Losses.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(first.Weights.Select(BitConverter.SingleToInt32Bits), second.Weights.Select(BitConverter.SingleToInt32Bits));
        // The run trains: after 40 steps the loss is near the noise floor 0.1² = 0.01, far below its start.
        Assert.True(first.Losses[^1] < 0.05 * first.Losses[0], $"loss went from {first.Losses[0]} to {first.Losses[^1]}");
    }

    [Fact]
    public void DifferentSeedsGiveDifferentTraining()
    {
        var a = TrainLinearRegression(seed: 7, threads: 1);
        var b = TrainLinearRegression(seed: 8, threads: 1);
        Assert.NotEqual(a.Losses[0], b.Losses[0]);
        Assert.NotEqual(a.Weights, b.Weights);
    }

    [Fact]
    public void SetupFixesThreadsSeedsAndRecordsTheEnvironment()
    {
        var config = new TinyConfig { Threads = 1, Device = "cpu" };
        var environment = Repro.Setup(config, seed: 3);
        Assert.Equal(1, get_num_threads());
        Assert.Equal(3UL, default_generator.initial_seed());
        Assert.Equal(3L, environment.Seed);
        Assert.Equal(1, environment.Threads);
        Assert.Equal("cpu", environment.Device);
        Assert.Equal(__version__, environment.LibtorchVersion);
        Assert.Matches(@"^\d+\.\d+\.\d+", environment.LibtorchVersion);
        Assert.StartsWith(".NET ", environment.DotnetVersion);
        Assert.Equal(Environment.ProcessorCount, environment.Cores);
        Assert.False(string.IsNullOrEmpty(environment.Machine));
        Assert.Equal(CpuInfo.Current.Model, environment.Cpu);
        Assert.Contains("avx2", environment.CpuExtensions.Split(' '));
        Assert.Equal(CpuKernels.Describe(), environment.CpuKernels);
        Assert.False(string.IsNullOrEmpty(environment.OS));
        Assert.InRange(environment.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        // The tests run inside the repository's git checkout.
        Assert.Matches("^[0-9a-f]{40}$", environment.Git.Commit);
        Assert.NotNull(environment.Git.Dirty);
    }

    [Fact]
    public void SetupRefusesACudaDeviceThatIsNotThere()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Repro.Setup(new TinyConfig { Device = "cuda:99" }));
        Assert.Contains("--device cuda:99", e.Message);
    }

    [Fact]
    public void NegativeSeedIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Repro.Seed(-1));

    [Fact]
    public void ADeviceThisLibtorchCannotUseIsRefusedNamingTheWayOut()
    {
        Repro.CheckDevice("cpu");
        // No machine has 100 GPUs: cuda:99 is refused everywhere, with the fix named where libtorch sees none.
        var e = Assert.Throws<InvalidOperationException>(() => Repro.CheckDevice("cuda:99"));
        Assert.StartsWith("--device cuda:99: libtorch", e.Message);
        Assert.Contains(cuda.device_count() == 0 ? "run with --device cpu" : "numbered 0 to", e.Message);
    }
}
