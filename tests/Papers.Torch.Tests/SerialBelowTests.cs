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

    // Float32 products: OpenBLAS splits every product above 262,144 multiply-adds between its threads, and on 2
    // threads it cuts k into other pieces than on one (k between its block size and twice that), so a split product
    // can round differently. Below the threshold (16 x 2^18 multiply-adds) the shim runs it through OpenBLAS's
    // one-thread driver (native/src/products.cpp): the 1-thread bits, for every layout libtorch hands OpenBLAS.
    public static TheoryData<string> Products => ["row-major", "first transposed", "second transposed", "both transposed", "rows of a wider matrix", "gcn"];

    private static Func<Tensor> Product(string layout)
    {
        const long m = 64, k = 601, n = 48;
        return layout switch
        {
            "row-major" => () => { using var a = Randn(m, k, 11); using var b = Randn(k, n, 12); return a.mm(b); },
            "first transposed" => () => { using var a = Randn(k, m, 13); using var at = a.t(); using var b = Randn(k, n, 14); return at.mm(b); },
            "second transposed" => () => { using var a = Randn(m, k, 15); using var b = Randn(n, k, 16); using var bt = b.t(); return a.mm(bt); },
            "both transposed" => () => { using var a = Randn(k, m, 17); using var at = a.t(); using var b = Randn(n, k, 18); using var bt = b.t(); return at.mm(bt); },
            "rows of a wider matrix" => () =>
            {
                using var a = Randn(m, k + 40, 19); using var an = a.narrow(1, 20, k);
                using var b = Randn(k, n + 9, 20); using var bn = b.narrow(1, 3, n);
                return an.mm(bn);
            },
            // GCN's second layer on Cora: [2708, 16] x [16, 7], and its weight's gradient [16, 2708] x [2708, 7].
            "gcn" => () =>
            {
                using var h = Randn(2708, 16, 21); using var w = Randn(16, 7, 22); using var g = Randn(2708, 7, 23);
                using var y = h.mm(w); using var ht = h.t(); using var gw = ht.mm(g);
                return cat([y.flatten(), gw.flatten()]);
            },
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, null),
        };
    }

    private static Tensor Randn(long rows, long cols, ulong seed) => randn([rows, cols], generator: new Generator(seed));

    [Fact]
    public void SmallProductsRunOnOneThreadWithThePinnedKernels()
    {
        // Papers.Torch pins OpenBLAS's Haswell kernels (CpuKernels) unless OPENBLAS_CORETYPE was set beforehand.
        if (!CpuKernels.SetBeforehand.Contains("OPENBLAS_CORETYPE"))
            Assert.True(small_products_on_one_thread());
        else
            Assert.Equal(CpuKernels.Describe().StartsWith("OpenBLAS Haswell, ", StringComparison.Ordinal), small_products_on_one_thread());
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void ASmallProductOnTwoThreadsGivesTheOneThreadBits(string layout)
    {
        var compute = Product(layout);
        var one = At(1, Default, compute);
        Assert.Equal(one, At(2, Default, compute));
        Assert.Equal(At(2, 0, compute), At(2, 4096, compute));  // above the threshold: OpenBLAS's own split, as before
    }

    [Fact]
    public void OpenBlasSplitsAProductOnTwoThreadsWithOtherBits()
    {
        // What makes the cases above able to fail: with the policy off, OpenBLAS's 2-thread product rounds differently.
        var compute = Product("row-major");
        Assert.NotEqual(At(1, Default, compute), At(2, 0, compute));
    }

    [Fact]
    public void ALinearLayerAndItsGradientsOnTwoThreadsGiveTheOneThreadBits()
    {
        using var x = randn([256, 601], generator: new Generator(24));
        using var w = randn([24, 601], generator: new Generator(25)).requires_grad_();
        using var bias = randn([24], generator: new Generator(26)).requires_grad_();
        using var target = randn([256, 24], generator: new Generator(27));
        Func<Tensor> step = () =>
        {
            using var y = nn.functional.linear(x, w, bias);
            using var d = y - target;
            using var sq = d * d;
            using var loss = sq.sum();
            loss.backward();
            using var yf = y.detach().flatten();
            using var gw = w.grad!.flatten();
            var all = cat([yf, gw, bias.grad!]);
            w.grad!.zero_();
            bias.grad!.zero_();
            return all;
        };
        var one = At(1, Default, step);
        Assert.NotEqual(one, At(2, 0, step));
        Assert.Equal(one, At(2, Default, step));
    }
}
