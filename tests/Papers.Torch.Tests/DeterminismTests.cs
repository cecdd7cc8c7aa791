using System.Diagnostics;

namespace Papers.Torch.Tests;

[Collection("Serial")]
public class DeterminismTests
{
    private static (double[] losses, float[] weights) Train(long seed, int steps)
    {
        using var model = new TinyMlp(8, 16, seed);
        using var x = randn([64, 8]);
        using var y = (x.sum(1, keepdim: true) * 0.5).sin();
        var losses = Enumerable.Range(0, steps).Select(_ => model.Step(x, y)).ToArray();
        return (losses, model.FirstWeight);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalTraining()
    {
        var first = Train(42, 50);
        var second = Train(42, 50);
        Assert.Equal(first.losses, second.losses);
        Assert.Equal(first.weights, second.weights);
        Assert.True(first.losses[^1] < first.losses[0] / 2, $"loss fell from {first.losses[0]} to {first.losses[^1]}");
        var other = Train(43, 50);
        Assert.NotEqual(first.losses, other.losses);
    }

    [Fact]
    public void ManualSeedReplaysTheDefaultGenerator()
    {
        manual_seed(7);
        var a = rand([5]).data<float>();
        var b = randn([5]).data<float>();
        manual_seed(7);
        Assert.Equal(a, rand([5]).data<float>());
        Assert.Equal(b, randn([5]).data<float>());
        Assert.NotEqual(a, rand([5]).data<float>());
    }

    [Fact]
    public void GeneratorStateRoundTripsForExactResume()
    {
        var g = new Generator(123);
        rand([10], generator: g).Dispose();
        using var state = g.get_state();
        var next = randn([4], generator: g).data<float>();
        var restored = new Generator(999).set_state(state);
        Assert.Equal(next, randn([4], generator: restored).data<float>());
        Assert.Equal(next, randn([4], generator: new Generator(0).set_state(state)).data<float>());
    }

    [Fact]
    public void SamplersTakeExplicitGenerators()
    {
        using var probs = tensor(new float[] { 0.1f, 0.0f, 0.9f });
        var draws = multinomial(probs, 1000, replacement: true, generator: new Generator(5)).data<long>();
        Assert.DoesNotContain(1L, draws);
        Assert.InRange(draws.Count(d => d == 2), 850, 950);
        Assert.Equal(draws, multinomial(probs, 1000, replacement: true, generator: new Generator(5)).data<long>());
        using var p = full([10000], 0.3);
        Assert.InRange(bernoulli(p, new Generator(1)).mean().ToDouble(), 0.28, 0.32);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 }, randperm(8, generator: new Generator(2)).sort().values.data<long>());
        using var u = empty([10000], float64).uniform_(-2, 3, new Generator(3));
        Assert.InRange(u.min().ToDouble(), -2, -1.99);
        Assert.InRange(u.max().ToDouble(), 2.99, 3);
        using var n = empty([10000], float64).normal_(1, 2, new Generator(4));
        Assert.InRange(n.mean().ToDouble(), 0.94, 1.06);
        Assert.InRange(n.std().ToDouble(), 1.95, 2.05);
    }

    [Fact]
    public void TenThousandStepsInsideDisposeScopesKeepMemoryFlat()
    {
        using var model = new TinyMlp(64, 64, seed: 1);
        using var x = randn([64, 64]);
        using var y = randn([64, 1]);
        for (var i = 0; i < 500; i++) model.Step(x, y);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        for (var i = 0; i < 10_000; i++) model.Step(x, y);
        process.Refresh();
        var growthMb = (process.WorkingSet64 - before) / (1024.0 * 1024.0);
        Assert.True(growthMb < 50, $"resident memory grew by {growthMb:F1} MB over 10,000 steps");
    }
}
