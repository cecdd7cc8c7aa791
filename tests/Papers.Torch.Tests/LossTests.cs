using F = Papers.Torch.torch.nn.functional;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Tests;

/// <summary>Losses against their formulas evaluated with System.Math (float64, tolerance 1e-12), and their gradients.</summary>
public class LossTests
{
    private static readonly double[][] Logits = [[1.0, 2.0, 0.5], [0.1, -1.0, 2.0], [3.0, 0.0, -2.0]];

    private static Tensor LogitsTensor() => tensor(Logits.SelectMany(r => r).ToArray(), [3, 3]);

    private static double LogSoftmax(double[] row, int c) => row[c] - Math.Log(row.Sum(Math.Exp));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void CrossEntropyWithClassWeightsDividesByTheCountedWeights()
    {
        using var scope = NewDisposeScope();
        long[] y = [1, 2, 0];
        double[] w = [0.2, 1.0, 3.0];
        // ℓ = Σᵢ w[yᵢ] · (−log softmax(xᵢ)[yᵢ]) / Σᵢ w[yᵢ]
        var expected = Enumerable.Range(0, 3).Sum(i => -w[y[i]] * LogSoftmax(Logits[i], (int)y[i])) / Enumerable.Range(0, 3).Sum(i => w[y[i]]);
        NnAssert.Close([expected], F.cross_entropy(LogitsTensor(), tensor(y), tensor(w)), 1e-12);
        NnAssert.Close([expected], CrossEntropyLoss(tensor(w)).call(LogitsTensor(), tensor(y)), 1e-12);
    }

    [Fact]
    public void CrossEntropyWithLabelSmoothingAndAnIgnoredTarget()
    {
        using var scope = NewDisposeScope();
        const double eps = 0.2;
        long[] y = [1, -1, 0];                                       // sample 1 is ignored (ignore_index −1)
        // Per counted sample: (1 − ε)(−log pᵢ[yᵢ]) + (ε / C) Σ_c (−log pᵢ[c]); the mean runs over the 2 counted samples.
        double PerSample(int i) => (1 - eps) * -LogSoftmax(Logits[i], (int)y[i]) + eps / 3 * -Enumerable.Range(0, 3).Sum(c => LogSoftmax(Logits[i], c));
        var loss = F.cross_entropy(LogitsTensor(), tensor(y), ignore_index: -1, label_smoothing: eps);
        NnAssert.Close([(PerSample(0) + PerSample(2)) / 2], loss, 1e-12);
        var none = F.cross_entropy(LogitsTensor(), tensor(y), ignore_index: -1, label_smoothing: eps, reduction: Reduction.None);
        NnAssert.Close([PerSample(0), 0, PerSample(2)], none, 1e-12);
    }

    [Fact]
    public void CrossEntropyAcceptsClassProbabilities()
    {
        using var scope = NewDisposeScope();
        double[] p = [0.5, 0.25, 0.25, 0, 0, 1, 1, 0, 0];
        // ℓᵢ = −Σ_c pᵢ[c] log softmax(xᵢ)[c], averaged over the batch.
        var expected = Enumerable.Range(0, 3).Sum(i => -Enumerable.Range(0, 3).Sum(c => p[3 * i + c] * LogSoftmax(Logits[i], c))) / 3;
        NnAssert.Close([expected], F.cross_entropy(LogitsTensor(), tensor(p, [3, 3])), 1e-12);
    }

    [Fact]
    public void NllLossPicksTheWeightedTargetLogProbability()
    {
        using var scope = NewDisposeScope();
        var logp = LogitsTensor();
        // Σ −w[yᵢ] xᵢ[yᵢ]: −(2·2 + 1·0.1 + 0.5·(−2)) = −3.1
        NnAssert.Close([-3.1], F.nll_loss(logp, tensor(new long[] { 1, 0, 2 }), tensor(new double[] { 1, 2, 0.5 }), reduction: Reduction.Sum), 1e-12);
        NnAssert.Close([-3.1 / 3.5], NLLLoss(tensor(new double[] { 1, 2, 0.5 })).call(logp, tensor(new long[] { 1, 0, 2 })), 1e-12);
    }

    [Fact]
    public void RegressionLossesReduceByMeanSumOrNothing()
    {
        using var scope = NewDisposeScope();
        var (x, y) = (tensor(new double[] { 1, -2, 3 }), tensor(new double[] { 0, 1, 5 }));
        NnAssert.Close([(1 + 9 + 4) / 3.0], F.mse_loss(x, y), 1e-12);
        NnAssert.Close([14], MSELoss(Reduction.Sum).call(x, y), 1e-12);
        NnAssert.Close([1, 3, 2], F.l1_loss(x, y, Reduction.None), 1e-12);
        NnAssert.Close([2], L1Loss().call(x, y), 1e-12);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsWeighsPositivesByPosWeight()
    {
        using var scope = NewDisposeScope();
        double[] x = [0.3, -1.2, 2.0, 0.0], y = [1, 0, 1, 0.5], posWeight = [2.0, 0.5];
        // ℓ = −[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], with p per class (the last dimension, size 2).
        var expected = Enumerable.Range(0, 4).Select(i =>
            -(posWeight[i % 2] * y[i] * Math.Log(Sigmoid(x[i])) + (1 - y[i]) * Math.Log(1 - Sigmoid(x[i])))).ToArray();
        var (input, target, pw) = (tensor(x, [2, 2]), tensor(y, [2, 2]), tensor(posWeight));
        NnAssert.Close(expected, F.binary_cross_entropy_with_logits(input, target, reduction: Reduction.None, pos_weight: pw), 1e-12);
        NnAssert.Close([expected.Average()], BCEWithLogitsLoss(pos_weight: pw).call(input, target), 1e-12);
    }

    [Fact]
    public void BinaryCrossEntropyOfProbabilities()
    {
        using var scope = NewDisposeScope();
        double[] x = [0.9, 0.2, 0.5], y = [1, 0, 0.3], w = [1, 2, 3];
        var expected = Enumerable.Range(0, 3).Sum(i => -w[i] * (y[i] * Math.Log(x[i]) + (1 - y[i]) * Math.Log(1 - x[i])));
        NnAssert.Close([expected], F.binary_cross_entropy(tensor(x), tensor(y), tensor(w), Reduction.Sum), 1e-12);
        NnAssert.Close([expected / 3], BCELoss(tensor(w)).call(tensor(x), tensor(y)), 1e-12);
    }

    [Fact]
    public void KlDivergenceOfLogProbabilitiesFromProbabilitiesOrLogProbabilities()
    {
        using var scope = NewDisposeScope();
        double[] q = [0.2, 0.3, 0.5, 0.6, 0.3, 0.1], p = [0.1, 0.1, 0.8, 0.3, 0.3, 0.4];
        // KL(p‖q) per sample = Σ_c p log(p / q); batchmean averages it over the 2 samples, mean over the 6 elements.
        var pointwise = p.Zip(q, (a, b) => a * Math.Log(a / b)).ToArray();
        var (logq, target, logp) = (tensor(q, [2, 3]).log(), tensor(p, [2, 3]), tensor(p, [2, 3]).log());
        NnAssert.Close(pointwise, F.kl_div(logq, target, Reduction.None), 1e-12);
        NnAssert.Close([pointwise.Sum() / 2], F.kl_div(logq, target, Reduction.BatchMean), 1e-12);
        NnAssert.Close([pointwise.Sum() / 6], KLDivLoss().call(logq, target), 1e-12);
        NnAssert.Close([pointwise.Sum() / 2], KLDivLoss(Reduction.BatchMean, log_target: true).call(logq, logp), 1e-12);
    }

    [Fact]
    public void LossGradientsMatchFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(11);
        var x = randn([4, 3], float64, generator: g);
        var classes = tensor(new long[] { 0, 2, 1, 2 });
        var w = tensor(new double[] { 0.5, 1, 2 });
        var probs = rand([4, 3], float64, generator: g) * 0.8 + 0.1;
        var soft = randn([4, 3], float64, generator: g).softmax(1);
        Assert.True(autograd.gradcheck(t => F.cross_entropy(t[0], classes, w, label_smoothing: 0.1), [x]) < 1e-5);
        Assert.True(autograd.gradcheck(t => F.cross_entropy(t[0], t[1]), [x, soft]) < 1e-5);
        Assert.True(autograd.gradcheck(t => F.nll_loss(t[0].log_softmax(1), classes, w), [x]) < 1e-5);
        Assert.True(autograd.gradcheck(t => F.mse_loss(t[0], t[1]), [x, soft]) < 1e-5);
        Assert.True(autograd.gradcheck(t => F.l1_loss(t[0], t[1]), [x, soft]) < 1e-5);
        // libtorch 1.13 does not differentiate with respect to pos_weight, so it stays a constant here.
        Assert.True(autograd.gradcheck(t => F.binary_cross_entropy_with_logits(t[0], t[1], pos_weight: w), [x, probs]) < 1e-5);
        Assert.True(autograd.gradcheck(t => F.binary_cross_entropy(t[0], t[1]), [probs, soft]) < 1e-5);
        Assert.True(autograd.gradcheck(t => F.kl_div(t[0], t[1], Reduction.BatchMean), [soft.log(), probs]) < 1e-5);
    }

    [Fact]
    public void LossesRejectMismatchedShapesAndMisplacedReductions()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => F.mse_loss(zeros([3]), zeros([3, 1])));
        Assert.Equal("mse_loss: target size [3, 1] must be the same as input size [3]", e.Message);
        Assert.Throws<ArgumentException>(() => F.binary_cross_entropy_with_logits(zeros([2, 1]), zeros([2])));
        Assert.Contains("kl_div only", Assert.Throws<ArgumentException>(() => F.l1_loss(zeros([2]), zeros([2]), Reduction.BatchMean)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.cross_entropy(zeros([2, 3]), zeros([2], int64), label_smoothing: 1.5));
    }
}
