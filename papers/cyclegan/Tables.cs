using Papers.Shared.Results;

namespace Papers.CycleGan;

/// <summary>
/// The reference numbers: CyCADA's digit results (Hoffman et al., ICML 2018, arXiv:1711.03213, Table 1), which our
/// digit rows measure, and the CycleGAN paper's Cityscapes FCN scores (arXiv:1703.10593, Tables 2–5), which need
/// data and an evaluator we do not have (see the README).
/// </summary>
public static class Tables
{
    public const string CyCada = "CyCADA Table 1";

    /// <summary>CyCADA Table 1, target test accuracy (%): source only and pixel-level adaptation (CycleGAN with L_sem).</summary>
    public static readonly IReadOnlyDictionary<(string Direction, string Row), double> Table1 = new Dictionary<(string, string), double>
    {
        [(Directions.MnistToUsps, SourceOnly)] = 82.2, [(Directions.MnistToUsps, PixelLevel)] = 95.6,
        [(Directions.UspsToMnist, SourceOnly)] = 69.6, [(Directions.UspsToMnist, PixelLevel)] = 96.5,
    };

    public const string SourceOnly = "Source only";
    public const string PixelLevel = "CyCADA pixel only";

    /// <summary>
    /// The CycleGAN paper's FCN scores on Cityscapes (per-pixel accuracy, per-class accuracy, class IoU): Table 2 and
    /// Table 4 labels → photo, Table 3 and Table 5 photo → labels; Tables 4 and 5 are the loss ablations.
    /// </summary>
    public static readonly IReadOnlyList<(string Table, string Row, double PerPixel, double PerClass, double ClassIoU)> Cityscapes =
    [
        ("Table 2 (labels → photo)", "CycleGAN", 0.52, 0.17, 0.11),
        ("Table 2 (labels → photo)", "pix2pix (paired)", 0.71, 0.25, 0.18),
        ("Table 3 (photo → labels)", "CycleGAN", 0.58, 0.22, 0.16),
        ("Table 3 (photo → labels)", "pix2pix (paired)", 0.85, 0.40, 0.32),
        ("Table 4 (labels → photo)", "Cycle alone", 0.22, 0.07, 0.02),
        ("Table 4 (labels → photo)", "GAN alone", 0.51, 0.11, 0.08),
        ("Table 4 (labels → photo)", "GAN + forward cycle", 0.55, 0.18, 0.12),
        ("Table 4 (labels → photo)", "GAN + backward cycle", 0.39, 0.14, 0.06),
        ("Table 4 (labels → photo)", "CycleGAN", 0.52, 0.17, 0.11),
        ("Table 5 (photo → labels)", "Cycle alone", 0.10, 0.05, 0.02),
        ("Table 5 (photo → labels)", "GAN alone", 0.53, 0.11, 0.07),
        ("Table 5 (photo → labels)", "GAN + forward cycle", 0.49, 0.11, 0.07),
        ("Table 5 (photo → labels)", "GAN + backward cycle", 0.01, 0.06, 0.01),
        ("Table 5 (photo → labels)", "CycleGAN", 0.58, 0.22, 0.16),
    ];

    public static string VariantName(double semanticWeight) => semanticWeight > 0 ? $"CycleGAN + L_sem (weight {semanticWeight:0.###})" : "CycleGAN";

    /// <summary>Our rows for one direction: source only once, then each variant's translated-source accuracy and label preservation.</summary>
    public static IEnumerable<TableRow> Digits(string direction, IReadOnlyList<DirectionRun> runs)
    {
        var mine = runs.Where(r => r.Direction == direction).ToList();
        if (mine.Count == 0) yield break;
        var first = mine.Where(r => r.SemanticWeight == mine[0].SemanticWeight).ToList();
        yield return TableRow.Summarize(CyCada, SourceOnly, direction, "target test accuracy (%) of a LeNet trained on raw source images, mean over seeds",
            Table1[(direction, SourceOnly)], first.Select(r => r.SourceOnlyAccuracy));
        yield return TableRow.Summarize(CyCada, "Target oracle", direction, "target test accuracy (%) of a LeNet trained on the target's own labels (not in the table)",
            null, first.Select(r => r.TargetOracleAccuracy));
        foreach (var variant in mine.GroupBy(r => r.SemanticWeight))
        {
            var iterations = variant.First().Iterations;
            yield return TableRow.Summarize(CyCada, VariantName(variant.Key), direction,
                $"target test accuracy (%) of a LeNet trained on translated source images, CycleGAN after {iterations} iterations; the paper's is pixel-level CyCADA (CycleGAN + L_sem), fully trained",
                Table1[(direction, PixelLevel)], variant.Select(r => r.TranslatedAccuracy));
            yield return TableRow.Summarize(CyCada, $"{VariantName(variant.Key)}: label preservation", direction,
                $"accuracy (%) of the target-trained LeNet on translated source test images, scored with their source labels, after {iterations} iterations",
                null, variant.Select(r => r.LabelPreservation));
        }
    }

    /// <summary>The Cityscapes cells, beside none of ours: no Cityscapes data and no FCN-8s evaluator here.</summary>
    public static IEnumerable<TableRow> NotRun() => Cityscapes.SelectMany(c => new[]
    {
        ("per-pixel acc.", c.PerPixel), ("per-class acc.", c.PerClass), ("class IoU", c.ClassIoU),
    }.Select(m => new TableRow($"CycleGAN {c.Table}", c.Row, $"Cityscapes {m.Item1}",
        "not run: needs Cityscapes (gtFine + leftImg8bit), an FCN-8s trained on it, and GPU days (see the README)", m.Item2, double.NaN, double.NaN, 0)));
}
