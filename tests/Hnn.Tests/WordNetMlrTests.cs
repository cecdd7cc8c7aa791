namespace Papers.Hnn.Tests;

/// <summary>Table 2's split and score.</summary>
public class WordNetMlrTests
{
    /// <summary>F1 = 2TP / (2TP + FP + FN): 3 true positives, 1 false positive, 2 false negatives → 6/9.</summary>
    [Fact]
    public void F1ScoreMatchesItsDefinition()
    {
        var outcomes = new[] { (true, true), (true, true), (true, true), (false, true), (true, false), (true, false), (false, false) };
        Assert.Equal(100.0 * 6 / 9, WordNetMlr.F1Score(outcomes), 1e-12);
        Assert.Equal(0, WordNetMlr.F1Score([(true, false), (false, false)]));
    }

    [Fact]
    public void SplitKeepsEightyPercentOfEachClassForTraining()
    {
        var inside = Enumerable.Range(0, 1000).Select(i => i % 10 == 0).ToArray();
        var (train, test) = WordNetMlr.Split(inside, new Random(0));
        Assert.Equal(80, train.Count(i => inside[i]));
        Assert.Equal(720, train.Count(i => !inside[i]));
        Assert.Equal(1000, train.Concat(test).Distinct().Count());
    }

    /// <summary>
    /// 40 points in a cap around angle 0 (norm 0.9) against 360 elsewhere (angles 45°-315°, norms 0.5-0.95), 4 of
    /// those labelled positive too, so that no classifier can drive the loss to 0: every classifier finds the cap, and
    /// each training stops on its loss plateau before the epoch limit.
    /// </summary>
    [Theory]
    [InlineData(MlrKind.Hyperbolic)]
    [InlineData(MlrKind.Euclidean)]
    [InlineData(MlrKind.LogZeroEuclidean)]
    public void EachClassifierSeparatesACapAndStopsOnItsLossPlateau(MlrKind kind)
    {
        var random = new Random(5);
        var embedding = new PoincareEmbedding(400, 2, random);
        var inside = new bool[400];
        for (var i = 0; i < 400; i++)
        {
            inside[i] = i < 40 || i % 90 == 0;
            var (angle, norm) = i < 40
                ? ((random.NextDouble() - 0.5) * 20 * Math.PI / 180, 0.9)
                : ((45 + 270 * random.NextDouble()) * Math.PI / 180, 0.5 + 0.45 * random.NextDouble());
            (embedding.Points[2 * i], embedding.Points[2 * i + 1]) = (norm * Math.Cos(angle), norm * Math.Sin(angle));
        }
        var training = new MlrTraining(MaxEpochs: 2000, Patience: 20, Tolerance: 0.001, AdamLearningRate: 0.01, RsgdLearningRate: 0.1);
        var (run, _, _) = WordNetMlr.Run(embedding, inside, "cap", kind, training, seed: 0);
        // the cap alone scores 2·40/(2·40 + 4) = 95% on all the nodes; calling every node positive, 2·44/(2·44 + 356) = 20%
        Assert.InRange(run.TrainF1, 70, 100);
        Assert.InRange(run.TestF1, 70, 100);
        Assert.InRange(run.Epochs, training.Patience + 1, training.MaxEpochs - 1);
        // at logit 0 the weighted loss is ln 2 (w·35 + 284)/319 = ln 2 · 2·284/319 = 1.234 (w = 284/35 on the training split)
        Assert.InRange(run.TrainLoss, 0.01, 0.5 * Math.Log(2) * 2 * 284 / 319);
        Assert.Equal((44, 356, 0, kind.ToString()), (run.Positives, run.Negatives, run.Seed, run.Classifier));
    }
}
