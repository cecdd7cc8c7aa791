using Xunit.Abstractions;

namespace Papers.Hnn.Tests;

/// <summary>
/// A reduced PREFIX-10% run (10k generated pairs, 2 epochs, seed 0, the first 2000 dev and test pairs), pinned: a diff
/// means a real change. At 314 steps both models are still on the loss plateau at ln 2 that the full runs leave only
/// after thousands of steps (README, "Table 1"), so the snapshot pins the numbers without claiming a winner.
/// </summary>
[Collection("Serial")]
public class PrefixTrainingTests(ITestOutputHelper output)
{
    [DataFact("hyperbolic/prefix_10_dataset/dev", "hyperbolic/prefix_10_dataset/test")]
    public void ReducedPrefix10Run()
    {
        var config = new HnnConfig { TrainPairs = 10_000, Epochs = 2, Seeds = 1, EvalEvery = 1000 };
        var dev = Prefix.Load(Prefix.Folder(10), "dev")[..2000];
        var test = Prefix.Load(Prefix.Folder(10), "test")[..2000];
        var train = Prefix.Generate(10, config.TrainPairs, config.DataSeed + 10);
        var curve = new List<PrefixEval>();
        var runs = new[] { Variant.EuclideanRnn, Variant.HyperbolicGru }
            .Select(v => Train.Run(config, "PREFIX-10%", v, 0, train, dev, test, curve) with { Seconds = 0, StepsPerSecond = 0 }).ToList();
        foreach (var run in runs) output.WriteLine($"{run.Model}: test {100 * run.TestAccuracy:F2}% at best validation {100 * run.BestValidationAccuracy:F2}%");
        Snapshot.VerifyCsv(runs, new CsvTolerances { Numbers = Tolerance.Abs(1e-6) }, variant: "runs");
        Snapshot.VerifyCsv(curve, new CsvTolerances { Numbers = Tolerance.Abs(1e-6) }, variant: "curve");
    }
}
