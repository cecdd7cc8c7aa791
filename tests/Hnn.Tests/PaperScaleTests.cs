using Xunit.Abstractions;

namespace Papers.Hnn.Tests;

/// <summary>Table 1 at the paper's protocol (500k pairs, the authors' 31 epochs, best of 3 by validation): days on one core, opt-in.</summary>
[Collection("Serial")]
public class PaperScaleTests(ITestOutputHelper output)
{
    /// <summary>PREFIX-10%: each model's best-of-3 test accuracy within ±1.5 points of Table 1.</summary>
    [DataTheory("hyperbolic/prefix_10_dataset/dev", "hyperbolic/prefix_10_dataset/test"), Trait("Tier", "Paper")]
    [InlineData(Variant.EuclideanRnn)]
    [InlineData(Variant.HyperbolicGru)]
    public void Table1Prefix10IsWithinOneAndAHalfPointsOfThePaper(Variant variant)
    {
        var config = new HnnConfig();
        var dev = Prefix.Load(Prefix.Folder(10), "dev");
        var test = Prefix.Load(Prefix.Folder(10), "test");
        var train = Prefix.Generate(10, config.TrainPairs, config.DataSeed + 10);
        var runs = Enumerable.Range(0, config.Seeds).Select(seed => Train.Run(config, "PREFIX-10%", variant, seed, train, dev, test)).ToList();
        var cell = Tables.Table1Cell(variant, 10, runs);
        output.WriteLine($"{variant}: {cell.OursMean:F2} (paper {cell.Paper})");
        Assert.InRange(cell.OursMean, cell.Paper!.Value - 1.5, cell.Paper.Value + 1.5);
    }
}
