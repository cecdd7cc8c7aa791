using System.Diagnostics;

namespace Papers.Hnn;

/// <summary>One training run of Table 1: its best validation accuracy and the test accuracy at that point.</summary>
public sealed record PrefixRun(string Dataset, string Model, int Seed, int TrainPairs, int Epochs, double BestValidationAccuracy,
    double TestAccuracy, long BestStep, long Steps, double Seconds, double StepsPerSecond);

/// <summary>One evaluation during training (every EvalEvery batches, as hyp_rnn.py's PRINT_STEP).</summary>
public sealed record PrefixEval(string Dataset, string Model, int Seed, int Epoch, long Step, double TrainLoss, double ValidationAccuracy, double TestAccuracy);

/// <summary>The training loop of hyp_rnn.py: batches of consecutive pairs, batch order shuffled each epoch, best test by validation.</summary>
public static class Train
{
    public static PrefixRun Run(HnnConfig config, string dataset, Variant variant, int seed, IReadOnlyList<SentencePair> train,
        IReadOnlyList<SentencePair> dev, IReadOnlyList<SentencePair> test, List<PrefixEval>? curve = null)
    {
        var random = new Random(seed);
        var model = new PrefixModel(variant, Prefix.Vocabulary, config.Dimension, config.Curvature, config.WordInitAverageNorm, random);
        var optimizers = new Optimizers(model.Parameters, config.Curvature, config.AdamLearningRate, config.WordLearningRate, config.HyperbolicLearningRate);
        // dataset_to_minibatches: consecutive pairs (a negative and its positive share sentence 1), fixed once
        var batches = Enumerable.Range(0, (train.Count + config.BatchSize - 1) / config.BatchSize).ToArray();
        var (bestValidation, bestTest, bestStep, step) = (-1.0, 0.0, 0L, 0L);
        var (lossSum, lossCount) = (0.0, 0);
        var clock = Stopwatch.StartNew();
        var trainingSeconds = 0.0;

        void Evaluate(int epoch)
        {
            trainingSeconds += clock.Elapsed.TotalSeconds;
            var validation = Accuracy(model, dev);
            var testAccuracy = Accuracy(model, test);
            if (validation > bestValidation) (bestValidation, bestTest, bestStep) = (validation, testAccuracy, step);
            curve?.Add(new PrefixEval(dataset, variant.ToString(), seed, epoch, step, lossCount == 0 ? double.NaN : lossSum / lossCount, validation, testAccuracy));
            (lossSum, lossCount) = (0.0, 0);
            clock.Restart();
        }

        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            random.Shuffle(batches);
            for (var i = 0; i < batches.Length; i++)
            {
                if (i % config.EvalEvery == 0 && step > 0) Evaluate(epoch);
                var start = batches[i] * config.BatchSize;
                var end = Math.Min(start + config.BatchSize, train.Count);
                var batchLoss = Gradients(model, train, start, end);
                if (!double.IsFinite(batchLoss)) throw new InvalidOperationException($"{dataset} {variant} seed {seed}: loss is {batchLoss} at step {step}");
                optimizers.Step();
                (lossSum, lossCount) = (lossSum + batchLoss / (end - start), lossCount + 1);
                step++;
            }
        }
        Evaluate(config.Epochs - 1);
        return new PrefixRun(dataset, variant.ToString(), seed, train.Count, config.Epochs, bestValidation, bestTest, bestStep, step,
            trainingSeconds, step / trainingSeconds);
    }

    /// <summary>
    /// The forward and backward pass of one batch, pairs [<paramref name="start"/>, <paramref name="end"/>) one at a time:
    /// adds the gradients of the batch's mean loss into the parameters' buffers and returns the summed loss.
    /// </summary>
    public static double Gradients(PrefixModel model, IReadOnlyList<SentencePair> pairs, int start, int end)
    {
        Span<double> logits = stackalloc double[PrefixModel.Classes];
        var batchLoss = 0.0;
        for (var j = start; j < end; j++)
        {
            var pair = pairs[j];
            model.Forward(pair.Sentence1, pair.Sentence2, logits);
            batchLoss += model.Backward(pair.Sentence1, pair.Sentence2, logits, pair.Label, 1.0 / (end - start));
        }
        return batchLoss;
    }

    public static double Accuracy(PrefixModel model, IReadOnlyList<SentencePair> pairs)
    {
        Span<double> logits = stackalloc double[PrefixModel.Classes];
        var correct = 0;
        foreach (var pair in pairs)
        {
            model.Forward(pair.Sentence1, pair.Sentence2, logits);
            if ((logits[1] > logits[0] ? 1 : 0) == pair.Label) correct++;
        }
        return (double)correct / pairs.Count;
    }
}
