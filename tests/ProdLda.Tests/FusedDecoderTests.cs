using Papers.Torch;
using static Papers.Torch.torch;
using F = Papers.Torch.torch.nn.functional;

namespace Papers.ProdLda.Tests;

/// <summary>
/// ProdLDA's decoder and reconstruction term as native passes (<c>batch_norm_softmax</c> and <c>count_nll</c>,
/// shared/Papers.Torch/native/src/topicmodel.cpp) against the same operations as separate libtorch ops
/// (<see cref="Avitm.DecoderComposite"/>, <see cref="Elbo.ReconstructionComposite"/>), forward and backward.
/// </summary>
[Collection("Serial")]
public class FusedDecoderTests
{
    private static double MaxAbs(float[] values) => values.Max(v => Math.Abs((double)v));

    private static float[] Values(Tensor t) => t.detach().flatten().data<float>().ToArray();

    /// <summary>A ProdLDA model with a decoder shift away from its zero initialisation.</summary>
    private static Avitm Model(int vocabulary, Generator generator)
    {
        var model = new Avitm(Decoder.ProdLda, vocabulary, hidden: 8, topics: 5, keep: 0.4);
        using var noGrad = no_grad();
        model.named_parameters().Single(p => p.name == "decoder_shift").parameter.copy_(randn([vocabulary], generator: generator) * 0.5);
        return model;
    }

    /// <summary>x̂ from logits y, then the backward of a weighted sum of x̂: x̂, ∂/∂y and ∂/∂shift.</summary>
    private static (float[] XHat, float[] DLogits, float[] DShift) Decode(Avitm model, Tensor logits, Tensor weights, bool fused)
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        var y = logits.detach().requires_grad_(true);
        var shift = model.named_parameters().Single(p => p.name == "decoder_shift").parameter;
        var xHat = fused ? F.batch_norm_softmax(y, shift, Avitm.BatchNormEpsilon)! : model.DecoderComposite(y);
        (xHat * weights).sum().backward();
        return (Values(xHat), Values(y.grad!), Values(shift.grad!));
    }

    [Theory]
    [InlineData(200, 1995)]   // the paper's batch of 200 over 20 Newsgroups' 1,995 words: 249 vectors of 8 and 3 more a row
    [InlineData(7, 13)]       // a vector and a tail a row; one partial chunk of columns
    [InlineData(2, 9)]        // two rows: each column's variance is the square of half their difference
    public void TheBatchNormedSoftmaxMatchesTheCompositeForwardAndBackward(int rows, int vocabulary)
    {
        using var generator = new Generator(3);
        using var model = Model(vocabulary, generator);
        using var logits = randn([rows, vocabulary], generator: generator) * 3 + randn([1, vocabulary], generator: generator);
        using var weights = randn([rows, vocabulary], generator: generator);
        var fused = Decode(model, logits, weights, fused: true);
        var composite = Decode(model, logits, weights, fused: false);
        // float rounding: the mean comes from a double Welford sum, exp from a Cephes polynomial, the sums in other orders
        AssertClose.Equal(composite.XHat, fused.XHat, abs: 2e-6 * MaxAbs(composite.XHat));
        Assert.True(MaxAbs(composite.DLogits) > 1e-4, "the logits' gradient is too small to check anything");
        AssertClose.Equal(composite.DLogits, fused.DLogits, abs: 2e-5 * MaxAbs(composite.DLogits));
        AssertClose.Equal(composite.DShift, fused.DShift, abs: 2e-5 * MaxAbs(composite.DShift));
        using var rowSums = tensor(fused.XHat, [rows, vocabulary]).sum(1);
        AssertClose.Equal(Enumerable.Repeat(1f, rows).ToArray(), Values(rowSums), abs: 1e-5);
    }

    [Theory]
    [InlineData(200, 200, 1995)]   // a training batch: each document against its own x̂
    [InlineData(1, 30, 1995)]      // the authors' test cost: one document against 30 samples of x̂
    [InlineData(3, 3, 5)]          // a tail only
    public void TheReconstructionMatchesTheCompositeAndHasItsGradient(int documents, int samples, int vocabulary)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);
        // sparse counts, as a bag of words is, and probabilities that reach zero (log(1e-10) there)
        var density = vocabulary > 100 ? 0.05 : 0.6;
        var counts = (rand([documents, vocabulary], generator: generator) < density).to(ScalarType.Float32) * randint(1, 6, [documents, vocabulary], generator: generator).to(ScalarType.Float32);
        var raw = (randn([samples, vocabulary], generator: generator) * 4).data<float>().ToArray();
        for (var s = 0; s < samples; s++) raw[s * vocabulary] = -200f;
        var probabilities = tensor(raw, [samples, vocabulary]).softmax(1);
        var weights = rand([samples], generator: generator);
        (float[] Value, float[] Gradient) Run(bool fused)
        {
            var p = probabilities.detach().requires_grad_(true);
            var r = fused ? F.count_nll(counts, p, Avitm.ReconstructionFloor)! : Elbo.ReconstructionComposite(counts, p);
            (r * weights).sum().backward();
            return (Values(r), Values(p.grad!));
        }
        var fusedRun = Run(fused: true);
        var compositeRun = Run(fused: false);
        Assert.Equal([samples], F.count_nll(counts, probabilities, Avitm.ReconstructionFloor)!.shape);
        Assert.True(compositeRun.Value.Min() > 0, "a row without counts checks nothing");
        // float rounding: the log from a Cephes polynomial, the terms summed in double
        AssertClose.Equal(compositeRun.Value, fusedRun.Value, abs: 0, rel: 2e-6);
        Assert.Equal(compositeRun.Gradient, fusedRun.Gradient);   // the same elementwise operations, to the bit
    }

    [Fact]
    public void OneTrainingStepsLossAndGradientsAgreeFusedAndComposite()
    {
        var corpus = SyntheticCorpus.Draw(7);
        using var documents = corpus.ToTensor();
        var prior = LaplacePrior.Symmetric(SyntheticCorpus.Topics, 1.0);
        var (priorMean, priorVariance) = Train.PriorTensors(prior, CPU);
        using var _ = priorMean;
        using var __ = priorVariance;
        using var model = new Avitm(Decoder.ProdLda, SyntheticCorpus.Vocabulary, hidden: 20, topics: SyntheticCorpus.Topics, keep: 0.4);
        (double Loss, Dictionary<string, float[]> Gradients) Step(bool fused)
        {
            using var scope = NewDisposeScope();
            model.Fused = fused;
            model.zero_grad();
            manual_seed(5);                                                        // the same rows, ε and dropout masks
            var x = documents.index_select(0, randint(documents.shape[0], [64]));
            var output = model.call(x, randn([64, model.Topics]));
            var cost = Elbo.Reconstruction(x, output.XHat, fused).mean() + Elbo.Kl(output.Mu, output.LogSigma2, priorMean, priorVariance).mean();
            cost.backward();
            return (cost.ToDouble(), model.named_parameters().ToDictionary(p => p.name, p => Values(p.parameter.grad!)));
        }
        model.train();
        var (fusedLoss, fusedGradients) = Step(fused: true);
        var (compositeLoss, compositeGradients) = Step(fused: false);
        AssertClose.Equal(compositeLoss, fusedLoss, abs: 0, rel: 1e-6);
        Assert.Equal(12, compositeGradients.Count);
        foreach (var (name, composite) in compositeGradients)
        {
            if (name is "mean.bias" or "log_variance.bias")
            {
                // a batch norm follows them and takes a constant shift out: their gradient is zero up to rounding
                Assert.True(MaxAbs(composite) < 1e-6 && MaxAbs(fusedGradients[name]) < 1e-6, $"{name}'s gradient is not zero");
                continue;
            }
            Assert.True(MaxAbs(composite) > 1e-4, $"{name}'s gradient is too small to check anything");
            AssertClose.Equal(composite, fusedGradients[name], abs: 1e-5 * MaxAbs(composite));
        }
    }

    [Fact]
    public void TheThreadCountDoesNotChangeOneBit()
    {
        using var generator = new Generator(8);
        using var model = Model(1995, generator);
        using var logits = randn([200, 1995], generator: generator) * 3;
        using var weights = randn([200, 1995], generator: generator);
        using var counts = (rand([200, 1995], generator: generator) < 0.05).to(ScalarType.Float32);
        var threads = get_num_threads();
        try
        {
            (float[], float[], float[], float[]) Run(int n)
            {
                set_num_threads(n);
                using var scope = NewDisposeScope();
                var decoded = Decode(model, logits, weights, fused: true);
                var p = logits.softmax(1).requires_grad_(true);
                var r = F.count_nll(counts, p, Avitm.ReconstructionFloor)!;
                r.sum().backward();
                return (decoded.XHat, decoded.DLogits, Values(r), Values(p.grad!));
            }
            var one = Run(1);
            var two = Run(2);
            Assert.Equal(one.Item1, two.Item1);
            Assert.Equal(one.Item2, two.Item2);
            Assert.Equal(one.Item3, two.Item3);
            Assert.Equal(one.Item4, two.Item4);
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void TheFusedPassesRunOnFloatCpuTensorsAndLeaveTheRestToTheComposites()
    {
        using var scope = NewDisposeScope();
        Assert.True(CpuKernels.CanPin, "this machine has no AVX2 and FMA: the fused passes never run here");
        Assert.NotNull(F.batch_norm_softmax(randn([4, 9]), zeros([9]), 1e-3));
        Assert.Null(F.batch_norm_softmax(randn([4, 9], dtype: ScalarType.Float64), zeros([9], dtype: ScalarType.Float64), 1e-3));
        Assert.NotNull(F.count_nll(ones([1, 9]), rand([4, 9]), 1e-10));
        Assert.Null(F.count_nll(ones([1, 9]).requires_grad_(true), rand([4, 9]), 1e-10));   // counts with a gradient
        Assert.Null(F.count_nll(ones([1, 9], dtype: ScalarType.Float64), rand([4, 9], dtype: ScalarType.Float64), 1e-10));
    }

    [Fact]
    public void ARowHoldingNanComesOutNan()
    {
        using var scope = NewDisposeScope();
        var raw = randn([3, 11]).data<float>().ToArray();
        raw[11 + 4] = float.NaN;
        var y = tensor(raw, [3, 11]);
        var xHat = Values(F.batch_norm_softmax(y, zeros([11]), 1e-3)!);
        Assert.All(xHat, v => Assert.True(float.IsNaN(v)));                     // column 4's NaN mean reaches every row
        var composite = Values((((y - y.mean([0], keepdim: true)) / (y.var(0, unbiased: false, keepdim: true) + 1e-3).sqrt())).softmax(1));
        Assert.All(composite, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void InputsOfTheWrongShapeAreRefused()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("the shift must be [9]", Assert.Throws<TorchException>(() => F.batch_norm_softmax(zeros([4, 9]), zeros([8]), 1e-3)).Message);
        Assert.Contains("must be [B, V]", Assert.Throws<TorchException>(() => F.batch_norm_softmax(zeros([9]), zeros([9]), 1e-3)).Message);
        Assert.Contains("do not match", Assert.Throws<TorchException>(() => F.count_nll(zeros([2, 9]), zeros([4, 9]), 1e-10)).Message);
    }
}
