namespace Papers.Hnn.Tests;

/// <summary>Every model's hand-written backward pass against central finite differences of its loss, in float64.</summary>
public class ModelGradientTests
{
    private static readonly SentencePair Pair = new([3, 17, 42, 8, 99, 5], [3, 17, 50], 1);

    [Theory]
    [InlineData(Variant.EuclideanRnn)]
    [InlineData(Variant.HyperbolicRnnEuclideanMlr)]
    [InlineData(Variant.HyperbolicRnn)]
    [InlineData(Variant.EuclideanGru)]
    [InlineData(Variant.HyperbolicGruEuclideanMlr)]
    [InlineData(Variant.HyperbolicGru)]
    public void BackwardMatchesFiniteDifferences(Variant variant)
    {
        var model = new PrefixModel(variant, Prefix.Vocabulary, 5, 1.0, 0.3, new Random(7));
        var random = new Random(11);
        foreach (var p in model.Parameters)   // move biases and MLR points off zero so every path carries gradient
            if (p.Geometry != Geometry.HyperbolicWords && p.Rows == 1)
                for (var i = 0; i < p.Value.Length; i++) p.Value[i] = 0.2 * (random.NextDouble() - 0.5);
        var logits = new double[PrefixModel.Classes];
        model.Forward(Pair.Sentence1, Pair.Sentence2, logits);
        model.Backward(Pair.Sentence1, Pair.Sentence2, logits, Pair.Label, 1.0);
        const double h = 1e-6;
        var worst = 0.0;
        foreach (var p in model.Parameters)
            for (var i = 0; i < p.Value.Length; i++)
            {
                if (p.Geometry == Geometry.HyperbolicWords && !Pair.Sentence1.Concat(Pair.Sentence2).Contains(i / p.Cols)) continue;
                var saved = p.Value[i];
                p.Value[i] = saved + h;
                var plus = Loss(model, logits);
                p.Value[i] = saved - h;
                var minus = Loss(model, logits);
                p.Value[i] = saved;
                var numeric = (plus - minus) / (2 * h);
                var error = Math.Abs(numeric - p.Grad[i]) / Math.Max(1e-3, Math.Abs(numeric) + Math.Abs(p.Grad[i]));
                Assert.True(error < 1e-5, $"{variant} {p.Name}[{i}]: analytic {p.Grad[i]:R}, numeric {numeric:R}");
                worst = Math.Max(worst, error);
            }
        Assert.True(worst < 1e-5);
    }

    private static double Loss(PrefixModel model, double[] logits)
    {
        model.Forward(Pair.Sentence1, Pair.Sentence2, logits);
        var max = Math.Max(logits[0], logits[1]);
        return -(logits[Pair.Label] - max - Math.Log(Math.Exp(logits[0] - max) + Math.Exp(logits[1] - max)));
    }
}
