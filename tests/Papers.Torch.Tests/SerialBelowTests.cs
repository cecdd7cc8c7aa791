namespace Papers.Torch.Tests;

/// <summary>
/// The small-op policy (shim's threads.cpp): with more than one intra-op thread, ops below the threshold run on the
/// calling thread alone, forward and backward. What shows it from outside is the bits of a reduction: libtorch splits
/// a sum between threads and adds the halves, which rounds differently from one thread's sum. Each case checks that
/// the split does change the bits here (the threshold off), so that "the same bits as one thread" shows the policy.
/// </summary>
[Collection("Serial")]
public class SerialBelowTests
{
    private const long Default = 1L << 18;

    private static float[] At(int threads, long serialBelow, Func<Tensor> compute)
    {
        set_num_threads(threads);
        set_serial_below(serialBelow);
        try
        {
            using var result = compute();
            return result.data<float>().ToArray();
        }
        finally
        {
            set_num_threads(1);
            set_serial_below(Default);
        }
    }

    [Fact]
    public void ThePolicyIsInForceOnlyWithMoreThanOneThread()
    {
        Assert.Equal(Default, get_serial_below());
        try
        {
            set_num_threads(2);
            Assert.Equal(Default, get_serial_below_in_force());
            set_serial_below(0);
            Assert.Equal(0, get_serial_below_in_force());
            set_serial_below(1000);
            Assert.Equal(1000, get_serial_below_in_force());
            set_num_threads(1);
            Assert.Equal(0, get_serial_below_in_force());
            Assert.Equal(1000, get_serial_below());
        }
        finally
        {
            set_num_threads(1);
            set_serial_below(Default);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => set_serial_below(-1));
    }

    [Fact]
    public void ASmallSumOnTwoThreadsGivesTheOneThreadBits()
    {
        using var x = randn([200_000], generator: new Generator(3));
        Func<Tensor> sum = () => x.sum();
        var one = At(1, Default, sum);
        Assert.NotEqual(one, At(2, 0, sum));        // libtorch's own split rounds differently
        Assert.Equal(one, At(2, Default, sum));     // below 2^18 elements the policy keeps it on one thread
        Assert.Equal(At(2, 0, sum), At(2, 100_000, sum));  // above the threshold libtorch splits as before
    }

    [Fact]
    public void ABackwardPassOnTwoThreadsGivesTheOneThreadBits()
    {
        using var x = randn([200_000], generator: new Generator(4));
        using var w = randn([1], generator: new Generator(5)).requires_grad_();
        Func<Tensor> gradient = () =>
        {
            using var loss = (x * w).sum();
            loss.backward();
            var g = w.grad!.clone();
            w.grad!.zero_();
            return g;
        };
        var one = At(1, Default, gradient);
        Assert.NotEqual(one, At(2, 0, gradient));   // w's gradient sums 200,000 products: split, it rounds differently
        Assert.Equal(one, At(2, Default, gradient));
    }

    [Fact]
    public void ASmallConvolutionsGradientOnTwoThreadsGivesTheOneThreadBits()
    {
        using var x = randn([2, 8, 16, 16], generator: new Generator(6));
        using var w = randn([8, 8, 3, 3], generator: new Generator(7)).requires_grad_();
        Func<Tensor> gradient = () =>
        {
            using var y = nn.functional.conv2d(x, w, padding: [1, 1]);
            using var loss = y.sum();
            loss.backward();
            var g = w.grad!.clone();
            w.grad!.zero_();
            return g;
        };
        var one = At(1, Default, gradient);
        Assert.NotEqual(one, At(2, 0, gradient));
        Assert.Equal(one, At(2, Default, gradient));
    }
}
