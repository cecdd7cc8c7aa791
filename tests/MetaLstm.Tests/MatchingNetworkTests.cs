using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm.Tests;

[Collection("Serial")]
public class MatchingNetworkTests
{
    private static Tensor Matrix(double[,] values) => tensor(values.Cast<double>().ToArray(), [values.GetLength(0), values.GetLength(1)], dtype: ScalarType.Float64);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>
    /// Eqs. 1–2 by hand: queries f = (1, 0) and (1, 1), support g = (1, 0), (0, 2), (−3, 0) with labels 0, 1, 1. Cosines
    /// (1, 0, −1) and (s, s, −s) with s = 1/√2; ŷ sums the softmax weights of each label.
    /// </summary>
    [Fact]
    public void AttentionOverCosineSimilaritiesMatchesHandComputedValues()
    {
        using var f = Matrix(new double[,] { { 1, 0 }, { 1, 1 } });
        using var g = Matrix(new double[,] { { 1, 0 }, { 0, 2 }, { -3, 0 } });
        using var labels = tensor(new long[] { 0, 1, 1 });
        using var yHat = MatchingNetwork.Attention(f, g, labels, ways: 2);
        Assert.Equal([2L, 2L], yHat.shape);
        var (e, s) = (Math.E, 1 / Math.Sqrt(2));
        var z1 = e + 1 + 1 / e;
        var z2 = 2 * Math.Exp(s) + Math.Exp(-s);
        double[] expected = [e / z1, (1 + 1 / e) / z1, Math.Exp(s) / z2, (Math.Exp(s) + Math.Exp(-s)) / z2];
        AssertClose.Equal(expected, yHat.data<double>().ToArray(), abs: 1e-12);
        using var queryLabels = tensor(new long[] { 0, 1 });
        using var loss = MatchingNetwork.Loss(yHat, queryLabels);
        AssertClose.Equal(-(Math.Log(expected[0]) + Math.Log(expected[3])) / 2, loss.ToDouble(), abs: 1e-12);
    }

    [Fact]
    public void CosineSimilarityOfAZeroRowIsZero()
    {
        using var a = Matrix(new double[,] { { 0, 0 }, { 3, 4 } });
        using var b = Matrix(new double[,] { { 4, 3 } });
        AssertClose.Equal([0, 24.0 / 25], Cosine.Similarities(a, b).data<double>().ToArray(), abs: 1e-12);
    }

    // A 5-way 1-shot episode of random 16×16 images, 2 queries per class, in float64.
    private static (Tensor Support, Tensor Labels, Tensor Query, Tensor QueryLabels) Episode(Generator generator) =>
        (rand([5, 1, 16, 16], dtype: ScalarType.Float64, generator: generator), tensor(new long[] { 3, 0, 4, 1, 2 }),
         rand([10, 1, 16, 16], dtype: ScalarType.Float64, generator: generator), tensor(new long[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 }));

    /// <summary>
    /// The gradient of −log P(y | x̂, S) through the embedding (and, with FCE, the LSTMs, set to random values first)
    /// against central finite differences in float64, on 5 entries of every parameter tensor.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MatchingLossGradientMatchesFiniteDifferences(bool fce)
    {
        using var generator = new Generator(7);
        var learner = new Learner(1, 16, 5);
        using var model = new MatchingNetwork(learner, generator, fce ? 2 : null, dropout: 0).to(ScalarType.Float64);
        if (model.Fce is { } lstms)
            using (no_grad())
                foreach (var p in lstms.parameters()) p.copy_((rand(p.shape, dtype: ScalarType.Float64, generator: generator) - 0.5) * 0.4);
        var (support, labels, query, queryLabels) = Episode(generator);
        double Objective()
        {
            using var scope = NewDisposeScope();
            return MatchingNetwork.Loss(model.Predict(support, labels, query, 5), queryLabels).ToDouble();
        }
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            MatchingNetwork.Loss(model.Predict(support, labels, query, 5), queryLabels).backward();
        }
        var checkedEntries = 0;
        var parameters = model.Fce is null ? [model.Theta] : new[] { model.Theta }.Concat(model.Fce.parameters()).ToArray();
        foreach (var parameter in parameters)
        {
            var analytic = parameter.grad!.flatten().data<double>().ToArray();
            using var picks = randperm(analytic.Length, generator: generator);
            foreach (var k in picks.data<long>().Take(ReferenceEquals(parameter, model.Theta) ? 60 : 5).Select(i => (int)i))
            {
                AssertClose.Equal(FiniteDifferences.Central(parameter, k, Objective), analytic[k], abs: 1e-8, rel: 1e-5);
                checkedEntries++;
            }
        }
        Assert.Equal(fce ? 60 + 3 * 4 * 5 : 60, checkedEntries);
        Assert.True(parameters.All(p => p.grad!.abs().sum().ToDouble() > 0), "every parameter tensor receives a gradient");
    }

    /// <summary>Every LSTM weight and bias starts at zero (RecurrentLSTMNetwork.lua), so the FCE network starts as the plain one, exactly.</summary>
    [Fact]
    public void AnFceNetworkStartsAsThePlainOne()
    {
        var learner = new Learner(1, 16, 5);
        using var first = new Generator(3);
        using var second = new Generator(3);
        using var plain = new MatchingNetwork(learner, first, null, dropout: 0);
        using var fce = new MatchingNetwork(learner, second, 3, dropout: 0);
        using var data = new Generator(4);
        var (support, labels, query, _) = Episode(data);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Assert.Equal(plain.Predict(support.to(ScalarType.Float32), labels, query.to(ScalarType.Float32), 5).data<float>().ToArray(),
            fce.Predict(support.to(ScalarType.Float32), labels, query.to(ScalarType.Float32), 5).data<float>().ToArray());
    }

    /// <summary>
    /// The skip connections and the directions by hand. With every LSTM weight zero and only the input biases set, each
    /// LSTM's output no longer depends on its input: after t steps, cₜ = σ(b_f) cₜ₋₁ + σ(b_i) tanh(b_g), hₜ = σ(b_o) tanh(cₜ).
    /// So g(xᵢ) = g'(xᵢ) + h→ after i + 1 steps + h← after S − i steps (the backward LSTM reads from the end), and
    /// f(x̂) = f'(x̂) + the attention LSTM's h after K steps.
    /// </summary>
    [Fact]
    public void FceSkipConnectionsAddTheBiasOnlyLstmOutputs()
    {
        const int features = 3, support = 4, queries = 2, steps = 3;
        using var fce = new FullContextEmbedding(features, steps).to(ScalarType.Float64);
        var biases = new Dictionary<string, double[]>
        {
            ["forward"] = [0.3, 1.2, 0.8, -0.4], ["backward"] = [-0.6, 0.5, -1.1, 0.9], ["attention"] = [0.2, -0.7, 1.5, 0.1],   // i, f, g, o
        };
        using (no_grad())
            foreach (var (name, p) in fce.named_parameters().Where(p => p.name.EndsWith(".bias_ih", StringComparison.Ordinal)))
                p.copy_(tensor(biases[name.Split('.')[0]].SelectMany(b => Enumerable.Repeat(b, features)).ToArray(), dtype: ScalarType.Float64));
        double[] Outputs(double[] b, int count)
        {
            var (c, h) = (0.0, new double[count + 1]);
            for (var t = 1; t <= count; t++)
            {
                c = Sigmoid(b[1]) * c + Sigmoid(b[0]) * Math.Tanh(b[2]);
                h[t] = Sigmoid(b[3]) * Math.Tanh(c);
            }
            return h;
        }
        var (forward, backward, attention) = (Outputs(biases["forward"], support), Outputs(biases["backward"], support), Outputs(biases["attention"], steps));
        using var generator = new Generator(9);
        using var gPrime = randn([support, features], dtype: ScalarType.Float64, generator: generator);
        using var fPrime = randn([queries, features], dtype: ScalarType.Float64, generator: generator);
        using var noGrad = no_grad();
        using var g = fce.G(gPrime);
        using var f = fce.F(fPrime, g);
        Assert.Equal([(long)support, features], g.shape);
        Assert.Equal([(long)queries, features], f.shape);
        var (gp, gv) = (gPrime.data<double>().ToArray(), g.data<double>().ToArray());
        for (var i = 0; i < support; i++)
            for (var d = 0; d < features; d++)
                AssertClose.Equal(gp[i * features + d] + forward[i + 1] + backward[support - i], gv[i * features + d], abs: 1e-12);
        var (fp, fv) = (fPrime.data<double>().ToArray(), f.data<double>().ToArray());
        for (var q = 0; q < queries * features; q++) AssertClose.Equal(fp[q] + attention[steps], fv[q], abs: 1e-12);
    }
}
