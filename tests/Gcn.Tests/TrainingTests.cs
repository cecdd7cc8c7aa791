using Papers.Shared.Repro;
using Xunit.Abstractions;

namespace Papers.Gcn.Tests;

/// <summary>Training runs against the paper: a pinned quick run, and Table 2 itself.</summary>
[Collection("Serial")]
public class TrainingTests(ITestOutputHelper output)
{
    /// <summary>Seed 0 of GCN on Cora, every 20th epoch and the final row, pinned: a diff means a real change.</summary>
    [DataFact("planetoid/ind.cora.graph")]
    public void CoraQuickRun()
    {
        Repro.SetThreads(1);
        var config = GcnConfig.Quick;
        using var problem = new Problem(Planetoid.Load("cora"), PropagationModel.RenormalizationTrick, Tables.FixedSplit);
        var curve = new List<GcnEpoch>();
        var run = Train.Run(config, problem, seed: 0, curve);
        Snapshot.VerifyCsv(curve.Where(e => e.Epoch % 20 == 0), new CsvTolerances { Numbers = Tolerance.Abs(1e-5) }, variant: "curve");
        Snapshot.VerifyCsv([run with { Seconds = 0 }], new CsvTolerances { Numbers = Tolerance.Abs(1e-5) }, variant: "run");
    }

    /// <summary>
    /// Table 2, row "GCN (this paper)": the mean test accuracy of 100 random initializations within ±1.0 of the
    /// paper's 81.5 (Cora) and 70.3 (Citeseer), and the number of collapsed runs (stopped early near chance) pinned:
    /// under the authors' rule 2 of Citeseer's 100 stop at epochs 16–18, as the L2 term's early growth outweighs the
    /// falling cross-entropy in the validation loss; stopping on the cross-entropy alone, none do. A change in either
    /// count, or in the spread, fails here rather than hiding in the mean.
    /// </summary>
    [DataTheory("planetoid/ind.cora.graph", "planetoid/ind.citeseer.graph")]
    [InlineData("cora", Stopping.Loss, 0, 1.0)]
    [InlineData("citeseer", Stopping.Loss, 2, 8.0)]
    [InlineData("citeseer", Stopping.CrossEntropy, 0, 1.0)]
    public void Table2MeanOfHundredSeedsIsWithinOnePointOfThePaper(string dataset, string stopOn, int collapsed, double maxStd)
    {
        Repro.SetThreads(1);
        var config = new GcnConfig { StopOn = stopOn };
        using var problem = new Problem(Planetoid.Load(dataset), PropagationModel.RenormalizationTrick, Tables.FixedSplit);
        var runs = Enumerable.Range(0, config.Seeds).Select(seed => Train.Run(config, problem, seed)).ToList();
        // The row the table reports: mean and sample standard deviation of the test accuracies (%).
        var row = Tables.Summarize("Table 2", "GCN (this paper)", dataset, Tables.Table2Fixed[dataset], runs, "", config);
        var (mean, std) = (row.OursMean, row.OursStd);
        output.WriteLine($"{dataset}, stopping on {stopOn}: {mean:F2} ± {std:F2} over {runs.Count} seeds, {Tables.Collapsed(runs)} collapsed (paper {Tables.Table2Fixed[dataset]})");
        Assert.InRange(mean, Tables.Table2Fixed[dataset] - 1.0, Tables.Table2Fixed[dataset] + 1.0);
        Assert.Equal(collapsed, Tables.Collapsed(runs));
        Assert.True(std <= maxStd, $"std {std:F2} above {maxStd}");
    }

    /// <summary>
    /// Table 3: every propagation model within ±1.5 of the paper, and the renormalization trick best or within
    /// 0.5 of the best. Seven models, two datasets, 100 seeds each: about 40 minutes, so opt-in.
    /// </summary>
    [DataTheory("planetoid/ind.cora.graph", "planetoid/ind.citeseer.graph")]
    [Trait("Tier", "Paper")]
    [InlineData("cora")]
    [InlineData("citeseer")]
    public void Table3PropagationModelsMatchThePaper(string dataset)
    {
        Repro.SetThreads(1);
        var config = new GcnConfig();
        var graph = Planetoid.Load(dataset);
        var means = new Dictionary<PropagationModel, double>();
        foreach (var model in Enum.GetValues<PropagationModel>())
        {
            using var problem = new Problem(graph, model, Tables.FixedSplit);
            means[model] = Enumerable.Range(0, config.Seeds).Average(seed => 100 * Train.Run(config, problem, seed).TestAccuracy);
            output.WriteLine($"{dataset} {model}: {means[model]:F2} (paper {Tables.Table3[(model, dataset)]})");
        }
        Assert.All(means, m => Assert.InRange(m.Value, Tables.Table3[(m.Key, dataset)] - 1.5, Tables.Table3[(m.Key, dataset)] + 1.5));
        Assert.True(means[PropagationModel.RenormalizationTrick] >= means.Values.Max() - 0.5,
            $"renormalization trick {means[PropagationModel.RenormalizationTrick]:F2} vs best {means.Values.Max():F2}");
    }
}
