using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>The two directions of the digit experiment: X = MNIST → Y = USPS through G, and Y → X through F.</summary>
public static class Directions
{
    public const string MnistToUsps = "MNIST → USPS";
    public const string UspsToMnist = "USPS → MNIST";
}

/// <summary>
/// One direction's scores, a row of runs.csv: CyCADA's pixel-level metric (a LeNet trained on translated labelled source
/// images, tested on the target's test set) beside the source-only LeNet (raw source images), label preservation
/// (the target-trained LeNet on translated source test images, scored against their source labels), and the
/// cycle reconstruction error ‖F(G(x)) − x‖₁ on the source test images.
/// </summary>
public sealed record DirectionRun(string Direction, double SemanticWeight, int Seed, long Iterations, double TranslatedAccuracy,
    double SourceOnlyAccuracy, double LabelPreservation, double TargetOracleAccuracy, double CycleL1, double Seconds, double SecondsPerIteration);

/// <summary>The LeNets trained on raw data: on the source (source only) and on the target (the oracle that scores label preservation).</summary>
public sealed record RawClassifiers(LeNet Mnist, LeNet Usps);

/// <summary>CyCADA's evaluation of a pixel-level translation (Hoffman et al. 2018, §5.1 and Table 1).</summary>
public static class Evaluate
{
    /// <summary>A LeNet on each domain's raw labelled training images (the first ClassifierExamples of each).</summary>
    public static RawClassifiers TrainRaw(CycleGanConfig config, DigitSet mnist, DigitSet usps, int seed, Device on)
    {
        var (m, u) = (mnist.Take(config.ClassifierExamples), usps.Take(config.ClassifierExamples));
        return new RawClassifiers(Classifiers.Train(config, $"lenet-mnist-raw-seed{seed}", m.Images, m.Labels, seed, on),
            Classifiers.Train(config, $"lenet-usps-raw-seed{seed}", u.Images, u.Labels, seed, on));
    }

    /// <summary>
    /// Scores one direction: <paramref name="translate"/> maps the source domain to the target; <paramref name="back"/>
    /// maps it back (for the cycle error).
    /// </summary>
    public static DirectionRun Direction(CycleGanConfig config, string direction, CycleGanModel model, int seed, (long Iterations, double Seconds) trained,
        (DigitSet Train, DigitSet Test) source, DigitSet targetTest, LeNet sourceOnly, LeNet targetOracle, Device on)
    {
        var (translate, back) = direction == Directions.MnistToUsps ? (model.G, model.F) : (model.F, model.G);
        var train = source.Train.Take(config.ClassifierExamples);
        var test = source.Test.Take(config.TestExamples);
        using var translatedTrain = model.Translate(translate, train.Images);      // [N, 1, 32, 32]
        var name = $"lenet-{(direction == Directions.MnistToUsps ? "g-mnist" : "f-usps")}-{Train.RunName(model.SemanticWeight, seed)}";
        using var onTranslated = Classifiers.Train(config, name, translatedTrain, train.Labels, seed, on);
        using var translatedTest = model.Translate(translate, test.Images);
        using var reconstructed = model.Translate(back, translatedTest);
        var cycle = (reconstructed - test.Images).abs().mean().ToDouble();
        return new DirectionRun(direction, model.SemanticWeight, seed, trained.Iterations,
            Classifiers.Accuracy(onTranslated, targetTest.Images, targetTest.Labels, on),
            Classifiers.Accuracy(sourceOnly, targetTest.Images, targetTest.Labels, on),
            Classifiers.Accuracy(targetOracle, translatedTest, test.Labels, on),
            Classifiers.Accuracy(targetOracle, targetTest.Images, targetTest.Labels, on),
            cycle, trained.Seconds, trained.Seconds / Math.Max(1, trained.Iterations));
    }
}
