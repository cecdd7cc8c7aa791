using Papers.Shared.Results;

namespace Papers.Hnn;

/// <summary>The paper's numbers, with their places, and our runs summarised beside them.</summary>
public static class Tables
{
    /// <summary>Table 1, test accuracy (%) on PREFIX-10% / 30% / 50%: each cell the best of 3 runs by validation (§4).</summary>
    public static readonly IReadOnlyDictionary<(Variant, int), double> Table1 = new Dictionary<(Variant, int), double>
    {
        [(Variant.EuclideanRnn, 10)] = 89.62, [(Variant.EuclideanRnn, 30)] = 81.71, [(Variant.EuclideanRnn, 50)] = 72.10,
        [(Variant.HyperbolicRnnEuclideanMlr, 10)] = 96.36, [(Variant.HyperbolicRnnEuclideanMlr, 30)] = 87.83, [(Variant.HyperbolicRnnEuclideanMlr, 50)] = 76.50,
        [(Variant.HyperbolicRnn, 10)] = 96.91, [(Variant.HyperbolicRnn, 30)] = 87.25, [(Variant.HyperbolicRnn, 50)] = 62.94,
        [(Variant.EuclideanGru, 10)] = 95.96, [(Variant.EuclideanGru, 30)] = 86.47, [(Variant.EuclideanGru, 50)] = 75.04,
        [(Variant.HyperbolicGruEuclideanMlr, 10)] = 97.36, [(Variant.HyperbolicGruEuclideanMlr, 30)] = 88.47, [(Variant.HyperbolicGruEuclideanMlr, 50)] = 76.87,
        [(Variant.HyperbolicGru, 10)] = 97.14, [(Variant.HyperbolicGru, 30)] = 88.26, [(Variant.HyperbolicGru, 50)] = 76.44,
    };

    /// <summary>Table 1's SNLI column: it needs SNLI's training split, which is not here.</summary>
    public static readonly IReadOnlyDictionary<Variant, double> Table1Snli = new Dictionary<Variant, double>
    {
        [Variant.EuclideanRnn] = 79.34, [Variant.HyperbolicRnnEuclideanMlr] = 79.18, [Variant.HyperbolicRnn] = 78.21,
        [Variant.EuclideanGru] = 81.52, [Variant.HyperbolicGruEuclideanMlr] = 79.76, [Variant.HyperbolicGru] = 81.19,
    };

    public static string PrefixName(int z) => $"PREFIX-{z}%";

    /// <summary>A Table 1 cell: the test accuracy of the run with the best validation accuracy, as the paper reports it.</summary>
    public static TableRow Table1Cell(Variant variant, int z, IReadOnlyList<PrefixRun> runs)
    {
        var best = runs.MaxBy(r => r.BestValidationAccuracy)!;
        return new TableRow("Table 1", variant.Describe(), PrefixName(z),
            $"test accuracy (%) of the best of {runs.Count} runs by validation ({best.TrainPairs} generated pairs, {best.Epochs} epochs)",
            Table1[(variant, z)], 100 * best.TestAccuracy, runs.Count == 1 ? double.NaN : 100 * StandardDeviation(runs.Select(r => r.TestAccuracy)), runs.Count);
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    public static TableRow NeedsData(string table, string row, string column, double? paper, string missing) =>
        new(table, row, column, $"needs data: {missing}", paper, double.NaN, double.NaN, 0);
}
