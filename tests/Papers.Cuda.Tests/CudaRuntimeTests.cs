using Papers.Shared.Checkpoints;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Cuda.Tests;

/// <summary>Factories, random sampling, generators, optimizers and serialization on CUDA.</summary>
[Trait("Tier", "Gpu")]
public class CudaRuntimeTests
{
    private static double[] Values(Tensor t) => CudaOpTests.Values(t);

    [Fact]
    public void FactoriesMatchTheirCpuValues()
    {
        Gpu.Require();
        using var scope = NewDisposeScope();
        var pairs = new Func<Device, Tensor>[]
        {
            d => zeros([2, 3], device: d), d => ones([2, 3], device: d), d => full([2, 3], 1.5, device: d),
            d => arange(0, 10, 3, device: d), d => linspace(-1, 1, 7, device: d), d => eye(3, device: d),
            d => tensor(new[] { 1.0, 2.5, -3.0 }, device: d), d => zeros_like(ones([2, 2], device: d)),
            d => ones_like(zeros([2, 2], device: d)), d => full_like(zeros([2, 2], device: d), 4),
            d => empty([2, 3], device: d).fill_(0.25), d => empty_like(zeros([2], device: d)).fill_(1),
        };
        foreach (var make in pairs)
        {
            var (cpu, gpu) = (make(CPU), make(Gpu.Cuda));
            Assert.Equal(DeviceType.CUDA, gpu.device.type);
            Assert.Equal(Values(cpu), Values(gpu));
        }
    }

    /// <summary>
    /// CUDA's generators draw other numbers than the CPU's (Philox, not Mersenne Twister), so random factories are
    /// held to their distribution and to replaying exactly from a saved generator state.
    /// </summary>
    [Fact]
    public void RandomSamplingOnCudaHasItsDistributionAndReplaysFromAGeneratorState()
    {
        Gpu.Require();
        using var scope = NewDisposeScope();
        var g = new Generator(3, Gpu.Cuda);
        var state = g.get_state();
        var draws = new Func<Tensor>[]
        {
            () => rand([100_000], device: Gpu.Cuda, generator: g), () => randn([100_000], device: Gpu.Cuda, generator: g),
            () => randint(10, [100_000], device: Gpu.Cuda, generator: g), () => randperm(1000, device: Gpu.Cuda, generator: g),
            () => rand_like(zeros([1000], device: Gpu.Cuda), generator: g), () => randn_like(zeros([1000], device: Gpu.Cuda), generator: g),
            () => bernoulli(full([100_000], 0.3, device: Gpu.Cuda), g), () => multinomial(ones([4], device: Gpu.Cuda), 1000, true, g),
            () => normal(zeros([100_000], device: Gpu.Cuda), full([100_000], 2.0, device: Gpu.Cuda), g),
            () => empty([100_000], device: Gpu.Cuda).uniform_(-1, 1, g), () => empty([100_000], device: Gpu.Cuda).normal_(1, 3, g),
            () => empty([100_000], device: Gpu.Cuda).bernoulli_(0.7, g),
            () => nn.functional.dropout(ones([100_000], device: Gpu.Cuda), 0.25, generator: g),
        };
        var first = draws.Select(d => d()).ToArray();
        AssertClose.Equal(0.5, first[0].mean().ToDouble(), 0.01);
        AssertClose.Equal(1.0, first[1].std().ToDouble(), 0.01);
        AssertClose.Equal(4.5, first[2].to(float64).mean().ToDouble(), 0.05);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (double)i), Values(first[3].sort().values));
        AssertClose.Equal(0.3, first[6].mean().ToDouble(), 0.01);
        AssertClose.Equal(2.0, first[8].std().ToDouble(), 0.02);
        AssertClose.Equal(0.0, first[9].mean().ToDouble(), 0.01);
        AssertClose.Equal(3.0, first[10].std().ToDouble(), 0.03);
        AssertClose.Equal(0.7, first[11].mean().ToDouble(), 0.01);
        AssertClose.Equal(1.0, first[12].mean().ToDouble(), 0.02);       // kept values scaled by 1/(1 − p)
        AssertClose.Equal(0.25, first[12].eq(0).to(float64).mean().ToDouble(), 0.01);

        g.set_state(state);
        var replay = draws.Select(d => d()).ToArray();
        for (var i = 0; i < draws.Length; i++) Assert.Equal(Values(first[i]), Values(replay[i]));
    }

    [Fact]
    public void OptimizerStepsOnCudaMatchTheCpu()
    {
        Gpu.Require();
        var optimizers = new Func<IEnumerable<Tensor>, optim.Optimizer>[]
        {
            p => optim.SGD(p, 0.1, momentum: 0.9, weight_decay: 1e-3, nesterov: true),
            p => optim.Adam(p, 1e-2, weight_decay: 1e-3, amsgrad: true),
            p => optim.RMSprop(p, 1e-2, momentum: 0.5, centered: true),
        };
        foreach (var make in optimizers)
        {
            using var scope = NewDisposeScope();
            var start = randn([4, 3], dtype: float64, generator: new Generator(1));
            var x = randn([16, 4], dtype: float64, generator: new Generator(2));
            double[] Train(Device device)
            {
                var w = start.to(device).detach().requires_grad_();
                using var optimizer = make([w]);
                var input = x.to(device);
                for (var step = 0; step < 5; step++)
                {
                    optimizer.zero_grad();
                    input.matmul(w).tanh().square().mean().backward();
                    optimizer.step();
                }
                return Values(w);
            }
            AssertClose.Equal(Train(CPU), Train(Gpu.Cuda), SameOnCuda.Float64.Absolute, SameOnCuda.Float64.Relative);
        }
    }

    [Fact]
    public void CudaTensorsSaveAndLoadThroughSafetensors()
    {
        Gpu.Require();
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"cuda-{Guid.NewGuid():N}.safetensors");
        try
        {
            var saved = new Dictionary<string, Tensor> { ["w"] = randn([3, 4], device: Gpu.Cuda), ["i"] = arange(5, device: Gpu.Cuda) };
            save(saved, path);
            var loaded = load(path);
            Assert.Equal(Values(saved["w"]), Values(loaded["w"]));
            Assert.Equal(Values(saved["i"]), Values(loaded["i"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ACheckpointRestoresTheCudaGeneratorSoDropoutReplays()
    {
        Gpu.Require();
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"cuda-{Guid.NewGuid():N}.safetensors");
        try
        {
            manual_seed(5);
            var checkpoint = new Checkpoint();
            checkpoint.Save(path);
            var first = nn.functional.dropout(ones([10_000], device: Gpu.Cuda), 0.5);
            checkpoint.Load(path);
            var replay = nn.functional.dropout(ones([10_000], device: Gpu.Cuda), 0.5);
            Assert.Equal(Values(first), Values(replay));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
